using System;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The initializers' distributions on large kernels, with every expectation derived from Keras's formulas
/// (keras-reference.md §3): VarianceScaling's std √(scale/n) after truncation at two pre-truncation stds
/// s = √(scale/n)/0.8796…, uniform limits √(3·scale/n), RandomUniform/RandomNormal's arguments, orthogonality.
/// Tolerances are several standard errors of the estimates (about 60,000 draws per kernel).
/// </summary>
public sealed class InitializerTests
{
    private const double TruncatedStd = 0.87962566103423978;

    [Theory]
    [InlineData("dense", 300, 200, 1.0, "fan_avg")]    // GlorotNormal: scale 1, n = (300 + 200) / 2
    [InlineData("dense_1", 200, 250, 2.0, "fan_in")]   // HeNormal: scale 2, n = 200
    [InlineData("dense_2", 250, 240, 1.0, "fan_in")]   // LecunNormal: scale 1, n = 250
    public void TruncatedNormal_HasKerasStdAndTruncation(string layer, int fanIn, int fanOut, double scale, string mode)
    {
        float[] w = new InitializerNet(seed: 7).GetWeights(layer + "/kernel");
        Assert.Equal(fanIn * fanOut, w.Length);
        double n = mode == "fan_in" ? fanIn : (fanIn + fanOut) / 2.0;
        double std = Math.Sqrt(scale / n), s = std / TruncatedStd;

        (double mean, double sd) = Moments(w);
        Assert.True(Math.Abs(mean) < 5 * std / Math.Sqrt(w.Length), $"mean {mean}, expected 0 ± {5 * std / Math.Sqrt(w.Length)}");
        Assert.True(Math.Abs(sd / std - 1) < 0.02, $"std {sd}, expected {std}");
        double max = w.Max(v => Math.Abs(v));
        Assert.True(max <= 2 * s * (1 + 1e-6), $"max |w| {max} beyond the truncation 2s = {2 * s}");
        Assert.True(max >= 1.95 * s, $"max |w| {max}: the tail up to 2s = {2 * s} is not populated");
        // Within one s: P(|z| < 1) / P(|z| < 2) = 0.682689 / 0.954500 = 0.71523 for the truncated normal (an untruncated
        // normal of the same std would give 0.7445).
        double inside = w.Count(v => Math.Abs(v) < s) / (double)w.Length;
        Assert.True(Math.Abs(inside - 0.71523) < 0.01, $"fraction within s: {inside}, expected 0.7152");
    }

    [Theory]
    [InlineData("dense_5", 230, 220, 6.0)] // HeUniform: L = √(6 / fan_in)
    public void SymmetricUniform_HasKerasLimit(string layer, int fanIn, int fanOut, double numerator)
    {
        float[] w = new InitializerNet(seed: 7).GetWeights(layer + "/kernel");
        Assert.Equal(fanIn * fanOut, w.Length);
        AssertUniform(w, -Math.Sqrt(numerator / fanIn), Math.Sqrt(numerator / fanIn));
    }

    [Fact]
    public void RandomUniform_UsesMinValAndMaxVal() => AssertUniform(new InitializerNet(seed: 7).GetWeights("dense_3/kernel"), -0.2, 0.6);

    [Fact]
    public void RandomNormal_UsesMeanAndStddev_Untruncated()
    {
        float[] w = new InitializerNet(seed: 7).GetWeights("dense_4/kernel");
        (double mean, double sd) = Moments(w);
        Assert.True(Math.Abs(mean - 0.5) < 5 * 2.0 / Math.Sqrt(w.Length), $"mean {mean}, expected 0.5");
        Assert.True(Math.Abs(sd / 2.0 - 1) < 0.02, $"std {sd}, expected 2");
        // About 28 of 59,800 draws lie beyond 3.5σ: an untruncated normal reaches past 3σ.
        Assert.True(w.Max(v => Math.Abs(v - 0.5)) > 3 * 2.0, "no draw beyond 3σ: the normal looks truncated");
    }

