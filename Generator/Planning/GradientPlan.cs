namespace NetGen.Generator.Planning;

/// <summary>How one layer's backward pass hands the gradient of one of its inputs back.</summary>
internal enum GradientMode
{
    /// <summary>The input needs no gradient (no trainable weight upstream), or the layer is dead (nobody reads it).</summary>
    None,

    /// <summary>
    /// The input's gradient is this layer's output gradient, transformed in place (Dropout, activations,
    /// BatchNormalization, views, the first input of Add): the same buffer, nothing copied. Only when this layer is the
    /// input's only reader.
    /// </summary>
    Alias,

    /// <summary>This layer's contribution is the first (in backward order): it writes the input's gradient buffer.</summary>
    Write,

    /// <summary>A later contribution to an input read by several layers: computed into the scratch buffer, then added.</summary>
    Accumulate,
}

/// <summary>
/// The gradient of one layer input: the mode, the tensor it belongs to (node <paramref name="Tensor"/>, whose gradient
/// is the local <c>d{Tensor}</c> in generated code), the field holding it, and its values per sample.
/// </summary>
internal sealed record InputGradientPlan(GradientMode Mode, int Tensor, string Field, int PerSample)
{
    /// <summary>The generated local holding the gradient of the tensor: <c>d{Tensor}</c>.</summary>
    public string Local => "d" + Tensor;
}
