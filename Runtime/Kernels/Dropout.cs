using System;
using System.Numerics;
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
        // The uniform numbers first (one per value, the same stream as one NextSingle each), then the mask in vectors.
        random.NextSingles(mask);
        float scale = 1f / (1f - rate);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var rates = new Vector<float>(rate);
            var scales = new Vector<float>(scale);
            for (; i + Vector<float>.Count <= mask.Length; i += Vector<float>.Count)
            {
                Span<float> slice = mask.Slice(i, Vector<float>.Count);
                Vector.ConditionalSelect(Vector.GreaterThanOrEqual(new Vector<float>(slice), rates), scales, Vector<float>.Zero).CopyTo(slice);
            }
        }
        for (; i < mask.Length; i++) mask[i] = mask[i] >= rate ? scale : 0f;
    }

    /// <summary><c>output = input ⊙ mask</c> (buffers of equal length).</summary>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> mask) => Merge.Multiply(output, input, mask);

    /// <summary><c>inputGradient = outputGradient ⊙ mask</c> (buffers of equal length; the first two may be the same memory).</summary>
    public static void Backward(Span<float> inputGradient, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> mask) =>
        Merge.Multiply(inputGradient, outputGradient, mask);
}
