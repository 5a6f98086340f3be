using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// What the source generator knows about a network, for the runtime: shapes, layers (for <see cref="Model.Summary"/>),
/// the weight table (Keras names, shapes, offsets into the flat parameter buffer), loss, optimizer and metrics.
/// Generated code creates one instance per network class.
/// </summary>
public sealed class ModelDescription
{
    /// <summary>The network's class name.</summary>
    public required string Name { get; init; }

    /// <summary>The shape of one input sample, without the batch dimension (of the first input, when there are several).</summary>
    public required IReadOnlyList<int> InputShape { get; init; }

    /// <summary>
    /// The network's inputs in declaration order (Keras's <c>model.inputs</c>). When not set, one input named
    /// <c>input</c> of shape <see cref="InputShape"/>; when set, its first entry has the shape <see cref="InputShape"/>.
    /// </summary>
    public IReadOnlyList<InputInfo> Inputs
    {
        get
        {
            if (_inputs is null)
            {
                var shape = new int[InputShape.Count];
                for (int i = 0; i < shape.Length; i++) shape[i] = InputShape[i];
                _inputs = [new InputInfo(DefaultInputName, shape)];
            }
            return _inputs;
        }
        init => _inputs = value;
    }

    private IReadOnlyList<InputInfo>? _inputs;

    /// <summary>The name of the input of a network that does not name it (and of a <see cref="DataSet"/> built from one feature array).</summary>
    internal const string DefaultInputName = "input";

    /// <summary>
    /// Whether the network was declared as a graph (named inputs, <c>From</c>, merge layers) rather than a plain stack:
    /// <see cref="Model.Summary"/> then prints Keras's functional table, and checkpoints record the wiring
    /// (<see cref="LayerInfo.Inbound"/>).
    /// </summary>
    public bool IsGraph { get; init; }

    /// <summary>The number of output values per sample.</summary>
    public required int OutputSize { get; init; }

    /// <summary>
    /// The network's outputs in order (Keras's <c>model.outputs</c>). When not set, one output: the last layer, of
    /// <see cref="OutputSize"/> values, with <see cref="Loss"/> and weight 1. When set, the sizes add up to
    /// <see cref="OutputSize"/>: an output row is every output's values concatenated, a label row every output's labels.
    /// </summary>
    public IReadOnlyList<OutputInfo> Outputs
    {
        get
        {
            _outputs ??= [new OutputInfo(Layers.Count > 0 ? Layers[Layers.Count - 1].Name : "output", OutputSize, Loss, FromLogits)];
            return _outputs;
        }
        init => _outputs = value;
    }

    private IReadOnlyList<OutputInfo>? _outputs;

    /// <summary>Whether the network has several outputs (each with its loss, logged as <c>{output}_loss</c>).</summary>
    public bool HasSeveralOutputs => Outputs.Count > 1;

    /// <summary>The layers in order (the input is not a layer, as in Keras's summary).</summary>
    public required IReadOnlyList<LayerInfo> Layers { get; init; }

    /// <summary>
    /// Every weight tensor, in Keras's order (layer by layer, e.g. <c>gamma</c>, <c>beta</c>, <c>moving_mean</c>,
    /// <c>moving_variance</c>). In the flat parameter buffer every trainable weight comes before the non-trainable
    /// ones, so the offsets of a network with non-trainable weights are not in this order.
    /// </summary>
    public required IReadOnlyList<WeightInfo> Weights { get; init; }

    /// <summary>The length of the flat parameter buffer.</summary>
    public required int ParameterCount { get; init; }

    /// <summary>
    /// The number of trainable parameters: the first values of the flat buffer, which the optimizer updates and its
    /// state mirrors. The non-trainable weights (moving statistics, frozen layers) follow them.
    /// </summary>
    public int TrainableParameterCount
    {
        get
        {
            if (_trainableParameterCount < 0)
            {
                int count = 0;
                for (int i = 0; i < Weights.Count; i++)
                {
                    if (Weights[i].Trainable) count += Weights[i].Length;
                }
                _trainableParameterCount = count;
            }
            return _trainableParameterCount;
        }
    }

    private int _trainableParameterCount = -1;

    /// <summary>
    /// Whether the network was declared <c>[Network(InferenceOnly = true)]</c>: it has a forward pass and nothing to
    /// train with. <see cref="Loss"/>, <see cref="FromLogits"/>, <see cref="Optimizer"/> and <see cref="Metrics"/> then
    /// hold their defaults and mean nothing, and <see cref="OptimizerSlotCount"/> is 0.
    /// </summary>
    public bool InferenceOnly { get; init; }

    /// <summary>The loss function.</summary>
    public required Loss Loss { get; init; }

