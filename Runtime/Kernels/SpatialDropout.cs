using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// Keras's <c>SpatialDropout1D/2D</c>: one keep-mask value per sample and channel (1 / (1 − rate) or 0, drawn like
/// <see cref="Dropout"/>'s), broadcast over every position of the sample's feature map.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpatialDropout
{
    /// <summary><c>y[b, p, c] = x[b, p, c] · mask[b, c]</c> over <paramref name="positions"/> positions per sample.</summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the sizes.</exception>
    public static void Forward(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> mask, int batch, int positions, int channels) =>
        Apply(y, x, mask, batch, positions, channels);

    /// <summary><c>dx[b, p, c] = dy[b, p, c] · mask[b, c]</c> (the buffers may be the same memory).</summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the sizes.</exception>
    public static void Backward(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> mask, int batch, int positions, int channels) =>
        Apply(dx, dy, mask, batch, positions, channels);

    private static void Apply(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> mask, int batch, int positions, int channels)
    {
        if (x.Length != batch * positions * channels || y.Length != x.Length || mask.Length != batch * channels)
            throw new ArgumentException($"Expected {batch * positions * channels} values and a mask of {batch * channels}; found {x.Length}, {y.Length} and {mask.Length}.");
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref float mRef = ref MemoryMarshal.GetReference(mask);
        int vectorEnd = channels - channels % Vector<float>.Count;
        for (int b = 0; b < batch; b++)
        {
            int m = b * channels;
            for (int p = 0; p < positions; p++)
            {
                int i = (b * positions + p) * channels, c = 0;
                for (; c < vectorEnd; c += Vector<float>.Count)
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref xRef, (nuint)(i + c)) * Vector.LoadUnsafe(ref mRef, (nuint)(m + c)), ref yRef, (nuint)(i + c));
                for (; c < channels; c++) Unsafe.Add(ref yRef, i + c) = Unsafe.Add(ref xRef, i + c) * Unsafe.Add(ref mRef, m + c);
            }
        }
    }
}
