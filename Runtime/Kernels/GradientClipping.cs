using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// The reductions of Keras's gradient clipping (<c>clipnorm</c>, <c>global_clipnorm</c>), which the generated update needs
/// before its fused pass: sums of squares in double, always in the same order (one thread, fixed lanes), so the scale
/// is deterministic whatever the thread count.
/// </summary>
public static class GradientClipping
{
    /// <summary>Σ v², accumulated in double in four interleaved lanes, then summed in a fixed order.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> values)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i <= values.Length - 4; i += 4)
        {
            double a = Unsafe.Add(ref v, i), b = Unsafe.Add(ref v, i + 1), c = Unsafe.Add(ref v, i + 2), d = Unsafe.Add(ref v, i + 3);
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        for (; i < values.Length; i++)
        {
            double a = Unsafe.Add(ref v, i);
            s0 += a * a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// The factor <c>tf.clip_by_norm</c> applies to one tensor: c / max(‖g‖, c), so 1 when the norm is within the limit.
    /// </summary>
    /// <param name="sumOfSquares">Σ g² of the tensor.</param>
    /// <param name="clipNorm">The limit c (positive).</param>
    public static float ClipByNormScale(double sumOfSquares, double clipNorm) =>
        (float)(clipNorm / Math.Max(Math.Sqrt(sumOfSquares), clipNorm));

    /// <summary>
    /// The factor <c>tf.clip_by_global_norm</c> applies to every gradient: c / max(G, c) with G = √Σ‖g‖²; NaN when G is
    /// infinite or NaN (TensorFlow then makes every gradient NaN rather than silently zeroing them).
    /// </summary>
    /// <param name="sumOfSquares">Σ g² over all gradients.</param>
    /// <param name="clipNorm">The limit c (positive).</param>
    public static float ClipByGlobalNormScale(double sumOfSquares, double clipNorm)
    {
        double norm = Math.Sqrt(sumOfSquares);
        return double.IsFinite(norm) ? (float)(clipNorm / Math.Max(norm, clipNorm)) : float.NaN;
    }
}
