using System;

namespace NetGen.Kernels;

public static partial class Activations
{
    /// <summary>y = x · σ(x) (Keras's <c>swish</c> / <c>silu</c>), in place.</summary>
    public static void Swish(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] *= Sigmoid(values[i]);
    }

    /// <summary>dx = dy · σ(x)(1 + x(1 − σ(x))), in place over <paramref name="gradient"/>; reads the input.</summary>
    public static void SwishBackward(Span<float> gradient, ReadOnlySpan<float> input)
    {
        CheckSameLength(gradient, input);
        for (int i = 0; i < gradient.Length; i++)
        {
            float x = input[i], s = Sigmoid(x);
            gradient[i] *= s * (1f + x * (1f - s));
        }
    }
}
