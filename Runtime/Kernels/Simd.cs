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
    /// <summary>The kernel path this process runs: "Vector512 + FMA", "Vector256 + FMA", "Vector256", "Vector128 + FMA", "Vector128" or "scalar".</summary>
    public static string ActivePath =>
        Vector512.IsHardwareAccelerated ? "Vector512 + FMA"
        : Vector256.IsHardwareAccelerated ? (Fma.IsSupported ? "Vector256 + FMA" : "Vector256")
        : Vector128.IsHardwareAccelerated ? (Fma.IsSupported || AdvSimd.IsSupported ? "Vector128 + FMA" : "Vector128")
        : "scalar";

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
