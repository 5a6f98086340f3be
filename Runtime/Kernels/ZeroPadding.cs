using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// Keras's <c>ZeroPadding1D</c> and <c>ZeroPadding2D</c> over channels-last feature maps (a sequence is a map of
/// height 1). Each input row of width·channels floats is contiguous in the output too, so both passes copy rows.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ZeroPadding
{
    /// <summary><c>y</c> = <c>x</c> surrounded by <paramref name="top"/>, <paramref name="bottom"/> zero rows and <paramref name="left"/>, <paramref name="right"/> zero columns.</summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the sizes.</exception>
    public static void Forward(Span<float> y, ReadOnlySpan<float> x, int batch, int height, int width, int channels, int top, int bottom, int left, int right)
    {
        int paddedWidth = width + left + right, paddedSize = (height + top + bottom) * paddedWidth * channels, row = width * channels;
        CheckLength(x.Length, batch * height * row, nameof(x));
        CheckLength(y.Length, batch * paddedSize, nameof(y));
        y.Clear();
        for (int b = 0; b < batch; b++)
        {
            for (int h = 0; h < height; h++)
                x.Slice((b * height + h) * row, row).CopyTo(y.Slice(b * paddedSize + ((h + top) * paddedWidth + left) * channels, row));
        }
    }

    /// <summary><c>dx</c> = <c>dy</c> without its padded rows and columns (their gradient goes nowhere).</summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the sizes.</exception>
    public static void Backward(Span<float> dx, ReadOnlySpan<float> dy, int batch, int height, int width, int channels, int top, int bottom, int left, int right)
    {
        int paddedWidth = width + left + right, paddedSize = (height + top + bottom) * paddedWidth * channels, row = width * channels;
        CheckLength(dx.Length, batch * height * row, nameof(dx));
        CheckLength(dy.Length, batch * paddedSize, nameof(dy));
        for (int b = 0; b < batch; b++)
        {
            for (int h = 0; h < height; h++)
                dy.Slice(b * paddedSize + ((h + top) * paddedWidth + left) * channels, row).CopyTo(dx.Slice((b * height + h) * row, row));
        }
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {expected} values for the batch and the sizes; found {actual}.", name);
    }
}
