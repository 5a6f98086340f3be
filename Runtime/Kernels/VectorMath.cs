using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// e^x, the logistic function and tanh on whole vectors, for the activations that were a scalar <c>MathF</c> call per
/// element (an LSTM step spent most of its time in them: 5 per unit against about 60 multiply-adds).
/// </summary>
/// <remarks>
/// The algorithms are Cephes's single-precision ones (e^x by Cody–Waite reduction to r in [−ln2/2, ln2/2] and a
/// degree-5 polynomial; tanh by an odd polynomial below 0.625 and (1 − e^{−2|x|}) / (1 + e^{−2|x|}) above), accurate to
/// about 2 ulp of <c>MathF</c>. Every lane computes the same operations, so a value's result never depends on where it
/// sits in a span or how a span is split (the tail goes through a padded vector, not a scalar loop); on the scalar path
/// (no hardware intrinsics) the callers keep <c>MathF</c>. NaN stays NaN, ±∞ give the limits.
/// </remarks>
internal static class VectorMath
{
    private const float Log2E = 1.44269504088896341f;
    // ln 2 split so that n·Ln2High is exact for the n that occur (Cephes's C1, C2).
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    /// <summary>Below this e^x is under the smallest normal float: the result is 0 (no denormals reach the callers).</summary>
    private const float ExpLowest = -87.33654f;

    /// <summary>e^x for x ≤ 0 (the only inputs the logistic function and tanh need); 0 below −87.34, NaN kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpNonPositive(Vector512<float> x)
    {
        Vector512<float> clamped = Vector512.Max(x, Vector512.Create(ExpLowest));
        Vector512<float> n = Vector512.Floor(Simd.MultiplyAdd(clamped, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        Vector512<float> r = Simd.MultiplyAdd(n, Vector512.Create(-Ln2High), clamped);
        r = Simd.MultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        Vector512<float> p = Vector512.Create(1.9875691500e-4f);
        p = Simd.MultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Simd.MultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Simd.MultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Simd.MultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Simd.MultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        p = Simd.MultiplyAdd(p, r * r, r) + Vector512<float>.One;
        // 2^n from its exponent bits; n ≥ −126 after the clamp, so 2^n is normal.
        Vector512<float> scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();
        Vector512<float> e = p * scale;
        e = Vector512.AndNot(e, Vector512.LessThan(x, Vector512.Create(ExpLowest)));
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), e, x);
    }