    [Fact]
    public void Constant_FillsTheValue_AndDefaultInitializersAreUnchanged()
    {
        var net = new InitializerNet(seed: 7);
        Assert.All(net.GetWeights("dense_4/bias"), v => Assert.Equal(0.25f, v));
        Assert.All(net.GetWeights("dense/bias"), v => Assert.Equal(0f, v));
    }

    /// <summary>Orthogonal: W·Wᵀ = gain²·I when rows &lt; cols (30×50, gain 2), Wᵀ·W = I when rows ≥ cols (50×20).</summary>
    [Fact]
    public void Orthogonal_GivesOrthonormalRowsOrColumnsTimesTheGain()
    {
        var net = new OrthogonalNet(seed: 3);
        AssertGram(net.GetWeights("dense/kernel"), rows: 30, cols: 50, byRows: true, expectedDiagonal: 4.0);
        AssertGram(net.GetWeights("dense_1/kernel"), rows: 50, cols: 20, byRows: false, expectedDiagonal: 1.0);
    }

    [Fact]
    public void EveryInitializer_IsDeterministicInTheSeed()
    {
        float[] a = new InitializerNet(seed: 11).Parameters.ToArray(), b = new InitializerNet(seed: 11).Parameters.ToArray();
        float[] c = new InitializerNet(seed: 12).Parameters.ToArray();
        Assert.Equal(TestData.Bits(a), TestData.Bits(b));
        Assert.NotEqual(TestData.Bits(a), TestData.Bits(c));
        Assert.Equal(TestData.Bits(new OrthogonalNet(5).Parameters), TestData.Bits(new OrthogonalNet(5).Parameters));
    }

    private static void AssertUniform(float[] w, double low, double high)
    {
        (double mean, double sd) = Moments(w);
        double range = high - low, std = range / Math.Sqrt(12);
        Assert.True(w.Min() >= low && w.Max() <= high, $"values in [{w.Min()}, {w.Max()}], expected within [{low}, {high}]");
        Assert.True(w.Min() < low + 0.001 * range && w.Max() > high - 0.001 * range, "the range is not covered to its ends");
        Assert.True(Math.Abs(mean - (low + high) / 2) < 5 * std / Math.Sqrt(w.Length), $"mean {mean}, expected {(low + high) / 2}");
        Assert.True(Math.Abs(sd / std - 1) < 0.02, $"std {sd}, expected {std}");
    }

    private static void AssertGram(float[] w, int rows, int cols, bool byRows, double expectedDiagonal)
    {
        int n = byRows ? rows : cols, length = byRows ? cols : rows;
        double Element(int vector, int k) => byRows ? w[vector * cols + k] : w[k * cols + vector];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int k = 0; k < length; k++) dot += Element(i, k) * Element(j, k);
                Assert.True(Math.Abs(dot - (i == j ? expectedDiagonal : 0)) < 1e-5, $"Gram[{i}, {j}] = {dot}");
            }
        }
    }

    private static (double Mean, double Std) Moments(float[] values)
    {
        double mean = values.Average(v => (double)v);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return (mean, Math.Sqrt(variance));
    }
}

[Network]
[Input(300)]
[Dense(200, KernelInitializer = Initializer.GlorotNormal)]
[Dense(250, KernelInitializer = Initializer.HeNormal)]
[Dense(240, KernelInitializer = Initializer.LecunNormal)]
[Dense(260, KernelInitializer = Initializer.RandomUniform, KernelMinVal = -0.2, KernelMaxVal = 0.6)]
[Dense(230, KernelInitializer = Initializer.RandomNormal, KernelMean = 0.5, KernelStddev = 2, BiasInitializer = Initializer.Constant, BiasConstant = 0.25)]
[Dense(220, KernelInitializer = Initializer.HeUniform)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class InitializerNet;

[Network]
[Input(30)]
[Dense(50, KernelInitializer = Initializer.Orthogonal, KernelGain = 2)]
[Dense(20, KernelInitializer = Initializer.Orthogonal)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class OrthogonalNet;
