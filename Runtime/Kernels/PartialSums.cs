using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>Adds up the blocks of a product that was summed in parts (a layer split by input features).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PartialSums
{
    /// <summary><c>sum[i] += block[i]</c>: one rounding per element on every path, so the bits do not depend on the path's width.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void AddTo(Span<float> sum, ReadOnlySpan<float> block)
    {
        if (sum.Length != block.Length)
            throw new ArgumentException($"Expected a block of {sum.Length} values; found {block.Length}.", nameof(block));
        ref float s = ref MemoryMarshal.GetReference(sum);
        ref float b = ref MemoryMarshal.GetReference(block);
        int i = 0, n = sum.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - 16; i += 16)
                (Vector512.LoadUnsafe(ref s, (nuint)i) + Vector512.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
                (Vector256.LoadUnsafe(ref s, (nuint)i) + Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - 4; i += 4)
                (Vector128.LoadUnsafe(ref s, (nuint)i) + Vector128.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref s, i) += Unsafe.Add(ref b, i);
    }
}
