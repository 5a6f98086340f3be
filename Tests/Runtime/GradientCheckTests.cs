using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Finite-difference checks of the generated backward passes: every activation (hidden and output), every loss with
/// its fused, from-logits and probability paths, UseBias = false, Activation layers, Flatten, Dropout with a fixed
/// mask, and both optimizers. See <see cref="GradientChecker"/> for the method and the tolerances.
/// </summary>
public sealed class GradientCheckTests
{
    private const int Batch = 3;
    private const int DataSeed = 2024;

    private readonly ITestOutputHelper _output;

    public GradientCheckTests(ITestOutputHelper output) => _output = output;

    private enum Labels
    {
        /// <summary>Class indices (sparse categorical).</summary>
        Sparse,
        /// <summary>One-hot rows.</summary>
        OneHot,
        /// <summary>Probability rows summing to 1.</summary>
        Soft,
        /// <summary>Positive rows that do not sum to 1 (exercises the Σy factor of the categorical gradient).</summary>
        Unnormalized,
        /// <summary>0, 1 and soft values in (0, 1).</summary>
        Binary,
        /// <summary>Regression targets in [-1, 1).</summary>
        Regression,
        /// <summary>Regression targets in [0, 1).</summary>
        UnitInterval,
        /// <summary>Regression targets in [-3, 3): errors on both sides of Huber's δ.</summary>
        Spread,
    }

    private sealed record Case(Func<Model> Create, Labels Labels, Action<Model>? Adjust = null);

