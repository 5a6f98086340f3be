using System.Linq;
using NetGen.Generator.Helpers;

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
    /// <summary>
    /// The node's position among the inputs and layers in declaration order: the inputs come first (a single input is
    /// node 0), so a plain stack's layers are 1, 2, … as in the attribute list.
    /// </summary>
    public int Index { get; init; }

    /// <summary>The nodes this layer reads, in order (one for most layers, several for merges); resolved by the graph pass.</summary>
    public EquatableArray<int> Inputs { get; init; }

    /// <summary>Whether the layer reads only the node above it, as in a plain stack (its descriptions then show a shape, not names).</summary>
    public bool ReadsNodeAbove => Inputs.Count == 1 && Inputs[0] == Index - 1;

    /// <summary>The Keras layer name, e.g. <c>dense_1</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The attribute as the user wrote it, quoted in generated comments.</summary>
    public required string AttributeText { get; init; }

    /// <summary>The shapes of <see cref="Inputs"/>, in order; set by the shape pass.</summary>
    public EquatableArray<TensorShape> InputShapes { get; init; }

    /// <summary>The shape of the first (for most layers the only) input.</summary>
    public TensorShape InputShape => InputShapes[0];

    public TensorShape OutputShape { get; init; }

    public int ParameterCount { get; init; }

    /// <summary>The parameters the optimizer updates (all of them except moving statistics and frozen layers' weights).</summary>
    public virtual int TrainableParameterCount => ParameterCount;

    /// <summary>Per input: whether a trainable weight lies upstream of it, so this layer must produce its gradient.</summary>
    public EquatableArray<bool> InputsNeedGradient { get; init; }

    /// <summary>The Keras class name, e.g. <c>Dense</c>.</summary>
    public abstract string KerasType { get; }

    /// <summary>
    /// Whether the backward pass turns the output gradient into the first input's gradient in place (views,
    /// elementwise layers, Add), so that input can share the buffer when this layer is its only reader.
    /// </summary>
    public virtual bool PassesGradientInPlace => false;

    /// <summary>
    /// Whether input <paramref name="k"/>'s gradient is the output gradient as it stands after the layer's in-place
    /// work (every input of Add and Average, the first of the others that <see cref="PassesGradientInPlace"/>), so that
    /// one such input may share the buffer.
    /// </summary>
    public virtual bool PassesGradientInPlaceTo(int k) => PassesGradientInPlace && k == 0;

    /// <summary>
    /// The multiply-adds of one sample's forward pass (a Dense layer's weights): what the planner splits over threads
    /// and weighs layers by. Layers that only move or scale their values count 0: they are bound by memory.
    /// </summary>
    public virtual long MultiplyAddsPerSample => 0;

    /// <summary>The prefix of this layer's buffers in generated code, e.g. <c>L2</c>.</summary>
    public string Prefix => "L" + Index;
}

/// <summary>Keras's <c>Dense</c>: y = activation(x·W + b), W of shape (in, out).</summary>
internal sealed record DenseSpec : LayerSpec
{
    public required int Units { get; init; }

    public override long MultiplyAddsPerSample => (long)RowsPerSample * InputUnits * Units;

    public required ActivationKind Activation { get; init; }

    public required bool UseBias { get; init; }

    /// <summary>Whether the loss reads this layer's logits (fused softmax/sigmoid cross-entropy).</summary>
    public required bool FusedWithLoss { get; init; }

    public required InitializerKind KernelInitializer { get; init; }

    public required InitializerKind BiasInitializer { get; init; }

    /// <summary>The kernel initializer's arguments, or null when it takes none.</summary>
    public InitializerArgumentsSpec? KernelInitializerArguments { get; init; }

    /// <summary>The bias initializer's arguments, or null when it takes none (or there is no bias).</summary>
    public InitializerArgumentsSpec? BiasInitializerArguments { get; init; }

    /// <summary>Keras's kernel_regularizer, or null.</summary>
    public RegularizerSpec? KernelRegularizer { get; init; }

    /// <summary>Keras's bias_regularizer, or null.</summary>
    public RegularizerSpec? BiasRegularizer { get; init; }

    /// <summary>Keras's activity_regularizer (on the output after the activation, divided by the batch size), or null.</summary>
    public RegularizerSpec? ActivityRegularizer { get; init; }

    public override string KerasType => "Dense";

    public int InputUnits => InputShape.Last;

    /// <summary>
    /// The rows of the product per sample: 1 for a flat input; for a sequence (steps, features) or a map (h, w, c) Keras
    /// applies the kernel to the last axis at every position, so one sample is steps (h·w) rows of x·W + b.
    /// </summary>
    public int RowsPerSample => InputShape.Size / InputUnits;

    /// <summary>The name of the shape-specialized kernel class, shared by Dense layers of equal shape.</summary>
    public string KernelName => "Dense_" + InputUnits + "x" + Units + (UseBias ? "" : "_NoBias");
}

/// <summary>Keras's <c>Flatten</c>: a view; no computation.</summary>
internal sealed record FlattenSpec : LayerSpec
{
    public override bool PassesGradientInPlace => true;

    public override string KerasType => "Flatten";
}

/// <summary>Keras's <c>Dropout</c> (inverted scaling).</summary>
internal sealed record DropoutSpec : LayerSpec
{
    public required double Rate { get; init; }

    public override bool PassesGradientInPlace => true;

    public override string KerasType => "Dropout";
}

/// <summary>Keras's <c>Activation</c> layer.</summary>
internal sealed record ActivationLayerSpec : LayerSpec
{
    public required ActivationKind Activation { get; init; }

    /// <summary>Whether the loss reads this layer's input as logits (fused softmax/sigmoid cross-entropy).</summary>
    public required bool FusedWithLoss { get; init; }

    public override bool PassesGradientInPlace => true;

    public override string KerasType => "Activation";
}

/// <summary>Keras's <c>LeakyReLU</c> layer: x if x &gt; 0 else Alpha·x.</summary>
internal sealed record LeakyReluSpec : LayerSpec
{
    public required double Alpha { get; init; }

    public override bool PassesGradientInPlace => true;

    public override string KerasType => "LeakyReLU";
}

/// <summary>Keras's <c>Reshape</c>: a view with a new sample shape.</summary>
internal sealed record ReshapeSpec : LayerSpec
{
    public override bool PassesGradientInPlace => true;

    public override string KerasType => "Reshape";
}
