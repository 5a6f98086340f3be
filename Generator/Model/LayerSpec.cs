using System;

namespace NetGen.Generator.Model;

/// <summary>
/// One layer of a network, with everything the emitters need already decided: shapes, parameter offsets, buffers.
/// </summary>
/// <remarks>
/// Specs are the incremental-generation cache boundary. They must stay (1) immutable and (2) structurally equal:
/// only primitives, strings, enums, other specs, <see cref="TensorShape"/> and <c>EquatableArray</c>. Never a
/// symbol, syntax node, location or compilation (Tests/Generator/ModelHygieneTests enforces it), or caching breaks.
/// </remarks>
internal abstract record LayerSpec
{
    /// <summary>The position in the attribute list; the Input attribute is 0.</summary>
    public required int Index { get; init; }

    /// <summary>The Keras layer name, e.g. <c>dense_1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The attribute as the user wrote it, quoted in generated comments.</summary>
    public required string AttributeText { get; init; }

    public required TensorShape InputShape { get; init; }

    public required TensorShape OutputShape { get; init; }

    public required int ParameterCount { get; init; }

    /// <summary>The parameters the optimizer updates (all of them except moving statistics and frozen layers' weights).</summary>
    public virtual int TrainableParameterCount => ParameterCount;

    /// <summary>Whether some earlier layer has trainable weights, so this layer must produce the gradient of its input.</summary>
    public required bool NeedsInputGradient { get; init; }

    /// <summary>The Keras class name, e.g. <c>Dense</c>.</summary>
    public abstract string KerasType { get; }

    /// <summary>The prefix of this layer's buffers in generated code, e.g. <c>L2</c>.</summary>
    public string Prefix => "L" + Index;
}

/// <summary>Keras's <c>Dense</c>: y = activation(x·W + b), W of shape (in, out).</summary>
internal sealed record DenseSpec : LayerSpec
{
    public required int Units { get; init; }

    public required ActivationKind Activation { get; init; }

    public required bool UseBias { get; init; }

    public required int KernelOffset { get; init; }

    public required int BiasOffset { get; init; }

    /// <summary>Whether the loss reads this layer's logits (fused softmax/sigmoid cross-entropy).</summary>
    public required bool FusedWithLoss { get; init; }

    /// <summary>Keras's kernel_regularizer, or null.</summary>
    public RegularizerSpec? KernelRegularizer { get; init; }

    /// <summary>Keras's bias_regularizer, or null.</summary>
    public RegularizerSpec? BiasRegularizer { get; init; }

    /// <summary>Keras's activity_regularizer (on the output after the activation, divided by the batch size), or null.</summary>
    public RegularizerSpec? ActivityRegularizer { get; init; }

    public override string KerasType => "Dense";

    public int InputUnits => InputShape.Last;

    /// <summary>The name of the shape-specialized kernel class, shared by Dense layers of equal shape.</summary>
    public string KernelName => "Dense_" + InputUnits + "x" + Units + (UseBias ? "" : "_NoBias");
}

/// <summary>Keras's <c>Flatten</c>: a view; no computation.</summary>
internal sealed record FlattenSpec : LayerSpec
{
    public override string KerasType => "Flatten";
}

/// <summary>Keras's <c>Dropout</c> (inverted scaling).</summary>
internal sealed record DropoutSpec : LayerSpec
{
    public required double Rate { get; init; }

    public override string KerasType => "Dropout";
}

/// <summary>Keras's <c>Activation</c> layer.</summary>
internal sealed record ActivationLayerSpec : LayerSpec
{
    public required ActivationKind Activation { get; init; }

    /// <summary>Whether the loss reads this layer's input as logits (fused softmax/sigmoid cross-entropy).</summary>
    public required bool FusedWithLoss { get; init; }

    public override string KerasType => "Activation";
}

/// <summary>Keras's <c>LeakyReLU</c> layer: x if x &gt; 0 else Alpha·x.</summary>
internal sealed record LeakyReluSpec : LayerSpec
{
    public required double Alpha { get; init; }

    public override string KerasType => "LeakyReLU";
}