    private static readonly Dictionary<string, Case> s_cases = new()
    {
        // Hidden activations, with the fused softmax + sparse cross-entropy output (softmax: with a linear MSE output).
        ["hidden linear"] = new(() => new GcHiddenLinear(), Labels.Sparse),
        ["hidden relu"] = new(() => new GcHiddenRelu(), Labels.Sparse),
        ["hidden relu, twice"] = new(() => new GcTwoRelu(), Labels.Sparse),
        ["hidden sigmoid"] = new(() => new GcHiddenSigmoid(), Labels.Sparse),
        ["hidden tanh"] = new(() => new GcHiddenTanh(), Labels.Sparse),
        ["hidden softmax"] = new(() => new GcHiddenSoftmax(), Labels.Regression),

        // Sparse categorical cross-entropy: fused (above), from logits, from probabilities.
        ["sparse cce, linear from logits"] = new(() => new GcSparseFromLogits(), Labels.Sparse),
        ["sparse cce, tanh from logits"] = new(() => new GcSparseTanhFromLogits(), Labels.Sparse),
        ["sparse cce, relu from logits"] = new(() => new GcSparseReluFromLogits(), Labels.Sparse),
        ["sparse cce, sigmoid probabilities"] = new(() => new GcSparseSigmoid(), Labels.Sparse),

        // Categorical cross-entropy.
        ["cce, softmax fused, one-hot"] = new(() => new GcCceSoftmax(), Labels.OneHot),
        ["cce, softmax fused, unnormalized"] = new(() => new GcCceSoftmax(), Labels.Unnormalized),
        ["cce, linear from logits"] = new(() => new GcCceFromLogits(), Labels.Unnormalized),
        ["cce, sigmoid probabilities"] = new(() => new GcCceSigmoid(), Labels.Soft),
        ["cce, tanh probabilities"] = new(() => new GcCceTanh(), Labels.Soft, PositiveOutputBias),

        // Binary cross-entropy.
        ["bce, sigmoid fused"] = new(() => new GcBceSigmoid(), Labels.Binary),
        ["bce, sigmoid fused, one unit"] = new(() => new GcBceOneUnit(), Labels.Binary),
        ["bce, linear from logits"] = new(() => new GcBceFromLogits(), Labels.Binary),
        ["bce, softmax probabilities"] = new(() => new GcBceSoftmax(), Labels.Binary),
        ["bce, tanh probabilities"] = new(() => new GcBceTanh(), Labels.Binary, PositiveOutputBias),

        // Mean squared error on every output activation.
        ["mse, linear (adam)"] = new(() => new GcMseLinear(), Labels.Regression),
        ["mse, relu"] = new(() => new GcMseRelu(), Labels.UnitInterval),
        ["mse, sigmoid"] = new(() => new GcMseSigmoid(), Labels.UnitInterval),
        ["mse, tanh"] = new(() => new GcMseTanh(), Labels.Regression),
        ["mse, softmax"] = new(() => new GcMseSoftmax(), Labels.UnitInterval),

        // Mean absolute error (its kink at p = y is skipped by the checker's kink test) and Huber (both branches).
        ["mae, linear"] = new(() => new GcMaeLinear(), Labels.Regression),
        ["mae, tanh"] = new(() => new GcMaeTanh(), Labels.Regression),
        ["huber, linear, delta 1.5"] = new(() => new GcHuberLinear(), Labels.Spread),
        ["huber, tanh, default delta"] = new(() => new GcHuberTanh(), Labels.Spread),

        // Structure.
        ["dense without bias"] = new(() => new GcNoBias(), Labels.Sparse),
        ["activation layers, fused softmax"] = new(() => new GcActivationLayers(), Labels.Sparse),
        ["activation layer, fused sigmoid"] = new(() => new GcActivationSigmoidBce(), Labels.Binary),
        ["activation layer, softmax + mse"] = new(() => new GcActivationSoftmaxMse(), Labels.UnitInterval),
        ["flatten from (3, 4, 2)"] = new(() => new GcFlatten(), Labels.Sparse),
        ["deeper, sampled (adam)"] = new(() => new GcDeep(), Labels.Sparse),
        ["sgd with momentum"] = new(() => new GcMomentum(), Labels.OneHot),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in s_cases.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticGradients_MatchCentralDifferences(string name)
    {
        Case c = s_cases[name];
        (Model model, float[] inputs, float[] labels) = Prepare(c);

        GradientCheckReport report = GradientChecker.Check(model, inputs, Batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>Batch sizes 1 (no averaging), 2 and 17 (more rows than a vector has lanes) on a smooth and a deeper network.</summary>
    [Theory]
    [InlineData("hidden tanh", 1)]
    [InlineData("hidden tanh", 2)]
    [InlineData("hidden tanh", 17)]
    [InlineData("deeper, sampled (adam)", 1)]
    [InlineData("deeper, sampled (adam)", 17)]
    [InlineData("bce, sigmoid fused", 17)]
    [InlineData("mse, softmax", 17)]
    [InlineData("mae, linear", 17)]
    [InlineData("huber, linear, delta 1.5", 17)]
    public void AnalyticGradients_MatchCentralDifferences_ForOtherBatchSizes(string name, int batch)
    {
        (Model model, float[] inputs, float[] labels) = Prepare(s_cases[name], batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>The Huber cases check both branches: some errors within δ (quadratic), some beyond it (linear), at batch 3 and 17.</summary>
    [Theory]
    [InlineData("huber, linear, delta 1.5", 1.5, Batch)]
    [InlineData("huber, linear, delta 1.5", 1.5, 17)]
    [InlineData("huber, tanh, default delta", 1.0, Batch)]
    public void Huber_ErrorsFallInBothBranches(string name, double delta, int batch)
    {
        (Model model, float[] inputs, float[] labels) = Prepare(s_cases[name], batch);
        float[] outputs = model.Forward(inputs, batch, training: false).ToArray();

        int inside = 0, outside = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (Math.Abs(outputs[i] - labels[i]) <= delta) inside++;
            else outside++;
        }
        Assert.True(inside >= 2 && outside >= 2, $"{name}, batch {batch}: {inside} errors within delta {delta}, {outside} beyond it: "
            + string.Join(", ", outputs.Select((o, i) => (o - labels[i]).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Dropout_WithAFixedMask_MatchesCentralDifferences()
    {
        var model = new GcDropoutFixedMask();
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        float[] inputs = TestData.Uniform(random, Batch * model.InputSize);
        float[] labels = TestData.ClassLabels(random, Batch, model.OutputSize);

        GradientCheckReport report = GradientChecker.Check(model, inputs, Batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(model.MaskDraws > 0, "The overridden DrawDropoutMask was never called.");
        Assert.True(report.Passed, report.ToString());
        // Units 1 and 4 are dropped in every sample: nothing flows back into their kernel columns and biases.
        model.Forward(inputs, Batch, training: true);
        model.Backward(labels);
        float[] kernel = model.Gradients.Slice(model.Description.GetWeight("dense/kernel").Offset, 6 * 8).ToArray();
        float[] bias = model.Gradients.Slice(model.Description.GetWeight("dense/bias").Offset, 8).ToArray();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(0f, kernel[i * 8 + 1]);
            Assert.Equal(0f, kernel[i * 8 + 4]);
        }
        Assert.Equal(0f, bias[1]);
        Assert.Equal(0f, bias[4]);
        Assert.Contains(bias, b => b != 0f);
    }

    /// <summary>
    /// The negative controls: the checker must reject gradients with the typical bugs — a 10% error, a missing 1/B,
    /// a missing or extra factor 2, a wrong sign, a wrong derivative in one tensor only — and accept the real ones.
    /// </summary>
    [Theory]
    [InlineData("scale 1.1")]
    [InlineData("scale 0.9")]
    [InlineData("missing 1/B")]
    [InlineData("missing factor 2")]
    [InlineData("extra factor 2")]
    [InlineData("wrong sign")]
    [InlineData("first kernel scaled 1.1")]
    [InlineData("first bias off by 0.02")]
    [InlineData("one element off by 5%")]
    public void Checker_RejectsCorruptedGradients(string corruption)
    {
        Action<float[], Model> corrupt = corruption switch
        {
            "scale 1.1" => (g, _) => Scale(g, 1.1f),
            "scale 0.9" => (g, _) => Scale(g, 0.9f),
            "missing 1/B" => (g, _) => Scale(g, Batch),
            "missing factor 2" => (g, _) => Scale(g, 0.5f),
            "extra factor 2" => (g, _) => Scale(g, 2f),
            "wrong sign" => (g, _) => Scale(g, -1f),
            "first kernel scaled 1.1" => (g, m) => Scale(Slice(g, m, "dense/kernel"), 1.1f),
            "first bias off by 0.02" => (g, m) => Slice(g, m, "dense/bias")[2] += 0.02f,
            "one element off by 5%" => (g, m) => LargestElement(Slice(g, m, "dense_1/kernel")) *= 1.05f,
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        // MSE has the factor 2 the "missing factor 2" control removes; tanh makes the network smooth everywhere.
        var c = new Case(() => new GcMseTanh(), Labels.Regression);
        (Model model, float[] inputs, float[] labels) = Prepare(c);
        GradientCheckReport honest = GradientChecker.Check(model, inputs, Batch, labels);

        GradientCheckReport corrupted = GradientChecker.Check(model, inputs, Batch, labels, new GradientCheckOptions { Corrupt = corrupt });

        _output.WriteLine("honest:    " + honest);
        _output.WriteLine("corrupted: " + corrupted);
        Assert.True(honest.Passed, honest.ToString());
        Assert.False(corrupted.Passed, $"The checker accepted gradients corrupted by '{corruption}':\n{corrupted}");
    }

    /// <summary>
    /// The kink detector: with one ReLU pre-activation placed 0.003 from 0 (inside the step h = 0.01), the check
    /// skips the ambiguous elements and passes; with the detector off, the same check fails on correct gradients.
    /// </summary>
    [Fact]
    public void Checker_SkipsAReluKinkInsideTheStep()
    {
        (Model model, float[] inputs, float[] labels) = Prepare(new Case(() => new GcHiddenRelu(), Labels.Sparse));
        WeightInfo kernel = model.Description.GetWeight("dense/kernel"), bias = model.Description.GetWeight("dense/bias");
        int units = kernel.Shape[1];
        double z = model.Parameters[bias.Offset];
        for (int i = 0; i < kernel.Shape[0]; i++) z += (double)inputs[i] * model.Parameters[kernel.Offset + i * units];
        model.Parameters[bias.Offset] -= (float)(z - 0.003);

        GradientCheckReport detected = GradientChecker.Check(model, inputs, Batch, labels);
        GradientCheckReport undetected = GradientChecker.Check(model, inputs, Batch, labels, new GradientCheckOptions { KinkThreshold = double.PositiveInfinity });

        _output.WriteLine("detector on:  " + detected);
        _output.WriteLine("detector off: " + undetected);
        Assert.True(detected.Passed, detected.ToString());
        Assert.True(detected.Skipped > 0, "The kink at 0.003 was not detected:\n" + detected);
        Assert.False(undetected.Passed, "Without the detector the kink should spoil the finite differences:\n" + undetected);
    }

    private static (Model Model, float[] Inputs, float[] Labels) Prepare(Case c, int batch = Batch)
    {
        Model model = c.Create();
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        c.Adjust?.Invoke(model);
        float[] inputs = TestData.Uniform(random, batch * model.InputSize);
        int units = model.OutputSize;
        float[] labels = c.Labels switch
        {
            Labels.Sparse => TestData.ClassLabels(random, batch, units),
            Labels.OneHot => TestData.OneHot(random, batch, units),
            Labels.Soft => TestData.ProbabilityRows(random, batch, units),
            Labels.Unnormalized => TestData.Uniform(random, batch * units, 0.1f, 0.9f),
            Labels.Binary => TestData.BinaryTargets(random, batch * units),
            Labels.Regression => TestData.Uniform(random, batch * units),
            Labels.UnitInterval => TestData.Uniform(random, batch * units, 0f, 1f),
            Labels.Spread => TestData.Uniform(random, batch * units, -3f, 3f),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
        return (model, inputs, labels);
    }

    /// <summary>Shifts the output bias up so that a tanh output used as a probability is mostly inside (0, 1), off the clip.</summary>
    private static void PositiveOutputBias(Model model)
    {
        WeightInfo bias = model.Description.Weights[^1];
        Span<float> values = model.Parameters.Slice(bias.Offset, bias.Length);
        for (int i = 0; i < values.Length; i++) values[i] = 0.6f + 0.1f * i;
    }

    private static void Scale(Span<float> values, float factor)
    {
        for (int i = 0; i < values.Length; i++) values[i] *= factor;
    }

    private static Span<float> Slice(float[] gradients, Model model, string weight)
    {
        WeightInfo info = model.Description.GetWeight(weight);
        return gradients.AsSpan(info.Offset, info.Length);
    }

    private static ref float LargestElement(Span<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (Math.Abs(values[i]) > Math.Abs(values[best])) best = i;
        }
        return ref values[best];
    }
}

/// <summary>A Dropout network whose masks are fixed: units 1 and 4 dropped everywhere, plus every fifth value.</summary>
public sealed class GcDropoutFixedMask : GcDropout
{
    public int MaskDraws { get; private set; }

    protected override void DrawDropoutMask(int layerIndex, Span<float> mask, float rate)
    {
        MaskDraws++;
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++)
            mask[i] = i % 8 == 1 || i % 8 == 4 || i % 5 == 0 ? 0f : keep;
    }
}

[Network]
[Input(4)]
[Dense(5)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.1)]
public partial class GcHiddenLinear;

[Network]
[Input(4)]
[Dense(6, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcHiddenRelu;

[Network]
[Input(4)]
[Dense(6, Activation.Relu)]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcTwoRelu;

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcHiddenSigmoid;

[Network]
[Input(6)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.1)]
public partial class GcHiddenTanh;

[Network]
[Input(4)]
[Dense(5, Activation.Softmax)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcHiddenSoftmax;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, FromLogits = true)]
public partial class GcSparseFromLogits;

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Tanh)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, FromLogits = true)]
public partial class GcSparseTanhFromLogits;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Relu)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, FromLogits = true)]
public partial class GcSparseReluFromLogits;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcSparseSigmoid;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcCceSoftmax;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd, FromLogits = true)]
public partial class GcCceFromLogits;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcCceSigmoid;

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Tanh)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcCceTanh;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd)]
public partial class GcBceSigmoid;