    /// <summary>Whether the loss takes logits (declared <c>FromLogits</c>).</summary>
    public required bool FromLogits { get; init; }

    /// <summary>The optimizer.</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>Optimizer state buffers per parameter (SGD 0, SGD with momentum 1, Adam 2).</summary>
    public required int OptimizerSlotCount { get; init; }

    /// <summary>Keras's names of the optimizer state buffers, in slot order (e.g. Adam <c>momentum</c>, <c>velocity</c>); one per slot.</summary>
    public required IReadOnlyList<string> OptimizerSlotNames { get; init; }

    /// <summary>Keras's names of the optimizer's scalar state (Nadam's <c>u_product</c>); empty for the other optimizers.</summary>
    public IReadOnlyList<string> OptimizerScalarNames { get; init; } = [];

    /// <summary>The metrics besides the loss.</summary>
    public required IReadOnlyList<Metric> Metrics { get; init; }

    /// <summary>The number of values in one input sample (of the first input, when there are several).</summary>
    public int InputSize
    {
        get
        {
            // Cached: the training loop asks per sample, and enumerating an IReadOnlyList allocates.
            if (_inputSize == 0)
            {
                int size = 1;
                for (int i = 0; i < InputShape.Count; i++) size *= InputShape[i];
                _inputSize = size;
            }
            return _inputSize;
        }
    }

    private int _inputSize;

    /// <summary>
    /// Whether labels are class indices (one value per sample) rather than rows of <see cref="OutputSize"/> values (of
    /// the first output, when there are several: see <see cref="OutputInfo.UsesClassIndexLabels"/>).
    /// </summary>
    public bool UsesClassIndexLabels => Loss == Loss.SparseCategoricalCrossentropy;

    /// <summary>The number of label values per sample: every output's <see cref="OutputInfo.LabelWidth"/>, added up.</summary>
    public int LabelWidth
    {
        get
        {
            IReadOnlyList<OutputInfo> outputs = Outputs;
            if (outputs.Count == 1) return UsesClassIndexLabels ? 1 : OutputSize;
            int width = 0;
            for (int k = 0; k < outputs.Count; k++) width += outputs[k].LabelWidth;
            return width;
        }
    }

    /// <summary>The index of the output named <paramref name="name"/>, or −1.</summary>
    internal int IndexOfOutput(string name)
    {
        IReadOnlyList<OutputInfo> outputs = Outputs;
        for (int k = 0; k < outputs.Count; k++)
        {
            if (string.Equals(outputs[k].Name, name, StringComparison.Ordinal)) return k;
        }
        return -1;
    }

    /// <summary>The outputs as <c>'main_output' (1 value), 'aux_output' (1 value)</c>, for messages.</summary>
    internal string DescribeOutputs()
    {
        IReadOnlyList<OutputInfo> outputs = Outputs;
        var parts = new string[outputs.Count];
        for (int k = 0; k < parts.Length; k++)
            parts[k] = $"'{outputs[k].Name}' ({outputs[k].LabelWidth} label value{(outputs[k].LabelWidth == 1 ? "" : "s")})";
        return string.Join(", ", parts);
    }

    /// <summary>
    /// The names layer <paramref name="layer"/> reads: its <see cref="LayerInfo.Inbound"/>, or for a layer of a plain
    /// stack the layer before it (the first input for the first layer).
    /// </summary>
    internal IReadOnlyList<string> InboundOf(int layer)
    {
        IReadOnlyList<string>? inbound = Layers[layer].Inbound;
        if (inbound is not null) return inbound;
        return [layer == 0 ? Inputs[0].Name : Layers[layer - 1].Name];
    }

