using System;
using System.Globalization;

namespace NetGen;

/// <summary>
/// The contents of an IDX image file (magic <c>0x00000803</c>): <see cref="Count"/> images of
/// <see cref="Rows"/> × <see cref="Cols"/> unsigned bytes, stored row-major, image after image.
/// </summary>
public sealed class IdxImages
{
    /// <summary>Creates an image set from its dimensions and raw pixel bytes.</summary>
    /// <param name="count">The number of images.</param>
    /// <param name="rows">The height of one image.</param>
    /// <param name="cols">The width of one image.</param>
    /// <param name="pixels">All pixels, row-major: <c>count × rows × cols</c> bytes.</param>
    /// <exception cref="ArgumentException">A dimension is not positive or the pixel count disagrees with the dimensions.</exception>
    public IdxImages(int count, int rows, int cols, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (count <= 0 || rows <= 0 || cols <= 0)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected positive dimensions; found {count} images of {rows}×{cols}."));
        long expected = (long)count * rows * cols;
        if (pixels.Length != expected)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {expected} pixel bytes for {count} images of {rows}×{cols}; found {pixels.Length}."),
                nameof(pixels));
        Count = count;
        Rows = rows;
        Cols = cols;
        Pixels = pixels;
    }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>The height of one image, in pixels.</summary>
    public int Rows { get; }

    /// <summary>The width of one image, in pixels.</summary>
    public int Cols { get; }

    /// <summary>The number of pixels in one image (<see cref="Rows"/> × <see cref="Cols"/>).</summary>
    public int ImageSize => Rows * Cols;

    /// <summary>All pixels (0–255), row-major, <see cref="Count"/> × <see cref="Rows"/> × <see cref="Cols"/> bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetImage(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an image index in [0, {Count}).");
        return Pixels.AsSpan(index * ImageSize, ImageSize);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"IdxImages({Count} images of {Rows}×{Cols})");
}