    /// <inheritdoc cref="ExpNonPositive(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpNonPositive(Vector256<float> x)
    {
        Vector256<float> clamped = Vector256.Max(x, Vector256.Create(ExpLowest));
        Vector256<float> n = Vector256.Floor(Simd.MultiplyAdd(clamped, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        Vector256<float> r = Simd.MultiplyAdd(n, Vector256.Create(-Ln2High), clamped);
        r = Simd.MultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> p = Vector256.Create(1.9875691500e-4f);
        p = Simd.MultiplyAdd(p, r, Vector256.Create(1.3981999507e-3f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        p = Simd.MultiplyAdd(p, r * r, r) + Vector256<float>.One;
        Vector256<float> scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
        Vector256<float> e = p * scale;
        e = Vector256.AndNot(e, Vector256.LessThan(x, Vector256.Create(ExpLowest)));
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), e, x);
    }

    /// <inheritdoc cref="ExpNonPositive(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpNonPositive(Vector128<float> x)
    {
        Vector128<float> clamped = Vector128.Max(x, Vector128.Create(ExpLowest));
        Vector128<float> n = Vector128.Floor(Simd.MultiplyAdd(clamped, Vector128.Create(Log2E), Vector128.Create(0.5f)));
        Vector128<float> r = Simd.MultiplyAdd(n, Vector128.Create(-Ln2High), clamped);
        r = Simd.MultiplyAdd(n, Vector128.Create(-Ln2Low), r);
        Vector128<float> p = Vector128.Create(1.9875691500e-4f);
        p = Simd.MultiplyAdd(p, r, Vector128.Create(1.3981999507e-3f));
        p = Simd.MultiplyAdd(p, r, Vector128.Create(8.3334519073e-3f));
        p = Simd.MultiplyAdd(p, r, Vector128.Create(4.1665795894e-2f));
        p = Simd.MultiplyAdd(p, r, Vector128.Create(1.6666665459e-1f));
        p = Simd.MultiplyAdd(p, r, Vector128.Create(5.0000001201e-1f));
        p = Simd.MultiplyAdd(p, r * r, r) + Vector128<float>.One;
        Vector128<float> scale = Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23).AsSingle();
        Vector128<float> e = p * scale;
        e = Vector128.AndNot(e, Vector128.LessThan(x, Vector128.Create(ExpLowest)));
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), e, x);
    }

    /// <summary>1 / (1 + e^−x), as 1 / (1 + e^−|x|) or e^−|x| / (1 + e^−|x|) so that nothing overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> e = ExpNonPositive(-Vector512.Abs(x));
        Vector512<float> numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), Vector512<float>.One, e);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), numerator / (Vector512<float>.One + e), x);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> e = ExpNonPositive(-Vector256.Abs(x));
        Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.One, e);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), numerator / (Vector256<float>.One + e), x);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x)
    {
        Vector128<float> e = ExpNonPositive(-Vector128.Abs(x));
        Vector128<float> numerator = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero), Vector128<float>.One, e);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), numerator / (Vector128<float>.One + e), x);
    }

    /// <summary>Below this |x| tanh is its odd polynomial (no cancellation in 1 − e^−2|x|).</summary>
    private const float TanhPolynomialBound = 0.625f;

    /// <summary>tanh(x): x + x³·P(x²) for |x| &lt; 0.625, else sign(x)·(1 − e^−2|x|) / (1 + e^−2|x|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> e = ExpNonPositive(a * Vector512.Create(-2f));
        Vector512<float> large = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        large = large | (x & Vector512.Create(-0f)); // tanh's sign is x's
        Vector512<float> z = x * x;
        Vector512<float> p = Vector512.Create(-5.70498872745e-3f);
        p = Simd.MultiplyAdd(p, z, Vector512.Create(2.06390887954e-2f));
        p = Simd.MultiplyAdd(p, z, Vector512.Create(-5.37397155531e-2f));
        p = Simd.MultiplyAdd(p, z, Vector512.Create(1.33314422036e-1f));
        p = Simd.MultiplyAdd(p, z, Vector512.Create(-3.33332819422e-1f));
        Vector512<float> small = Simd.MultiplyAdd(p * z, x, x);
        Vector512<float> y = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(TanhPolynomialBound)), small, large);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> a = Vector256.Abs(x);
        Vector256<float> e = ExpNonPositive(a * Vector256.Create(-2f));
        Vector256<float> large = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        large = large | (x & Vector256.Create(-0f));
        Vector256<float> z = x * x;
        Vector256<float> p = Vector256.Create(-5.70498872745e-3f);
        p = Simd.MultiplyAdd(p, z, Vector256.Create(2.06390887954e-2f));
        p = Simd.MultiplyAdd(p, z, Vector256.Create(-5.37397155531e-2f));
        p = Simd.MultiplyAdd(p, z, Vector256.Create(1.33314422036e-1f));
        p = Simd.MultiplyAdd(p, z, Vector256.Create(-3.33332819422e-1f));
        Vector256<float> small = Simd.MultiplyAdd(p * z, x, x);
        Vector256<float> y = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(TanhPolynomialBound)), small, large);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);
    }

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<float> a = Vector128.Abs(x);
        Vector128<float> e = ExpNonPositive(a * Vector128.Create(-2f));
        Vector128<float> large = (Vector128<float>.One - e) / (Vector128<float>.One + e);
        large = large | (x & Vector128.Create(-0f));
        Vector128<float> z = x * x;
        Vector128<float> p = Vector128.Create(-5.70498872745e-3f);
        p = Simd.MultiplyAdd(p, z, Vector128.Create(2.06390887954e-2f));
        p = Simd.MultiplyAdd(p, z, Vector128.Create(-5.37397155531e-2f));
        p = Simd.MultiplyAdd(p, z, Vector128.Create(1.33314422036e-1f));
        p = Simd.MultiplyAdd(p, z, Vector128.Create(-3.33332819422e-1f));
        Vector128<float> small = Simd.MultiplyAdd(p * z, x, x);
        Vector128<float> y = Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128.Create(TanhPolynomialBound)), small, large);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), y, x);
    }

    /// <summary>The function a span kernel applies to each vector.</summary>
    public enum Function { Sigmoid, Tanh }

    /// <summary>
    /// Applies <paramref name="function"/> to <paramref name="values"/> in place on the widest vector path; the last,
    /// partial vector goes through a zero-padded copy, so every element sees the same operations. Returns false (and
    /// changes nothing) on the scalar path, where the caller uses <c>MathF</c>.
    /// </summary>
    public static bool TryApply(Span<float> values, Function function)
    {
        int n = values.Length, i = 0;
        ref float v = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16)
                Apply(Vector512.LoadUnsafe(ref v, (nuint)i), function).StoreUnsafe(ref v, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
                Apply(Vector256.LoadUnsafe(ref v, (nuint)i), function).StoreUnsafe(ref v, (nuint)i);
        }
        else if (!Vector128.IsHardwareAccelerated) return false;
        for (; i + 4 <= n; i += 4)
            Apply(Vector128.LoadUnsafe(ref v, (nuint)i), function).StoreUnsafe(ref v, (nuint)i);
        if (i < n)
        {
            // The last 1–3 values (the 4-wide loop above takes every whole vector left) in a zero-padded vector.
            Span<float> padded = stackalloc float[4];
            padded.Clear();
            values.Slice(i).CopyTo(padded);
            Apply(Vector128.Create((ReadOnlySpan<float>)padded), function).CopyTo(padded);
            padded.Slice(0, n - i).CopyTo(values.Slice(i));
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Apply(Vector512<float> x, Function function) => function == Function.Sigmoid ? Sigmoid(x) : Tanh(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Apply(Vector256<float> x, Function function) => function == Function.Sigmoid ? Sigmoid(x) : Tanh(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Apply(Vector128<float> x, Function function) => function == Function.Sigmoid ? Sigmoid(x) : Tanh(x);
}