    /// <summary>
    /// Checks what the runtime relies on: at least one input, each with a non-empty unique name and a shape of positive
    /// dimensions, the first one of shape <see cref="InputShape"/>, and every inbound name naming an input or another layer.
    /// </summary>
    /// <exception cref="ArgumentException">The description is inconsistent; the message says where.</exception>
    internal void Validate()
    {
        IReadOnlyList<InputInfo> inputs = Inputs;
        if (inputs.Count == 0)
            throw new ArgumentException($"The description of {Name} lists no inputs; expected at least one.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < inputs.Count; i++)
        {
            InputInfo input = inputs[i];
            if (input is null || string.IsNullOrEmpty(input.Name))
                throw new ArgumentException($"The description of {Name}: input {i} has no name.");
            if (!names.Add(input.Name))
                throw new ArgumentException($"The description of {Name} declares the input '{input.Name}' twice.");
            if (input.Shape is null || input.Shape.Length == 0 || Array.Exists(input.Shape, d => d <= 0))
                throw new ArgumentException(
                    $"The description of {Name}: input '{input.Name}' has shape {(input.Shape is null ? "null" : DataSet.FormatShape(input.Shape))}; expected at least one dimension, each positive.");
        }
        if (!SameShape(inputs[0].Shape, InputShape))
            throw new ArgumentException(
                $"The description of {Name}: InputShape is {DataSet.FormatShape(InputShape)} but the first input '{inputs[0].Name}' has shape {DataSet.FormatShape(inputs[0].Shape)}; they must agree.");
        foreach (LayerInfo layer in Layers)
        {
            // A graph's wiring is by name: a layer may not share one with an input or another layer.
            if (!names.Add(layer.Name) && IsGraph)
                throw new ArgumentException($"The description of {Name} uses the name '{layer.Name}' twice; the inputs and layers of a graph need distinct names.");
        }
        IReadOnlyList<OutputInfo> outputs = Outputs;
        if (outputs.Count == 0)
            throw new ArgumentException($"The description of {Name} lists no outputs; expected at least one.");
        var outputNames = new HashSet<string>(StringComparer.Ordinal);
        long outputSize = 0;
        foreach (OutputInfo output in outputs)
        {
            if (output is null || string.IsNullOrEmpty(output.Name) || !outputNames.Add(output.Name))
                throw new ArgumentException($"The description of {Name}: every output needs a name of its own.");
            if (output.Size <= 0 || !double.IsFinite(output.Weight) || output.Weight < 0)
                throw new ArgumentException($"The description of {Name}: output '{output.Name}' needs a positive size and a finite weight >= 0.");
            outputSize += output.Size;
        }
        if (outputSize != OutputSize)
            throw new ArgumentException($"The description of {Name}: its outputs add up to {outputSize} values per sample; OutputSize is {OutputSize}.");
        foreach (LayerInfo layer in Layers)
        {
            if (layer.Inbound is null) continue;
            foreach (string inbound in layer.Inbound)
            {
                if (inbound is null || !names.Contains(inbound) || inbound == layer.Name)
                    throw new ArgumentException(
                        $"The description of {Name}: layer '{layer.Name}' reads '{inbound}', which is neither an input nor another layer.");
            }
        }
    }

    private static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /// <summary>Finds a weight by its Keras name (e.g. <c>dense/kernel</c>).</summary>
    /// <exception cref="KeyNotFoundException">No weight has that name; the message lists the names that exist.</exception>
    public WeightInfo GetWeight(string name)
    {
        foreach (WeightInfo weight in Weights)
        {
            if (weight.Name == name) return weight;
        }
        var names = new List<string>();
        foreach (WeightInfo weight in Weights) names.Add(weight.Name);
        throw new KeyNotFoundException($"The network {Name} has no weight named '{name}'. Its weights are: {string.Join(", ", names)}.");
    }
}

/// <summary>One row of the model summary.</summary>
/// <param name="Name">The Keras layer name, e.g. <c>dense_1</c>.</param>
/// <param name="Type">The Keras layer type, e.g. <c>Dense</c>.</param>
/// <param name="OutputShape">The output shape as Keras prints it, e.g. <c>(None, 128)</c>.</param>
/// <param name="ParameterCount">The number of weights of the layer.</param>
/// <param name="Inbound">
/// The names of the inputs and layers this layer reads, in order (Keras's inbound layers, e.g. <c>["wide", "dense_1"]</c>
/// for a Concatenate); null for a layer of a plain sequential stack, which reads the layer before it (or the input).
/// </param>
public sealed record LayerInfo(string Name, string Type, string OutputShape, int ParameterCount, IReadOnlyList<string>? Inbound = null);

/// <summary>One weight tensor in the flat parameter buffer.</summary>
/// <param name="Name">The Keras name, e.g. <c>dense/kernel</c>.</param>
/// <param name="Shape">The Keras shape, e.g. <c>[784, 128]</c> for a Dense kernel (row-major).</param>
/// <param name="Offset">The offset of the first value in the flat buffer.</param>
/// <param name="Length">The number of values.</param>
/// <param name="Initializer">How the weight is initialized.</param>
/// <param name="FanIn">The initializer's fan-in.</param>
/// <param name="FanOut">The initializer's fan-out.</param>
/// <param name="InitializerArguments">The initializer's arguments (constant, bounds, mean and stddev, gain), or null for Keras's defaults.</param>
/// <param name="Trainable">
/// Whether the optimizer updates the weight (Keras's <c>trainable_weights</c>); false for moving statistics and frozen
/// layers, which live after every trainable weight in the flat buffer and have no optimizer state.
/// </param>
public sealed record WeightInfo(string Name, int[] Shape, int Offset, int Length, Initializer Initializer, int FanIn, int FanOut, InitializerArguments? InitializerArguments = null, bool Trainable = true);
