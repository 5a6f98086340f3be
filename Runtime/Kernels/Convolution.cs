using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// The data movement around the generated convolution products: copying maps into zero-bordered (and, for strided
/// layers' gradients, zero-dilated) buffers, and the flipped, transposed kernel that turns the input gradient into a
/// forward convolution.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Convolution
{
    /// <summary>
    /// Copies each (<paramref name="height"/>, <paramref name="width"/>, <paramref name="channels"/>) map of
    /// <paramref name="source"/> into the (<paramref name="targetHeight"/>, <paramref name="targetWidth"/>) maps of
    /// <paramref name="target"/>, pixel (y, x) going to (<paramref name="top"/> + y·<paramref name="strideHeight"/>,
    /// <paramref name="left"/> + x·<paramref name="strideWidth"/>). The other cells are not touched: the caller's
    /// buffer keeps them zero (every call writes the same cells).
    /// </summary>
    /// <exception cref="ArgumentException">The geometry does not fit the buffers.</exception>
    public static void Spread(Span<float> target, ReadOnlySpan<float> source, int batch, int height, int width, int channels,
        int targetHeight, int targetWidth, int top, int left, int strideHeight, int strideWidth)
    {
        if (source.Length < batch * height * width * channels || target.Length < batch * targetHeight * targetWidth * channels
            || top < 0 || left < 0 || top + (height - 1) * strideHeight >= targetHeight || left + (width - 1) * strideWidth >= targetWidth)
            throw new ArgumentException($"Cannot spread ({height}, {width}, {channels}) maps at ({top}, {left}) with strides ({strideHeight}, {strideWidth}) into ({targetHeight}, {targetWidth}, {channels}).");
        int rowFloats = width * channels;
        for (int b = 0; b < batch; b++)
        {
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<float> row = source.Slice(((b * height) + y) * rowFloats, rowFloats);
                Span<float> targetRow = target.Slice(((b * targetHeight) + top + y * strideHeight) * targetWidth * channels, targetWidth * channels);
                if (strideWidth == 1)
                {
                    row.CopyTo(targetRow.Slice(left * channels));
                    continue;
                }
                for (int x = 0; x < width; x++)
                    row.Slice(x * channels, channels).CopyTo(targetRow.Slice((left + x * strideWidth) * channels));
            }
        }
    }

    /// <summary>
    /// The inverse of <see cref="Spread"/> with unit strides: copies the (<paramref name="height"/>, <paramref name="width"/>)
    /// window at (<paramref name="top"/>, <paramref name="left"/>) of each source map out.
    /// </summary>
    /// <exception cref="ArgumentException">The window does not fit the buffers.</exception>
    public static void Crop(Span<float> target, ReadOnlySpan<float> source, int batch, int height, int width, int channels,
        int sourceHeight, int sourceWidth, int top, int left)
    {
        if (target.Length < batch * height * width * channels || source.Length < batch * sourceHeight * sourceWidth * channels
            || top < 0 || left < 0 || top + height > sourceHeight || left + width > sourceWidth)
            throw new ArgumentException($"Cannot crop ({height}, {width}, {channels}) at ({top}, {left}) out of ({sourceHeight}, {sourceWidth}, {channels}) maps.");
        int rowFloats = width * channels;
        for (int b = 0; b < batch; b++)
        {
            for (int y = 0; y < height; y++)
                source.Slice((((b * sourceHeight) + top + y) * sourceWidth + left) * channels, rowFloats).CopyTo(target.Slice(((b * height) + y) * rowFloats, rowFloats));
        }
    }

    /// <summary>
    /// Writes the kernel of the input gradient's convolution: the (kh, kw, in, out) <paramref name="kernel"/> rotated by
    /// 180° over its taps and transposed per tap, (kh, kw, out, in). The input gradient of a convolution is the
    /// convolution of the (dilated, bordered) output gradient with this kernel.
    /// </summary>
    /// <exception cref="ArgumentException">A length is not kh·kw·in·out.</exception>
    public static void FlipKernel(Span<float> flipped, ReadOnlySpan<float> kernel, int kernelHeight, int kernelWidth, int inputs, int filters)
    {
        int taps = kernelHeight * kernelWidth, block = inputs * filters;
        if (kernel.Length != taps * block || flipped.Length != taps * block)
            throw new ArgumentException($"Expected {kernelHeight} × {kernelWidth} × {inputs} × {filters} = {taps * block} values in both kernels; found {kernel.Length} and {flipped.Length}.");
        for (int t = 0; t < taps; t++)
            Transpose.Matrix(flipped.Slice((taps - 1 - t) * block, block), kernel.Slice(t * block, block), inputs, filters);
    }
}
