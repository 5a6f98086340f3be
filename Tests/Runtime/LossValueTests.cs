using System;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// ComputeLoss against Keras 2's formulas written out in double from the network's outputs (keras-reference.md §5):
/// the reduction (mean over samples, and over units for BCE, MSE, MAE and Huber), the clip at ε = 1e-7 and the renormalisation of
/// the probability paths, the extra +ε inside BCE's logs, and the unclipped logits shortcut of the fused paths.
/// </summary>
/// <remarks>
/// The gradient checks prove the gradients are those of ComputeLoss; these prove ComputeLoss is Keras's loss. A
/// reduction bug (say BCE divided by B instead of B·U) passes the first and fails here.
/// </remarks>
public sealed class LossValueTests
{
    private const int Batch = 5;
    private const double Epsilon = 1e-7;

    [Fact]
    public void SparseCategorical_FusedSoftmax_IsMeanNegativeLogProbability()
    {
        (float[] p, float[] y, double loss) = Run(new GcHiddenTanh(), Labels.Sparse);

        Assert.Equal(Mean(Batch, b => -Math.Log(p[b * 3 + (int)y[b]])), loss, 5);
    }

    [Fact]
    public void SparseCategorical_FromLogits_IsLogSumExpMinusTheLabelsLogit()
    {
        (float[] z, float[] y, double loss) = Run(new GcSparseFromLogits(), Labels.Sparse);

        Assert.Equal(Mean(Batch, b => LogSumExp(z, b, 3) - z[b * 3 + (int)y[b]]), loss, 6);
    }

    [Fact]
    public void SparseCategorical_FromProbabilities_ClipsAndRenormalises()
    {
        (float[] p, float[] y, double loss) = Run(new GcSparseSigmoid(), Labels.Sparse);

        Assert.Equal(Mean(Batch, b => -Math.Log(Clip(p[b * 3 + (int)y[b]]) / Enumerable.Range(0, 3).Sum(j => Clip(p[b * 3 + j])))), loss, 6);
    }

    [Fact]
    public void Categorical_FusedSoftmax_IsMeanOfMinusSumYLogP()
    {
        (float[] p, float[] y, double loss) = Run(new GcCceSoftmax(), Labels.Soft);

        Assert.Equal(Mean(Batch, b => -Enumerable.Range(0, 3).Sum(j => y[b * 3 + j] * Math.Log(p[b * 3 + j]))), loss, 5);
    }

    [Fact]
    public void Categorical_FromLogits_ScalesLogSumExpBySumY()
    {
        (float[] z, float[] y, double loss) = Run(new GcCceFromLogits(), Labels.Unnormalized);

        double Sample(int b) => Enumerable.Range(0, 3).Sum(j => y[b * 3 + j]) * LogSumExp(z, b, 3) - Enumerable.Range(0, 3).Sum(j => (double)y[b * 3 + j] * z[b * 3 + j]);
        Assert.Equal(Mean(Batch, Sample), loss, 6);
    }

    [Fact]
    public void Categorical_FromProbabilities_RenormalisesThenClips()
    {
        (float[] p, float[] y, double loss) = Run(new GcCceSigmoid(), Labels.Soft);

        double Sample(int b)
        {
            double sum = Enumerable.Range(0, 3).Sum(j => (double)p[b * 3 + j]);
            return -Enumerable.Range(0, 3).Sum(j => y[b * 3 + j] * Math.Log(Clip(p[b * 3 + j] / sum)));
        }
        Assert.Equal(Mean(Batch, Sample), loss, 6);
    }

    [Fact]
    public void Binary_FusedSigmoid_IsTheMeanOverSamplesAndUnits()
    {
        (float[] p, float[] y, double loss) = Run(new GcBceSigmoid(), Labels.Binary);

        Assert.Equal(Mean(Batch * 3, i => -(y[i] * Math.Log(p[i]) + (1 - y[i]) * Math.Log(1 - p[i]))), loss, 5);
    }

