using System;

namespace NetGen;

/// <summary>
/// CRC-32 as zlib, gzip, PNG and Python's <c>zlib.crc32</c> compute it (reflected polynomial <c>0xEDB88320</c>, initial
/// value and final XOR <c>0xFFFFFFFF</c>), continued over several spans as <c>zlib.crc32(data, value)</c> is. Managed
/// code only: the cryptographic hashes of .NET need OpenSSL on Linux, which a NativeAOT binary cannot assume.
/// </summary>
/// <remarks>Check value: CRC-32("123456789") = <c>0xCBF43926</c>.</remarks>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    /// <summary><c>Table[b]</c> is the CRC register after shifting byte <c>b</c> through a zero register, 8 bits at a time.</summary>
    private static readonly uint[] Table = CreateTable(Polynomial);

    /// <summary>The CRC-32 of what <paramref name="crc"/> covered followed by <paramref name="data"/> (0 for nothing yet).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint register = ~crc;
        foreach (byte b in data) register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        return ~register;
    }

    /// <summary>
    /// The byte table of a reflected CRC-32 with <paramref name="polynomial"/>: entry <c>b</c> is the register after
    /// shifting byte <c>b</c> through a zero register (shared with <see cref="Crc32C"/>).
    /// </summary>
    internal static uint[] CreateTable(uint polynomial)
    {
        var table = new uint[256];
        for (uint b = 0; b < 256; b++)
        {
            uint crc = b;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1;
            table[b] = crc;
        }
        return table;
    }
}
