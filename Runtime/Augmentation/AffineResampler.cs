using System;

namespace NetGen;

/// <summary>
/// One image through an <see cref="ImageTransform"/>, as Keras's <c>apply_transform</c> does it: one affine resample
/// that maps each output pixel to an input position (<c>scipy.ndimage.affine_transform</c>, order 1 = bilinear, the
/// same position for every channel), then the flips.
/// </summary>
/// <remarks>
/// The boundary handling is scipy's, step for step, so that the fill modes give Keras's pixels: the position is first
/// mapped into the image by the mode (<see cref="MapCoordinate"/>; <see cref="FillMode.Constant"/> gives up outside
/// [0, n − 1]), then a neighbour that still falls outside is mirrored (<see cref="EdgeIndex"/>), whatever the mode.
/// </remarks>
internal static class AffineResampler
{
    /// <summary>
    /// Transforms <paramref name="image"/> (H×W×C, channels last) in place; <paramref name="scratch"/> (same length)
    /// receives a copy of the input.
    /// </summary>
    public static void Apply(Span<float> image, Span<float> scratch, int height, int width, int channels,
        in ImageTransform t, FillMode mode, float cval)
    {
        if (t.IsAffineIdentity)
        {
            if (t.FlipHorizontal) FlipColumns(image, height, width, channels);
            if (t.FlipVertical) FlipRows(image, height, width, channels);
            return;
        }

        image.CopyTo(scratch);
        ReadOnlySpan<float> source = scratch;

        // M = R(θ)·T(tx, ty)·S(shear)·Z(zx, zy) in (x = column, y = row), about the image centre:
        // input = M·(output − centre) + centre. The translation column of R·T is R·(tx, ty).
        double theta = t.Theta * (Math.PI / 180), shear = t.Shear * (Math.PI / 180);
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double shearSin = Math.Sin(shear), shearCos = Math.Cos(shear);
        double m00 = cos * t.Zx, m01 = (-cos * shearSin - sin * shearCos) * t.Zy;
        double m10 = sin * t.Zx, m11 = (-sin * shearSin + cos * shearCos) * t.Zy;
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double ox = cos * t.Tx - sin * t.Ty + cx, oy = sin * t.Tx + cos * t.Ty + cy;

        for (int y = 0; y < height; y++)
        {
            // The flips come after the resample: output row y holds resampled row (H − 1 − y).
            double dy = (t.FlipVertical ? height - 1 - y : y) - cy;
            for (int x = 0; x < width; x++)
            {
                double dx = (t.FlipHorizontal ? width - 1 - x : x) - cx;
                Span<float> pixel = image.Slice((y * width + x) * channels, channels);
                if (!Locate(m10 * dx + m11 * dy + oy, height, mode, out int r0, out int r1, out double fy) ||
                    !Locate(m00 * dx + m01 * dy + ox, width, mode, out int c0, out int c1, out double fx))
                {
                    pixel.Fill(cval);
                    continue;
                }
                int p00 = (r0 * width + c0) * channels, p01 = (r0 * width + c1) * channels;
                int p10 = (r1 * width + c0) * channels, p11 = (r1 * width + c1) * channels;
                double w00 = (1 - fy) * (1 - fx), w01 = (1 - fy) * fx, w10 = fy * (1 - fx), w11 = fy * fx;
                for (int c = 0; c < channels; c++)
                {
                    pixel[c] = (float)(w00 * source[p00 + c] + w01 * source[p01 + c] + w10 * source[p10 + c] + w11 * source[p11 + c]);
                }
            }
        }
    }

    /// <summary>
    /// The two neighbours and the weight of the second for an input position along an axis of <paramref name="length"/>
    /// pixels; false when the pixel takes the constant fill.
    /// </summary>
    private static bool Locate(double position, int length, FillMode mode, out int first, out int second, out double fraction)
    {
        double mapped = MapCoordinate(position, length, mode);
        if (!(mapped > -1.0))
        {
            first = second = 0;
            fraction = 0;
            return false;
        }
        double floor = Math.Floor(mapped);
        fraction = mapped - floor;
        first = EdgeIndex((long)floor, length);
        second = EdgeIndex((long)floor + 1, length);
        return true;
    }

    /// <summary>scipy's <c>map_coordinate</c>: brings a position outside [0, n − 1] back in; −1 means "use cval".</summary>
    internal static double MapCoordinate(double position, int length, FillMode mode)
    {
        if (position >= 0 && position <= length - 1) return position;
        if (mode == FillMode.Constant) return -1;
        if (mode == FillMode.Nearest) return position < 0 ? 0 : length - 1;
        if (length <= 1) return 0;
        if (mode == FillMode.Reflect)
        {
            // Half-sample symmetric: period 2n, mirrored about −0.5 and n − 0.5.
            long period = 2L * length;
            if (position < 0)
            {
                if (position < -period) position += period * (long)(-position / period);
                return position < -length ? position + period : -position - 1;
            }
            position -= period * (long)(position / period);
            return position >= length ? period - position - 1 : position;
        }
        // Wrap: scipy's legacy 'wrap' repeats with a period of n − 1.
        long size = length - 1;
        return position < 0
            ? position + size * ((long)(-position / size) + 1)
            : position - size * (long)(position / size);
    }

    /// <summary>scipy's border rule for a neighbour index outside [0, n): mirror about the edge pixels (period 2n − 2).</summary>
    internal static int EdgeIndex(long index, int length)
    {
        if (index >= 0 && index < length) return (int)index;
        if (length <= 1) return 0;
        long period = 2L * length - 2;
        if (index < 0)
        {
            index += period * (-index / period);
            return (int)(index <= 1 - length ? index + period : -index);
        }
        index -= period * (index / period);
        return (int)(index >= length ? period - index : index);
    }

    private static void FlipColumns(Span<float> image, int height, int width, int channels)
    {
        for (int y = 0; y < height; y++)
        {
            Span<float> row = image.Slice(y * width * channels, width * channels);
            for (int left = 0, right = width - 1; left < right; left++, right--)
            {
                for (int c = 0; c < channels; c++)
                    (row[left * channels + c], row[right * channels + c]) = (row[right * channels + c], row[left * channels + c]);
            }
        }
    }

    private static void FlipRows(Span<float> image, int height, int width, int channels)
    {
        int rowLength = width * channels;
        for (int top = 0, bottom = height - 1; top < bottom; top++, bottom--)
        {
            Span<float> a = image.Slice(top * rowLength, rowLength), b = image.Slice(bottom * rowLength, rowLength);
            for (int i = 0; i < rowLength; i++) (a[i], b[i]) = (b[i], a[i]);
        }
    }
}
