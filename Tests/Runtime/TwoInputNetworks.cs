using System;
using System.Collections.Generic;

namespace NetGen.Tests.Runtime;

/// <summary>
/// A two-input network written by hand (no generator), as generated graph code will use the runtime: inputs
/// <c>wide</c> (3,) and <c>deep</c> (2,), concatenated (wide first) into one Dense unit,
/// out = Σ wide·k[0..3) + Σ deep·k[3..5) + b, mean squared error, plain SGD.
/// </summary>
public sealed class TwoInputNet : Model
{
    public const int Wide = 3, Deep = 2;

    public TwoInputNet(double learningRate = 0.05, int seed = 0)
        : base(Describe(), new OptimizerSettings { LearningRate = learningRate }, seed)
    {
    }

    /// <summary>The wiring of <see cref="TwoInputNet"/>; <paramref name="concatenated"/> is what the Concatenate reads.</summary>
    public static ModelDescription Describe(string name = nameof(TwoInputNet), string[]? concatenated = null, bool isGraph = true) => new()
    {
        Name = name,
        InputShape = [Wide],
        Inputs = [new InputInfo("wide", [Wide]), new InputInfo("deep", [Deep])],
        IsGraph = isGraph,
        OutputSize = 1,
        Layers =
        [
            new LayerInfo("concatenate", "Concatenate", "(None, 5)", 0, concatenated ?? ["wide", "deep"]),
            new LayerInfo("dense", "Dense", "(None, 1)", 6, ["concatenate"]),
        ],
        Weights =
        [
            new WeightInfo("dense/kernel", [5, 1], 0, 5, Initializer.GlorotUniform, 5, 1),
            new WeightInfo("dense/bias", [1], 5, 1, Initializer.Zeros, 1, 1),
        ],
        ParameterCount = 6,
        Loss = Loss.MeanSquaredError,
        FromLogits = false,
        Optimizer = Optimizer.Sgd,
        OptimizerSlotCount = 0,
        OptimizerSlotNames = [],
        Metrics = [],
    };

    /// <summary>When set, every forward pass records the batch it read from each input buffer.</summary>
    public List<(float[] Wide, float[] Deep)>? Seen { get; set; }

    /// <summary>What the network reads as input <paramref name="input"/>, for the tests.</summary>
    public float[] Buffer(int input) => InputBufferOf(input).ToArray();

    /// <summary><see cref="Model.InputBuffer"/>, for the tests.</summary>
    public float[] FirstBuffer() => InputBuffer.ToArray();

    private float[] _outputs = [];
    private int _batch;

    protected override void AllocateBuffers(int capacity) => _outputs = new float[capacity];

    protected override ReadOnlySpan<float> ForwardCore(int batch, bool training)
    {
        _batch = batch;
        ReadOnlySpan<float> wide = InputBufferOf(0)[..(batch * Wide)], deep = InputBufferOf(1)[..(batch * Deep)];
        Seen?.Add((wide.ToArray(), deep.ToArray()));
        ReadOnlySpan<float> p = Parameters;
        for (int b = 0; b < batch; b++)
        {
            float sum = p[5];
            for (int j = 0; j < Wide; j++) sum += wide[b * Wide + j] * p[j];
            for (int j = 0; j < Deep; j++) sum += deep[b * Deep + j] * p[Wide + j];
            _outputs[b] = sum;
        }
        return _outputs.AsSpan(0, batch);
    }

    protected override double LossCore(ReadOnlySpan<float> labels, int batch)
    {
        double sum = 0;
        for (int b = 0; b < batch; b++) sum += (double)(_outputs[b] - labels[b]) * (_outputs[b] - labels[b]);
        return sum / batch;
    }

    protected override void BackwardCore(ReadOnlySpan<float> labels, int batch)
    {
        Span<float> g = GradientBuffer;
        g.Clear();
        ReadOnlySpan<float> wide = InputBufferOf(0), deep = InputBufferOf(1);
        for (int b = 0; b < batch; b++)
        {
            float d = 2 * (_outputs[b] - labels[b]) / batch;
            for (int j = 0; j < Wide; j++) g[j] += d * wide[b * Wide + j];
            for (int j = 0; j < Deep; j++) g[Wide + j] += d * deep[b * Deep + j];
            g[5] += d;
        }
    }

    protected override void ApplyGradientsCore()
    {
        Span<float> p = Parameters;
        float rate = (float)OptimizerSettings.LearningRate;
        for (int i = 0; i < p.Length; i++) p[i] -= rate * Gradients[i];
    }
}

/// <summary>
/// A network that is only a description (summary, checkpoints, description checks): its computing members are never
/// called.
/// </summary>
public sealed class DescribedNet(ModelDescription description, int seed = 0) : Model(description, new OptimizerSettings(), seed)
{
    /// <summary>A description with the given inputs and layers and one Dense kernel and bias per Dense layer, SGD, MSE.</summary>
    public static ModelDescription Graph(string name, InputInfo[] inputs, LayerInfo[] layers, (string Name, int[] Shape)[] weights, bool isGraph = true)
    {
        var table = new List<WeightInfo>();
        int offset = 0;
        foreach (var (weightName, shape) in weights)
        {
            int length = 1;
            foreach (int d in shape) length *= d;
            table.Add(new WeightInfo(weightName, shape, offset, length, Initializer.GlorotUniform, shape[0], shape[^1]));
            offset += length;
        }
        return new ModelDescription
        {
            Name = name,
            InputShape = inputs[0].Shape,
            Inputs = inputs,
            IsGraph = isGraph,
            OutputSize = 1,
            Layers = layers,
            Weights = table,
            ParameterCount = offset,
            Loss = Loss.MeanSquaredError,
            FromLogits = false,
            Optimizer = Optimizer.Sgd,
            OptimizerSlotCount = 0,
            OptimizerSlotNames = [],
            Metrics = [],
        };
    }

    protected override void AllocateBuffers(int capacity) { }

    protected override ReadOnlySpan<float> ForwardCore(int batch, bool training) => throw new NotSupportedException();

    protected override double LossCore(ReadOnlySpan<float> labels, int batch) => throw new NotSupportedException();

    protected override void BackwardCore(ReadOnlySpan<float> labels, int batch) => throw new NotSupportedException();

    protected override void ApplyGradientsCore() => throw new NotSupportedException();
}
