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

    /// <summary>The shape of one input sample, without the batch dimension.</summary>
    public required IReadOnlyList<int> InputShape { get; init; }

    /// <summary>The number of output values per sample.</summary>
    public required int OutputSize { get; init; }

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

    /// <summary>The number of values in one input sample.</summary>
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

    /// <summary>Whether labels are class indices (one value per sample) rather than rows of <see cref="OutputSize"/> values.</summary>
    public bool UsesClassIndexLabels => Loss == Loss.SparseCategoricalCrossentropy;

    /// <summary>The number of label values per sample.</summary>
    public int LabelWidth => UsesClassIndexLabels ? 1 : OutputSize;

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
public sealed record LayerInfo(string Name, string Type, string OutputShape, int ParameterCount);

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
