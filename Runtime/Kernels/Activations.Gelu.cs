using System;

namespace NetGen.Kernels;

public static partial class Activations
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;
    private const double SqrtTwoOverPi = 0.79788456080286535588;

    /// <summary>
    /// y = 0.5·x·(1 + erf(x/√2)), exact GELU (Keras's default), in place. Evaluated as 0.5·x·erfc(−x/√2), which has no
    /// cancellation for negative x.
    /// </summary>
    public static void Gelu(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            values[i] = (float)(0.5 * x * ErrorFunction.Erfc(-x * InverseSqrt2));
        }
    }

    /// <summary>dx = dy · (Φ(x) + x·φ(x)) with Φ, φ the standard normal CDF and density, in place over <paramref name="gradient"/>; reads the input.</summary>
    public static void GeluBackward(Span<float> gradient, ReadOnlySpan<float> input)
    {
        CheckSameLength(gradient, input);
        for (int i = 0; i < gradient.Length; i++)
        {
            double x = input[i];
            double derivative = 0.5 * ErrorFunction.Erfc(-x * InverseSqrt2) + x * InverseSqrt2Pi * Math.Exp(-0.5 * x * x);
            gradient[i] = (float)(gradient[i] * derivative);
        }
    }

    /// <summary>y = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), Keras's <c>gelu(approximate=True)</c>, in place.</summary>
    public static void GeluApproximate(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            values[i] = (float)(0.5 * x * (1.0 + Math.Tanh(SqrtTwoOverPi * (x + 0.044715 * x * x * x))));
        }
    }

    /// <summary>dx = dy · (0.5(1 + t) + 0.5·x·(1 − t²)·√(2/π)(1 + 3·0.044715·x²)) with t = tanh(√(2/π)(x + 0.044715x³)), in place; reads the input.</summary>
    public static void GeluApproximateBackward(Span<float> gradient, ReadOnlySpan<float> input)
    {
        CheckSameLength(gradient, input);
        for (int i = 0; i < gradient.Length; i++)
        {
            double x = input[i];
            double t = Math.Tanh(SqrtTwoOverPi * (x + 0.044715 * x * x * x));
            double derivative = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * SqrtTwoOverPi * (1.0 + 3.0 * 0.044715 * x * x);
            gradient[i] = (float)(gradient[i] * derivative);
        }
    }
}
