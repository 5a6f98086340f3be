using System;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// eˣ − 1 and log(1 + x) without the cancellation of the naive forms near 0 (.NET has no <c>MathF.ExpM1</c>/<c>Log1p</c>
/// of that quality), in double so that the float results the activations return are correctly rounded in practice.
/// </summary>
internal static class ScalarMath
{
    /// <summary>eˣ − 1; below |x| = 1e-5 the series x + x²/2 + x³/6 is exact to double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x * (1.0 + x * (0.5 + x / 6.0)) : Math.Exp(x) - 1.0;

    /// <summary>log(1 + x) for x &gt; −1; below |x| = 1e-5 the series x − x²/2 + x³/3 is exact to double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log1P(double x) => Math.Abs(x) < 1e-5 ? x * (1.0 - x * (0.5 - x / 3.0)) : Math.Log(1.0 + x);
}
