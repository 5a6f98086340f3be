using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// A stable fingerprint of a weight table: FNV-1a 64 over the UTF-8 text <c>name(d0, d1, …)\n</c> of every weight in
/// order, as 16 lowercase hex digits. Two networks with the same signature have the same weight names and shapes.
/// </summary>
internal static class ArchitectureSignature
{
    private const ulong OffsetBasis = 0xCBF29CE484222325UL;
    private const ulong Prime = 0x100000001B3UL;

    /// <summary>The signature of <paramref name="weights"/>.</summary>
    public static string Compute(IReadOnlyList<WeightInfo> weights)
    {
        var text = new StringBuilder();
        foreach (WeightInfo weight in weights)
            text.Append(weight.Name).Append(DataSet.FormatShape(weight.Shape)).Append('\n');
        return Fnv1a64(Encoding.UTF8.GetBytes(text.ToString())).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The 64-bit FNV-1a hash of <paramref name="bytes"/>.</summary>
    internal static ulong Fnv1a64(byte[] bytes)
    {
        ulong hash = OffsetBasis;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * Prime);
        }
        return hash;
    }
}
