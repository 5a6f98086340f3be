using System;

namespace NetGen.Kernels;

public static partial class Activations
{
    /// <summary>y = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|) (no overflow, no cancellation), in place.</summary>
    public static void Softplus(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            values[i] = (float)(Math.Max(x, 0.0) + ScalarMath.Log1P(Math.Exp(-Math.Abs(x))));
        }
    }

    /// <summary>dx = dy · σ(x), with σ(x) = 1 − e^−y recovered from the output, in place over <paramref name="gradient"/>.</summary>
    public static void SoftplusBackward(Span<float> gradient, ReadOnlySpan<float> output)
    {
        CheckSameLength(gradient, output);
        for (int i = 0; i < gradient.Length; i++)
            gradient[i] = (float)(gradient[i] * -ScalarMath.ExpM1(-(double)output[i]));
    }
}
