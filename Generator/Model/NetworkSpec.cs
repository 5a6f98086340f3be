using NetGen.Generator.Helpers;

namespace NetGen.Generator.Model;

/// <summary>A whole network, resolved: the single input to the emitter.</summary>
/// <remarks>
/// The incremental-generation cache boundary: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).
/// It holds no source positions, so moving the class or adding a comment leaves the output cached.
/// </remarks>
internal sealed record NetworkSpec
{
    /// <summary>The namespace, or empty for the global namespace.</summary>
    public required string Namespace { get; init; }

    public required string ClassName { get; init; }

    /// <summary>The consuming compilation does not optimize (a Debug build): NG0140, and Fit says so once.</summary>
    public bool CompiledWithoutOptimization { get; init; }

    /// <summary>The class's accessibility keyword as declared (e.g. <c>public</c>), or empty.</summary>
    public required string Accessibility { get; init; }

    /// <summary>The inputs, nodes 0 … Inputs.Count − 1 of the graph, in declaration order.</summary>
    public required EquatableArray<InputSpec> Inputs { get; init; }

    /// <summary>
    /// Whether the network was declared as a graph (named inputs, <c>From</c>, merges) rather than a plain stack: its
    /// summary is Keras's functional table, and checkpoints record its wiring.
    /// </summary>
    public required bool IsGraph { get; init; }

    public required EquatableArray<LayerSpec> Layers { get; init; }

    public required EquatableArray<WeightSpec> Weights { get; init; }

    public required int ParameterCount { get; init; }

    /// <summary>The trainable parameters: the head [0, TrainableParameterCount) of the flat buffer; the non-trainable ones follow.</summary>
    public required int TrainableParameterCount { get; init; }

    /// <summary>The loss of the first (for most networks the only) output.</summary>
    public required LossSpec Loss { get; init; }

    /// <summary>
    /// The outputs in Keras's <c>Model(outputs=[…])</c> order: one (the last layer, weight 1) unless the network declares
    /// <c>[Network(Outputs = …)]</c>. The network's output row is their values concatenated in this order.
    /// </summary>
    public required EquatableArray<OutputSpec> Outputs { get; init; }

    /// <summary>Whether the network has several outputs, each with its loss and weight (Keras's multi-output model).</summary>
    public bool HasSeveralOutputs => Outputs.Count > 1;

    public required OptimizerSpec Optimizer { get; init; }

    public required EquatableArray<MetricKind> Metrics { get; init; }

    public required string CompileAttributeText { get; init; }

    /// <summary>
    /// <c>[Network(InferenceOnly = true)]</c>: only the forward pass is generated (no loss, backward pass, gradient
    /// buffers or optimizer); <see cref="Loss"/>, <see cref="Optimizer"/> and <see cref="Metrics"/> are placeholders.
    /// </summary>
    public bool InferenceOnly { get; init; }

    /// <summary>The first (for most networks the only) input's shape.</summary>
    public TensorShape InputShape => Inputs[0].Shape;

    /// <summary>The first (for most networks the only) output's layer.</summary>
    public LayerSpec OutputLayer => Layers[Outputs[0].Index - Inputs.Count];

    /// <summary>The name of node <paramref name="index"/>: an input's or a layer's.</summary>
    public string NodeName(int index) => index < Inputs.Count ? Inputs[index].Name : Layers[index - Inputs.Count].Name;

    /// <summary>The output shape of node <paramref name="index"/>.</summary>
    public TensorShape NodeShape(int index) => index < Inputs.Count ? Inputs[index].Shape : Layers[index - Inputs.Count].OutputShape;

    /// <summary>The values of one output row: every output's, concatenated.</summary>
    public int OutputSize
    {
        get
        {
            int size = 0;
            foreach (OutputSpec output in Outputs) size += output.Size;
            return size;
        }
    }

    public string HintName => (Namespace.Length == 0 ? "" : Namespace + ".") + ClassName + ".NetGen.g.cs";
}

/// <summary>One weight tensor in the flat parameter buffer; non-trainable weights sit after every trainable one.</summary>
internal sealed record WeightSpec(string KerasName, string ConstantName, EquatableArray<int> Shape, int Offset, int Length, InitializerKind Initializer, int FanIn, int FanOut, bool Trainable = true)
{
    /// <summary>The initializer's arguments (constant, bounds, mean and stddev, gain), or null when it takes none.</summary>
    public InitializerArgumentsSpec? Arguments { get; init; }
}

/// <summary>The loss, and how it reads the network's output.</summary>
/// <param name="HuberDelta">δ of <see cref="LossKind.Huber"/> (Keras's <c>delta</c>); 1.0, unused, for the other losses.</param>
internal sealed record LossSpec(LossKind Kind, bool FromLogits, LossInput Input, double HuberDelta = 1.0)
{
    /// <summary>The loss of an inference-only network: none is generated; this only fills the spec.</summary>
    public static LossSpec Unused { get; } = new(LossKind.MeanSquaredError, FromLogits: false, LossInput.Output);
}

/// <summary>One output of the network: its layer (node <paramref name="Index"/>), values per sample, loss and loss weight.</summary>
/// <param name="Name">The output layer's name (Keras's log prefix: <c>{Name}_loss</c>).</param>
/// <param name="Index">The output layer's node index.</param>
/// <param name="Size">The output's values per sample.</param>
/// <param name="Loss">The output's loss.</param>
/// <param name="Weight">The loss weight (Keras's <c>loss_weights</c>, default 1).</param>
internal sealed record OutputSpec(string Name, int Index, int Size, LossSpec Loss, double Weight)
{
    /// <summary>The label values per sample: 1 for class indices, else one per output value.</summary>
    public int LabelWidth => Loss.Kind == LossKind.SparseCategoricalCrossentropy ? 1 : Size;
}