    [Fact]
    public void Binary_FromLogits_IsTheStableLogisticLoss()
    {
        (float[] z, float[] y, double loss) = Run(new GcBceFromLogits(), Labels.Binary);

        Assert.Equal(Mean(Batch * 3, i => Math.Max(z[i], 0) - (double)z[i] * y[i] + Math.Log(1 + Math.Exp(-Math.Abs(z[i])))), loss, 6);
    }

    [Fact]
    public void Binary_FromProbabilities_HasKeras2sEpsilonInsideTheLogs()
    {
        // A tanh output used as a probability: negative values are clipped to ε.
        (float[] p, float[] y, double loss) = Run(new GcBceTanh(), Labels.Binary);

        Assert.Contains(p, v => v < 0);
        Assert.Equal(Mean(Batch * 3, i => -(y[i] * Math.Log(Clip(p[i]) + Epsilon) + (1 - y[i]) * Math.Log(1 - Clip(p[i]) + Epsilon))), loss, 6);
    }

    [Fact]
    public void MeanSquaredError_IsTheMeanOverSamplesAndUnits()
    {
        (float[] p, float[] y, double loss) = Run(new GcMseTanh(), Labels.Regression);

        Assert.Equal(Mean(Batch * 3, i => ((double)p[i] - y[i]) * ((double)p[i] - y[i])), loss, 6);
    }

    [Fact]
    public void MeanAbsoluteError_IsTheMeanOverSamplesAndUnits()
    {
        (float[] p, float[] y, double loss) = Run(new GcMaeTanh(), Labels.Regression);

        Assert.Equal(Mean(Batch * 3, i => Math.Abs((double)p[i] - y[i])), loss, 6);
    }

    [Fact]
    public void Huber_IsTheMeanOverSamplesAndUnits_QuadraticWithinDeltaLinearBeyond()
    {
        // GcHuberLinear has HuberDelta = 1.5; targets in [-3, 3) put errors on both sides of it.
        const double Delta = 1.5;
        (float[] p, float[] y, double loss) = Run(new GcHuberLinear(), Labels.Spread);

        double[] errors = Enumerable.Range(0, Batch * 3).Select(i => (double)p[i] - y[i]).ToArray();
        Assert.Contains(errors, e => Math.Abs(e) <= Delta);
        Assert.Contains(errors, e => Math.Abs(e) > Delta);
        Assert.Equal(Mean(Batch * 3, i => Math.Abs(errors[i]) <= Delta ? 0.5 * errors[i] * errors[i] : Delta * Math.Abs(errors[i]) - 0.5 * Delta * Delta), loss, 6);
    }

    /// <summary>The kernels on numbers worked by hand: errors 0.5, −1, 2, −2.5, 0 over 5 values (one sample of 5 units, or 5 of 1).</summary>
    [Fact]
    public void MeanAbsoluteErrorAndHuber_HandComputed()
    {
        float[] predictions = [0.5f, -1f, 3f, -2f, 0.25f];
        float[] labels = [0f, 0f, 1f, 0.5f, 0.25f];
        var gradient = new float[5];

        // MAE: (0.5 + 1 + 2 + 2.5 + 0) / 5 = 1.2; gradient sign(e) / 5, and 0 where e = 0.
        Assert.Equal(1.2, Kernels.Losses.MeanAbsoluteError(predictions, labels), 12);
        Kernels.Losses.MeanAbsoluteErrorGradient(gradient, predictions, labels);
        Assert.Equal(new[] { 0.2f, -0.2f, 0.2f, -0.2f, 0f }, gradient);

        // Huber, δ = 1: 0.5·0.25 = 0.125; |−1| = δ is still quadratic: 0.5; 2 → 1·2 − 0.5 = 1.5; −2.5 → 2.5 − 0.5 = 2;
        // 0 → 0. Sum 4.125, over 5: 0.825. Gradient clamp(e, −1, 1) / 5.
        Assert.Equal(0.825, Kernels.Losses.Huber(predictions, labels, delta: 1f), 12);
        Kernels.Losses.HuberGradient(gradient, predictions, labels, delta: 1f);
        Assert.Equal(new[] { 0.1f, -0.2f, 0.2f, -0.2f, 0f }, gradient);

        // Huber, δ = 2: 0.125 + 0.5 + 0.5·4 = 2 (|2| = δ, quadratic) + (2·2.5 − 2 = 3) + 0 = 5.625, over 5: 1.125.
        Assert.Equal(1.125, Kernels.Losses.Huber(predictions, labels, delta: 2f), 12);
        Kernels.Losses.HuberGradient(gradient, predictions, labels, delta: 2f);
        Assert.Equal(new[] { 0.1f, -0.2f, 0.4f, -0.4f, 0f }, gradient);
    }

