using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// Vector primitives the generated kernels use. The <c>IsSupported</c> checks are JIT/AOT-time constants,
/// so each call compiles to a single instruction.
/// </summary>
public static class Simd
{
    /// <summary>
    /// The kernel path this process runs: "Vector512 + FMA", "Vector256 + FMA", "Vector256", "Vector128 + FMA",
    /// "Vector128", "Vector128 + FMA (AdvSimd/NEON)" on Arm64, or "scalar".
    /// </summary>
    public static string ActivePath =>
        Vector512.IsHardwareAccelerated ? "Vector512 + FMA"
        : Vector256.IsHardwareAccelerated ? (Fma.IsSupported ? "Vector256 + FMA" : "Vector256")
        : Vector128.IsHardwareAccelerated
            ? (AdvSimd.IsSupported ? "Vector128 + FMA (AdvSimd/NEON)" : Fma.IsSupported ? "Vector128 + FMA" : "Vector128")
        : "scalar";

    /// <summary>The smallest positive normal float (2⁻¹²⁶); smaller magnitudes are denormal.</summary>
    public const float SmallestNormal = 1.17549435E-38f;

    /// <summary>
    /// <paramref name="x"/> with its denormal values set to 0 (NaN and infinity kept). The optimizers' state decays
    /// geometrically where the gradient stays 0 (Adam's m by β1 each step, a momentum by μ), so within a thousand
    /// steps it turns denormal, and on Intel CPUs every instruction touching a denormal takes a microcode assist:
    /// Adam's update ran 22 times slower (1,250 vs 57 µs for 101,760 values, Xeon, Vector512). TensorFlow flushes
    /// denormals to zero on its CPU threads, so this is also what Keras computes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FlushDenormals(Vector512<float> x) =>
        Vector512.AndNot(x, Vector512.LessThan(Vector512.Abs(x), Vector512.Create(SmallestNormal)));

    /// <inheritdoc cref="FlushDenormals(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FlushDenormals(Vector256<float> x) =>
        Vector256.AndNot(x, Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SmallestNormal)));

    /// <inheritdoc cref="FlushDenormals(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FlushDenormals(Vector128<float> x) =>
        Vector128.AndNot(x, Vector128.LessThan(Vector128.Abs(x), Vector128.Create(SmallestNormal)));

    /// <summary><paramref name="x"/>, or 0 when it is denormal (see <see cref="FlushDenormals(Vector512{float})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FlushDenormal(float x) => MathF.Abs(x) < SmallestNormal ? 0f : x;

    /// <summary><c>a * b + c</c>, fused (AVX-512 always has FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
        => Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <summary><c>a * b + c</c>, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
        => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary><c>a * b + c</c>, fused where the hardware has FMA (x64) or NEON (Arm64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported) return Fma.MultiplyAdd(a, b, c);
        if (AdvSimd.IsSupported) return AdvSimd.FusedMultiplyAdd(c, a, b);
        return a * b + c;
    }

    /// <summary>
    /// The horizontal sums of 16 vectors <c>c{r}{j}</c> (r, j in 0..3), as one vector whose quarter r holds
    /// [Σc{r}0, Σc{r}1, Σc{r}2, Σc{r}3]: a transposing tree of 15 adds instead of 16 separate reductions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SumRows4x4(
        Vector512<float> c00, Vector512<float> c01, Vector512<float> c02, Vector512<float> c03,
        Vector512<float> c10, Vector512<float> c11, Vector512<float> c12, Vector512<float> c13,
        Vector512<float> c20, Vector512<float> c21, Vector512<float> c22, Vector512<float> c23,
        Vector512<float> c30, Vector512<float> c31, Vector512<float> c32, Vector512<float> c33)
    {
        if (!Avx512F.IsSupported)
        {
            return Vector512.Create(
                Vector256.Create(
                    Vector128.Create(Vector512.Sum(c00), Vector512.Sum(c01), Vector512.Sum(c02), Vector512.Sum(c03)),
                    Vector128.Create(Vector512.Sum(c10), Vector512.Sum(c11), Vector512.Sum(c12), Vector512.Sum(c13))),
                Vector256.Create(
                    Vector128.Create(Vector512.Sum(c20), Vector512.Sum(c21), Vector512.Sum(c22), Vector512.Sum(c23)),
                    Vector128.Create(Vector512.Sum(c30), Vector512.Sum(c31), Vector512.Sum(c32), Vector512.Sum(c33))));
        }
        // Each column j gathers rows 0..3 into one vector whose quarter r is a 4-lane partial sum of c{r}j ...
        Vector512<float> u = Quads(Halves(c00, c10), Halves(c20, c30));
        Vector512<float> v = Quads(Halves(c01, c11), Halves(c21, c31));
        Vector512<float> w = Quads(Halves(c02, c12), Halves(c22, c32));
        Vector512<float> x = Quads(Halves(c03, c13), Halves(c23, c33));
        // ... then, inside each quarter, the four columns' partial sums are folded into lanes 0..3.
        Vector512<float> uv = Avx512F.Shuffle(u, v, 0x44) + Avx512F.Shuffle(u, v, 0xEE);
        Vector512<float> wx = Avx512F.Shuffle(w, x, 0x44) + Avx512F.Shuffle(w, x, 0xEE);
        return Avx512F.Shuffle(uv, wx, 0x88) + Avx512F.Shuffle(uv, wx, 0xDD);
    }

    /// <summary>
    /// [Σa, Σb, Σc, Σd]: the horizontal sums of four vectors, each bit for bit <see cref="Vector256.Sum{T}(Vector256{T})"/>
    /// (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))), in three horizontal adds for the four instead of two each.
    /// On Zen 3 a horizontal add takes two cycles, so twelve separate sums cost a BackwardInput tile as much as half of
    /// its multiply-adds over a 100-wide layer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SumEach(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        if (!Avx.IsSupported) return Vector128.Create(Vector256.Sum(a), Vector256.Sum(b), Vector256.Sum(c), Vector256.Sum(d));
        // Per 128-bit half: [a01, a23, b01, b23] and [c01, c23, d01, d23], then [a0123, b0123, c0123, d0123] ...
        Vector256<float> halves = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
        // ... and the lower half's sums plus the upper half's, as Vector256.Sum adds them.
        return halves.GetLower() + halves.GetUpper();
    }

    /// <summary>[a's 8-lane partial sum | b's 8-lane partial sum].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Halves(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0x44) + Avx512F.Shuffle4x128(a, b, 0xEE);

    /// <summary>From [a | b] and [c | d] (8-lane partials): the 4-lane partials of a, b, c, d in quarters 0..3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quads(Vector512<float> ab, Vector512<float> cd) =>
        Avx512F.Shuffle4x128(ab, cd, 0x88) + Avx512F.Shuffle4x128(ab, cd, 0xDD);

    /// <summary>Quarter <paramref name="index"/> (0..3) of <paramref name="value"/>: lanes 4·index .. 4·index + 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Quarter(Vector512<float> value, int index) => index switch
    {
        0 => value.GetLower().GetLower(),
        1 => value.GetLower().GetUpper(),
        2 => value.GetUpper().GetLower(),
        _ => value.GetUpper().GetUpper(),
    };
}