[Network]
[Input(5)]
[Dense(4, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd)]
public partial class GcBceOneUnit;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd, FromLogits = true)]
public partial class GcBceFromLogits;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd)]
public partial class GcBceSoftmax;

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Tanh)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd)]
public partial class GcBceTanh;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Adam)]
public partial class GcMseLinear;

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Relu)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcMseRelu;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcMseSigmoid;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcMseTanh;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcMseSoftmax;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
[Compile(Loss.MeanAbsoluteError, Optimizer.Sgd)]
public partial class GcMaeLinear;

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Tanh)]
[Compile(Loss.MeanAbsoluteError, Optimizer.Adam)]
public partial class GcMaeTanh;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
[Compile(Loss.Huber, Optimizer.Sgd, HuberDelta = 1.5)]
public partial class GcHuberLinear;

[Network]
[Input(4)]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Tanh)]
[Compile(Loss.Huber, Optimizer.Sgd)]
public partial class GcHuberTanh;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh, UseBias = false)]
[Dense(3, Activation.Softmax, UseBias = false)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcNoBias;

[Network]
[Input(4)]
[Dense(5)]
[Activation(Activation.Tanh)]
[Dense(3)]
[Activation(Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcActivationLayers;

[Network]
[Input(4)]
[Dense(5, Activation.Relu)]
[Dense(2)]
[Activation(Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd)]
public partial class GcActivationSigmoidBce;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3)]
[Activation(Activation.Softmax)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcActivationSoftmaxMse;

[Network]
[Input(3, 4, 2)]
[Flatten]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcFlatten;

[Network]
[Input(8, 8)]
[Flatten]
[Dense(40, Activation.Relu)]
[Dense(33, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class GcDeep;

[Network]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd, Momentum = 0.9, Nesterov = true)]
public partial class GcMomentum;

[Network]
[Input(6)]
[Dense(8, Activation.Relu)]
[Dropout(0.5)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcDropout;
