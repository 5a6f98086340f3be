using System;
using System.Collections.Generic;
using Xunit.Abstractions;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Finite-difference checks (see <see cref="GradientChecker"/>) of the newer activations — fused in Dense (where
/// GELU and swish keep their pre-activation) and as Activation layers (where their backward reads the layer's input)
/// — the LeakyReLU layer, and every regularizer, whose penalties <see cref="Model.ComputeLoss"/> includes.
/// </summary>
public sealed class ActivationRegularizerGradientTests
{
    private const int DataSeed = 4711;

    private readonly ITestOutputHelper _output;

    public ActivationRegularizerGradientTests(ITestOutputHelper output) => _output = output;

    private static readonly Dictionary<string, Func<Model>> s_cases = new()
    {
        ["dense selu"] = () => new GcDenseSelu(),
        ["dense elu"] = () => new GcDenseElu(),
        ["dense leaky_relu"] = () => new GcDenseLeakyRelu(),
        ["dense gelu"] = () => new GcDenseGelu(),
        ["dense gelu approximate"] = () => new GcDenseGeluApproximate(),
        ["dense swish"] = () => new GcDenseSwish(),
        ["dense softplus"] = () => new GcDenseSoftplus(),
        ["dense gelu, parallel size"] = () => new GcDenseGeluWide(),
        ["activation layers selu, elu, softplus"] = () => new GcActivationLayersExp(),
        ["activation layers gelu, swish, gelu approximate"] = () => new GcActivationLayersInput(),
        ["activation layer after dropout-free flatten: swish"] = () => new GcActivationSwishAfterFlatten(),
        ["leaky relu layer, default 0.3"] = () => new GcLeakyReluLayer(),
        ["leaky relu layer, alpha 1.5"] = () => new GcLeakyReluSteep(),
        ["kernel l1"] = () => new GcKernelL1(),
        ["kernel l2"] = () => new GcKernelL2(),
        ["kernel l1l2, bias l1l2"] = () => new GcKernelBiasL1L2(),
        ["activity l1"] = () => new GcActivityL1(),
        ["activity l2 on a linear output"] = () => new GcActivityL2Output(),
        ["activity l1l2 with gelu, kernel l2, adam"] = () => new GcActivityGelu(),
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
        (Model model, float[] inputs, float[] labels, int batch) = Prepare(s_cases[name](), 3);

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>The activity penalty's 1/B and its gradient hold for a batch of one and a batch wider than a vector.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    public void ActivityRegularizer_OtherBatchSizes(int batch)
    {
        (Model model, float[] inputs, float[] labels, _) = Prepare(new GcActivityGelu(), batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>Negative control: a kernel-L2 network whose gradient misses 2·l2·W (a regularizer ignored in backward) fails the check.</summary>
    [Fact]
    public void Checker_RejectsAGradientWithoutThePenalty()
    {
        (Model model, float[] inputs, float[] labels, int batch) = Prepare(new GcKernelL2(), 3);
        WeightInfo kernel = model.Description.GetWeight("dense/kernel");
        float[] weights = model.GetWeights("dense/kernel");

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels, new GradientCheckOptions
        {
            Corrupt = (g, _) =>
            {
                for (int i = 0; i < kernel.Length; i++) g[kernel.Offset + i] -= 2f * 0.5f * weights[i];
            },
        });

        _output.WriteLine(report.ToString());
        Assert.False(report.Passed, "The checker accepted a gradient without the L2 penalty term:\n" + report);
    }

    /// <summary>
    /// The reported loss is the data loss plus the penalties: with every weight set by hand, ComputeLoss minus the same
    /// network's loss with the regularizer removed equals l1·Σ|W| + l2·ΣW² + l1·Σ|b| + l2·Σb², computed here.
    /// </summary>
    [Fact]
    public void ReportedLoss_AddsTheWeightPenalties()
    {
        var regularized = new GcKernelBiasL1L2();
        var plain = new GcKernelBiasPlain();
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(regularized, random);
        regularized.Parameters.CopyTo(plain.Parameters);
        float[] inputs = TestData.Uniform(random, 3 * regularized.InputSize);
        float[] labels = TestData.Uniform(random, 3 * regularized.OutputSize);
        double expected = 0;
        foreach (string name in new[] { "dense/kernel", "dense/bias" })
        {
            foreach (float w in regularized.GetWeights(name)) expected += 0.05 * Math.Abs(w) + 0.2 * (double)w * w;
        }

        regularized.Forward(inputs, 3, training: true);
        double withPenalty = regularized.ComputeLoss(labels);
        plain.Forward(inputs, 3, training: true);
        double withoutPenalty = plain.ComputeLoss(labels);

        Assert.Equal(expected, withPenalty - withoutPenalty, 1e-5);
    }

    private static (Model Model, float[] Inputs, float[] Labels, int Batch) Prepare(Model model, int batch)
    {
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        float[] inputs = TestData.Uniform(random, batch * model.InputSize, -1.5f, 1.5f);
        float[] labels = model.Description.UsesClassIndexLabels
            ? TestData.ClassLabels(random, batch, model.OutputSize)
            : TestData.Uniform(random, batch * model.OutputSize, 0f, 1f);
        return (model, inputs, labels, batch);
    }
}

[Network]
[Input(4)]
[Dense(5, Activation.Selu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcDenseSelu;

[Network]
[Input(4)]
[Dense(5, Activation.Elu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcDenseElu;

[Network]
[Input(4)]
[Dense(5, Activation.LeakyRelu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcDenseLeakyRelu;

[Network]
[Input(4)]
[Dense(5, Activation.Gelu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcDenseGelu;

[Network]
[Input(4)]
[Dense(5, Activation.GeluApproximate)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcDenseGeluApproximate;

[Network]
[Input(4)]
[Dense(5, Activation.Swish)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcDenseSwish;

[Network]
[Input(4)]
[Dense(5, Activation.Softplus)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcDenseSoftplus;

/// <summary>4096 weights: the forward product runs as a parallel task that must write the pre-activation buffer.</summary>
[Network]
[Input(64)]
[Dense(64, Activation.Gelu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class GcDenseGeluWide;

[Network]
[Input(4)]
[Dense(5)]
[Activation(Activation.Selu)]
[Dense(4)]
[Activation(Activation.Elu)]
[Dense(3)]
[Activation(Activation.Softplus)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcActivationLayersExp;

[Network]
[Input(4)]
[Dense(5)]
[Activation(Activation.Gelu)]
[Dense(4)]
[Activation(Activation.Swish)]
[Dense(3)]
[Activation(Activation.GeluApproximate)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcActivationLayersInput;

[Network]
[Input(2, 3)]
[Flatten]
[Dense(5)]
[Activation(Activation.Swish)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcActivationSwishAfterFlatten;

[Network]
[Input(4)]
[Dense(5)]
[LeakyReLU]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcLeakyReluLayer;

[Network]
[Input(4)]
[Dense(5)]
[LeakyReLU(Alpha = 1.5)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcLeakyReluSteep;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh, KernelL1 = 0.05)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcKernelL1;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh, KernelL2 = 0.5)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcKernelL2;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh, KernelL1 = 0.05, KernelL2 = 0.2, BiasL1 = 0.05, BiasL2 = 0.2)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcKernelBiasL1L2;

/// <summary><see cref="GcKernelBiasL1L2"/> without its regularizers.</summary>
[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcKernelBiasPlain;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh, ActivityL1 = 0.1)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GcActivityL1;

[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(2, ActivityL2 = 0.3, BiasL2 = 0.1)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GcActivityL2Output;

[Network]
[Input(4)]
[Dense(6, Activation.Gelu, ActivityL1 = 0.05, ActivityL2 = 0.1, KernelL2 = 0.1)]
[Dense(3, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Adam)]
public partial class GcActivityGelu;