    [Fact]
    public void FusedSoftmax_IsNotClipped()
    {
        // Logits (0, 40, 0) and label 0: the exact loss is 40; clipping p at 1e-7 would cap it at -log(1e-7) = 16.1.
        var model = new GcHiddenLinear();
        model.Parameters.Clear();
        model.SetWeights("dense_1/bias", [0, 40, 0]);
        model.Forward(new float[4], 1, training: false);

        Assert.Equal(40 + Math.Log(1 + 2 * Math.Exp(-40)), model.ComputeLoss([0]), 6);
    }

    [Fact]
    public void FusedSigmoid_IsNotClipped()
    {
        // Logit -30 and label 1: the exact loss is log(1 + e^30) ≈ 30 per unit; clipping would cap it near 16.1.
        var model = new GcBceSigmoid();
        model.Parameters.Clear();
        model.SetWeights("dense_1/bias", [-30, -30, -30]);
        model.Forward(new float[4], 1, training: false);

        Assert.Equal(30 + Math.Log(1 + Math.Exp(-30)), model.ComputeLoss([1, 1, 1]), 6);
    }

    [Fact]
    public void ProbabilityPath_IsClipped()
    {
        // A sigmoid output read as probabilities (not fused with CCE): an output of 0 is clipped to ε.
        var model = new GcSparseSigmoid();
        model.Parameters.Clear();
        model.SetWeights("dense_1/bias", [-200, 0, 0]);
        float[] p = model.Forward(new float[4], 1, training: false).ToArray();

        Assert.Equal(0f, p[0]);
        Assert.Equal(-Math.Log(Epsilon / (Epsilon + 0.5 + 0.5)), model.ComputeLoss([0]), 6);
    }

    private enum Labels { Sparse, Soft, Unnormalized, Binary, Regression, Spread }

    /// <summary>Seeded weights and data; returns the inference outputs, the labels and ComputeLoss.</summary>
    private static (float[] Outputs, float[] Labels, double Loss) Run(Model model, Labels kind)
    {
        var random = new SeededRandom(99);
        TestData.RandomizeWeights(model, random);
        if (model is GcBceTanh)
            model.SetWeights("dense_1/bias", [0.3f, -0.6f, 0.1f]);
        float[] inputs = TestData.Uniform(random, Batch * model.InputSize);
        int units = model.OutputSize;
        float[] labels = kind switch
        {
            Labels.Sparse => TestData.ClassLabels(random, Batch, units),
            Labels.Soft => TestData.ProbabilityRows(random, Batch, units),
            Labels.Unnormalized => TestData.Uniform(random, Batch * units, 0.1f, 0.9f),
            Labels.Binary => TestData.BinaryTargets(random, Batch * units),
            Labels.Spread => TestData.Uniform(random, Batch * units, -3f, 3f),
            _ => TestData.Uniform(random, Batch * units),
        };
        float[] outputs = model.Forward(inputs, Batch, training: false).ToArray();
        return (outputs, labels, model.ComputeLoss(labels));
    }

    private static double Mean(int count, Func<int, double> term) => Enumerable.Range(0, count).Sum(term) / count;

    private static double LogSumExp(float[] z, int row, int units)
    {
        double max = Enumerable.Range(0, units).Max(j => (double)z[row * units + j]);
        return max + Math.Log(Enumerable.Range(0, units).Sum(j => Math.Exp(z[row * units + j] - max)));
    }

    private static double Clip(double p) => Math.Clamp(p, Epsilon, 1 - Epsilon);
}
