using System;
using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace NetGen;

/// <summary>
/// CRC-32C (Castagnoli; reflected polynomial <c>0x82F63B78</c>, initial value and final XOR <c>0xFFFFFFFF</c>), the checksum
/// of TFRecord files, plus TensorFlow's masking of it. Uses the SSE4.2 <c>crc32</c> instruction when the CPU has it, and a
/// 256-entry table otherwise; both give the same results.
/// </summary>
/// <remarks>Check values: CRC-32C("123456789") = <c>0xE3069283</c>; CRC-32C of 32 zero bytes = <c>0x8A9136AA</c>.</remarks>
internal static class Crc32C
{
    /// <summary>The reflected Castagnoli polynomial.</summary>
    private const uint Polynomial = 0x82F63B78;

    /// <summary>The constant TensorFlow adds to a rotated CRC (<c>kMaskDelta</c> in <c>tensorflow/tsl/lib/hash/crc32c.h</c>).</summary>
    private const uint MaskDelta = 0xA282EAD8;

    /// <summary>The byte table of the Castagnoli polynomial.</summary>
    private static readonly uint[] Table = Crc32.CreateTable(Polynomial);

    /// <summary>Whether <see cref="ComputeSse42"/> can run on this CPU.</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported;

    /// <summary>The CRC-32C of <paramref name="data"/>, with the fastest implementation this CPU supports.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Sse42.IsSupported ? ComputeSse42(data) : ComputeTable(data);

    /// <summary>The CRC-32C of <paramref name="data"/>, one table lookup per byte (runs everywhere).</summary>
    public static uint ComputeTable(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>The CRC-32C of <paramref name="data"/> with the SSE4.2 <c>crc32</c> instruction, 8 bytes at a time on x64.</summary>
    /// <exception cref="PlatformNotSupportedException">The CPU has no SSE4.2 (see <see cref="IsHardwareAccelerated"/>).</exception>
    public static uint ComputeSse42(ReadOnlySpan<byte> data)
    {
        if (!Sse42.IsSupported)
            throw new PlatformNotSupportedException("This CPU has no SSE4.2 crc32 instruction; use ComputeTable.");
        uint crc = 0xFFFFFFFF;
        int i = 0;
        if (Sse42.X64.IsSupported)
        {
            ulong wide = crc;
            for (; i + sizeof(ulong) <= data.Length; i += sizeof(ulong))
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)));
            crc = (uint)wide;
        }
        for (; i + sizeof(uint) <= data.Length; i += sizeof(uint))
            crc = Sse42.Crc32(crc, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i)));
        for (; i < data.Length; i++)
            crc = Sse42.Crc32(crc, data[i]);
        return ~crc;
    }

    /// <summary>
    /// TensorFlow's masked CRC, <c>((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xA282EAD8</c> (mod 2³²): a CRC stored next to the data
    /// it covers is masked so that a CRC of data containing CRCs stays well distributed.
    /// </summary>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + MaskDelta);

    /// <summary>The masked CRC-32C of <paramref name="data"/>, as TFRecord framing stores it.</summary>
    public static uint ComputeMasked(ReadOnlySpan<byte> data) => Mask(Compute(data));
}
