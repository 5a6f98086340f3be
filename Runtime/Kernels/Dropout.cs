using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>Inverted dropout: the kept values are scaled by 1 / (1 − rate) in training, so inference is the identity.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dropout
{
    /// <summary>
    /// Draws a keep mask: each value is kept with probability 1 − <paramref name="rate"/>; the mask holds the
    /// scale 1 / (1 − rate) for kept values and 0 for dropped ones.
    /// </summary>
    public static void DrawMask(Span<float> mask, float rate, SeededRandom random)
    {
        float scale = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextSingle() >= rate ? scale : 0f;
    }

    /// <summary><c>output = input ⊙ mask</c>.</summary>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> mask)
    {
        for (int i = 0; i < input.Length; i++) output[i] = input[i] * mask[i];
    }

    /// <summary><c>inputGradient = outputGradient ⊙ mask</c> (the buffers may be the same memory).</summary>
    public static void Backward(Span<float> inputGradient, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> mask)
    {
        for (int i = 0; i < outputGradient.Length; i++) inputGradient[i] = outputGradient[i] * mask[i];
    }
}
