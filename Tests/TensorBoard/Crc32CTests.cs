using System;
using System.Linq;
using System.Text;

namespace NetGen.Tests.TensorBoard;

/// <summary>CRC-32C: the table and SSE4.2 implementations against published check values and a bitwise reference.</summary>
public sealed class Crc32CTests
{
    /// <summary>The standard check value and the four 32-byte vectors of RFC 3720 (iSCSI), appendix B.4.</summary>
    public static TheoryData<string, byte[], uint> KnownVectors => new()
    {
        { "\"123456789\"", Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
        { "32 zeros", new byte[32], 0x8A9136AA },
        { "32 x 0xFF", Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43 },
        { "0x00..0x1F", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 0x46DD794E },
        { "0x1F..0x00", Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(), 0x113FDB5C },
        { "empty", [], 0x00000000 },
    };

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Table_MatchesKnownVectors(string vector, byte[] data, uint expected)
    {
        Assert.Equal(vector + ": " + Hex(expected), vector + ": " + Hex(Crc32C.ComputeTable(data)));
        Assert.Equal(vector + ": " + Hex(expected), vector + ": " + Hex(EventFileReader.BitwiseCrc32C(data))); // the test's own reference agrees too
    }

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Sse42_MatchesKnownVectors(string vector, byte[] data, uint expected)
    {
        if (!Crc32C.IsHardwareAccelerated)
        {
            Assert.Throws<PlatformNotSupportedException>(() => Crc32C.ComputeSse42(data));
            return;
        }
        Assert.Equal(vector + ": " + Hex(expected), vector + ": " + Hex(Crc32C.ComputeSse42(data)));
        Assert.Equal(vector + ": " + Hex(expected), vector + ": " + Hex(Crc32C.Compute(data)));
    }

    [Fact]
    public void AllImplementations_Agree_OnEveryLengthAndAlignment()
    {
        var random = new Random(12345);
        byte[] buffer = new byte[1100];
        random.NextBytes(buffer);
        for (int offset = 0; offset < 9; offset++)
        {
            foreach (int length in Enumerable.Range(0, 70).Append(255).Append(1024))
            {
                ReadOnlySpan<byte> data = buffer.AsSpan(offset, length);
                uint reference = EventFileReader.BitwiseCrc32C(data);
                Assert.Equal(reference, Crc32C.ComputeTable(data));
                Assert.Equal(reference, Crc32C.Compute(data));
                if (Crc32C.IsHardwareAccelerated) Assert.Equal(reference, Crc32C.ComputeSse42(data));
            }
        }
    }

    [Fact]
    public void Mask_RotatesRightBy15AndAddsTheDelta()
    {
        Assert.Equal(0xA282EAD8u, Crc32C.Mask(0));
        Assert.Equal(0xA282EAD8u + (1u << 17), Crc32C.Mask(1));                // bit 0 rotates to bit 17
        Assert.Equal(unchecked(0xA282EAD8u + 1u), Crc32C.Mask(1u << 15));      // bit 15 rotates to bit 0
        Assert.Equal(unchecked(0xFFFFFFFFu + 0xA282EAD8u), Crc32C.Mask(0xFFFFFFFF)); // wraps mod 2^32
        var random = new Random(7);
        for (int i = 0; i < 100; i++)
        {
            uint crc = (uint)random.NextInt64(0, 1L << 32);
            Assert.Equal(EventFileReader.Mask(crc), Crc32C.Mask(crc));
        }
    }

    [Fact]
    public void MaskedCrcOfLength24_IsTheHeaderOfEveryTensorFlowEventFile()
    {
        // Every file TensorFlow writes starts with the 24-byte file_version record: 18 00 00 00 00 00 00 00 a3 7f 4b 22.
        byte[] length = [0x18, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(Hex(0x224B7FA3), Hex(Crc32C.ComputeMasked(length)));
    }

    private static string Hex(uint value) => $"0x{value:X8}";
}
