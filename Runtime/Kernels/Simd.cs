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
}
