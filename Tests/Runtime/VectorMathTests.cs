using System;
using NetGen.Kernels;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The vectorized logistic function and tanh (<c>Activations.Sigmoid</c>/<c>Tanh</c> over spans) against double
/// precision <see cref="Math"/>, over a fine sweep of both signs, the tails and the neighbourhood of 0; the special
/// values; and a value's result independent of where it sits in a span (CI runs these on every kernel path).
/// </summary>
public sealed class VectorMathTests
{
    /// <summary>Every 1/1024 from −100 to 100, and 200 values either side of each power of two down to 2⁻³⁰.</summary>
    private static float[] Sweep()
    {
        var values = new System.Collections.Generic.List<float>();
        for (int i = -102400; i <= 102400; i++) values.Add(i / 1024f);
        for (int e = -30; e <= 6; e++)
            for (int k = -100; k <= 100; k++)
            {
                float x = MathF.ScaleB(1f + k / 1000f, e);
                values.Add(x);
                values.Add(-x);
            }
        return values.ToArray();
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void MatchesDoublePrecisionWithinAFewUlp(string function)
    {
        float[] x = Sweep();
        float[] y = (float[])x.Clone();
        Func<double, double> reference = function == "sigmoid" ? v => 1.0 / (1.0 + Math.Exp(-v)) : Math.Tanh;
        if (function == "sigmoid") Activations.Sigmoid(y); else Activations.Tanh(y);

        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = reference(x[i]);
            // 3 ulp of the result (a float ulp is 2⁻²³ relative), or an absolute 1e-37 where the result is nearly 0.
            double error = Math.Abs(y[i] - expected) / (Math.Abs(expected) * 3.6e-7 + 1e-37);
            if (error > worst) { worst = error; worstAt = i; }
        }
        Assert.True(worst <= 1, $"{function}({x[worstAt]:R}) = {y[worstAt]:R}, expected {reference(x[worstAt]):R} (error {worst:0.00} × tolerance)");
    }

    [Theory]
    [InlineData("sigmoid", float.NegativeInfinity, 0f)]
    [InlineData("sigmoid", float.PositiveInfinity, 1f)]
    [InlineData("sigmoid", -200f, 0f)]
    [InlineData("sigmoid", 200f, 1f)]
    [InlineData("sigmoid", 0f, 0.5f)]
    [InlineData("tanh", float.NegativeInfinity, -1f)]
    [InlineData("tanh", float.PositiveInfinity, 1f)]
    [InlineData("tanh", -50f, -1f)]
    [InlineData("tanh", 0f, 0f)]
    public void SpecialValues(string function, float x, float expected)
    {
        float[] y = { x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x };
        if (function == "sigmoid") Activations.Sigmoid(y); else Activations.Tanh(y);
        Assert.All(y, v => Assert.Equal(expected, v));
    }

    [Fact]
    public void NaNStaysNaN()
    {
        float[] values = new float[21];
        values.AsSpan().Fill(float.NaN);
        float[] tanh = (float[])values.Clone();
        Activations.Sigmoid(values);
        Activations.Tanh(tanh);
        Assert.All(values, v => Assert.True(float.IsNaN(v), $"sigmoid(NaN) gave {v}"));
        Assert.All(tanh, v => Assert.True(float.IsNaN(v), $"tanh(NaN) gave {v}"));
    }

    /// <summary>A value's result is the same bits at every offset of spans of 1 … 40 values: split work reproduces whole work.</summary>
    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void ResultDoesNotDependOnThePositionInTheSpan(string function)
    {
        float[] probes = { -9.3f, -0.61f, -1e-3f, 0.2f, 0.624f, 0.626f, 3.7f, 17f };
        foreach (float probe in probes)
        {
            float[] single = { probe };
            Apply(function, single);
            for (int length = 1; length <= 40; length++)
                for (int at = 0; at < length; at++)
                {
                    float[] span = new float[length];
                    for (int i = 0; i < length; i++) span[i] = 0.37f * i - 5f;
                    span[at] = probe;
                    Apply(function, span);
                    Assert.True(BitConverter.SingleToInt32Bits(single[0]) == BitConverter.SingleToInt32Bits(span[at]),
                        $"{function}({probe}) is {span[at]:R} at {at} of {length} but {single[0]:R} alone");
                }
        }
    }

    private static void Apply(string function, Span<float> values)
    {
        if (function == "sigmoid") Activations.Sigmoid(values); else Activations.Tanh(values);
    }
}
