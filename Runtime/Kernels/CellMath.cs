using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// The elementwise products of the recurrent cells (<see cref="Recurrent"/>) that <see cref="Merge"/> has no form of, in vectors
/// (a plain product is <see cref="Merge.Multiply"/>). Each element is computed with
/// the same operations in the same order as the scalar tail (no fused multiply-add), so the bits depend neither on the
/// vector width nor on where an element sits: thread splits and kernel paths stay bit-identical.
/// </summary>
/// <remarks>
/// <see cref="Vector{T}"/> rather than one path per width: these loops read and write a few vectors per element and
/// are bound by memory, not by the width (Vector256 on x64 with AVX2, also on AVX-512; Vector128 on SSE and NEON).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellMath
{
    /// <summary><c>result[j] = a[j]·b[j] + c[j]·d[j]</c> (the LSTM's c = f⊙c_prev + i⊙g).</summary>
    public static void ProductSum(Span<float> result, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d)
    {
        int n = result.Length, j = 0;
        ref float r = ref MemoryMarshal.GetReference(result);
        ref float a0 = ref MemoryMarshal.GetReference(a), b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c), d0 = ref MemoryMarshal.GetReference(d);
        CheckLengths(n, a.Length, b.Length, c.Length, d.Length);
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
                (Load(ref a0, j) * Load(ref b0, j) + Load(ref c0, j) * Load(ref d0, j)).StoreUnsafe(ref r, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref r, j) = Unsafe.Add(ref a0, j) * Unsafe.Add(ref b0, j) + Unsafe.Add(ref c0, j) * Unsafe.Add(ref d0, j);
    }

    /// <summary><c>result[j] += a[j]·b[j]</c> (the GRU's x_h + r⊙rec_h).</summary>
    public static void AddProduct(Span<float> result, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = result.Length, j = 0;
        ref float r = ref MemoryMarshal.GetReference(result);
        ref float a0 = ref MemoryMarshal.GetReference(a), b0 = ref MemoryMarshal.GetReference(b);
        CheckLengths(n, a.Length, b.Length, n, n);
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
                (Load(ref r, j) + Load(ref a0, j) * Load(ref b0, j)).StoreUnsafe(ref r, (nuint)j);
        }
        for (; j < n; j++) Unsafe.Add(ref r, j) += Unsafe.Add(ref a0, j) * Unsafe.Add(ref b0, j);
    }

    /// <summary><c>result[j] = z[j]·a[j] + (1 − z[j])·b[j]</c> (the GRU's h = z⊙h_prev + (1 − z)⊙ĥ).</summary>
    public static void Interpolate(Span<float> result, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = result.Length, j = 0;
        ref float r = ref MemoryMarshal.GetReference(result);
        ref float z0 = ref MemoryMarshal.GetReference(z), a0 = ref MemoryMarshal.GetReference(a), b0 = ref MemoryMarshal.GetReference(b);
        CheckLengths(n, z.Length, a.Length, b.Length, n);
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
            {
                Vector<float> zj = Load(ref z0, j);
                (zj * Load(ref a0, j) + (Vector<float>.One - zj) * Load(ref b0, j)).StoreUnsafe(ref r, (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            float zj = Unsafe.Add(ref z0, j);
            Unsafe.Add(ref r, j) = zj * Unsafe.Add(ref a0, j) + (1f - zj) * Unsafe.Add(ref b0, j);
        }
    }

    /// <summary>
    /// The LSTM cell's gradients once dL/dc_t's part through h is in <paramref name="dg"/>: with dc = <paramref name="dc"/>
    /// + dg (dL/dc_t in full), writes dL/di = dc⊙g, dL/df = dc⊙c_prev, dL/dg = dc⊙i (over <paramref name="dg"/>) and
    /// dL/dc_{t−1} = dc⊙f (over <paramref name="dc"/>).
    /// </summary>
    public static void LstmCellGradients(Span<float> di, Span<float> df, Span<float> dg, Span<float> dc,
        ReadOnlySpan<float> i, ReadOnlySpan<float> f, ReadOnlySpan<float> g, ReadOnlySpan<float> cPrev)
    {
        int n = dc.Length, j = 0;
        CheckLengths(n, di.Length, df.Length, dg.Length, cPrev.Length);
        CheckLengths(n, i.Length, f.Length, g.Length, n);
        ref float di0 = ref MemoryMarshal.GetReference(di), df0 = ref MemoryMarshal.GetReference(df);
        ref float dg0 = ref MemoryMarshal.GetReference(dg), dc0 = ref MemoryMarshal.GetReference(dc);
        ref float i0 = ref MemoryMarshal.GetReference(i), f0 = ref MemoryMarshal.GetReference(f);
        ref float g0 = ref MemoryMarshal.GetReference(g), cp0 = ref MemoryMarshal.GetReference(cPrev);
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= n - Vector<float>.Count; j += Vector<float>.Count)
            {
                Vector<float> total = Load(ref dc0, j) + Load(ref dg0, j);
                (total * Load(ref g0, j)).StoreUnsafe(ref di0, (nuint)j);
                (total * Load(ref cp0, j)).StoreUnsafe(ref df0, (nuint)j);
                (total * Load(ref i0, j)).StoreUnsafe(ref dg0, (nuint)j);
                (total * Load(ref f0, j)).StoreUnsafe(ref dc0, (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            float total = Unsafe.Add(ref dc0, j) + Unsafe.Add(ref dg0, j);
            Unsafe.Add(ref di0, j) = total * Unsafe.Add(ref g0, j);
            Unsafe.Add(ref df0, j) = total * Unsafe.Add(ref cp0, j);
            Unsafe.Add(ref dg0, j) = total * Unsafe.Add(ref i0, j);
            Unsafe.Add(ref dc0, j) = total * Unsafe.Add(ref f0, j);
        }
    }

    private static Vector<float> Load(ref float start, int offset) => Vector.LoadUnsafe(ref start, (nuint)offset);

    private static void CheckLengths(int n, int a, int b, int c, int d)
    {
        if (a < n || b < n || c < n || d < n)
            throw new ArgumentException($"Cell kernel: expected spans of at least {n} values; found {a}, {b}, {c} and {d}.");
    }
}
