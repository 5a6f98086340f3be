using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// The checksum NetGen writes into every safetensors file (<c>netgen_checksum</c>): present, computed as documented,
/// verified at read, absent from the metadata the reader returns; every bit flip in tensor data or a metadata value is
/// an <see cref="InvalidDataException"/>; files without one (Python's) still load.
/// </summary>
public sealed class SafeTensorsChecksumTests
{
    private static SafeTensorsFile Sample() => new(
        [new SafeTensor("dense/kernel", [2, 3], [1f, -2f, 3.5f, 0f, 1e-7f, -0f]), new SafeTensor("dense/bias", [3], [0.25f, 0.5f, -1f])],
        new Dictionary<string, string> { ["format"] = "netgen-weights", ["learning_rate"] = "0.001", ["model"] = "Net" });

    private static byte[] Bytes(SafeTensorsFile file)
    {
        using var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, file);
        return stream.ToArray();
    }

    private static (int DataStart, JsonElement Metadata, JsonDocument Header) Header(byte[] bytes)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        JsonDocument header = JsonDocument.Parse(bytes.AsMemory(8, length));
        return (8 + length, header.RootElement.GetProperty("__metadata__"), header);
    }

    [Fact]
    public void TheWrittenChecksum_IsTheDocumentedSha256_AndTheReaderHidesIt()
    {
        byte[] bytes = Bytes(Sample());
        var (dataStart, metadata, header) = Header(bytes);
        using (header)
        {
            // The documented computation, written out independently of SafeTensorsChecksum (a bitwise CRC-32, no table).
            var content = new MemoryStream();
            void Text(string text) { content.Write(Encoding.UTF8.GetBytes(text)); content.WriteByte(0); }
            Text("dense/kernel"); Text("2,3"); content.Write(bytes, dataStart, 6 * 4);
            Text("dense/bias"); Text("3"); content.Write(bytes, dataStart + 24, 3 * 4);
            foreach (string key in new[] { "format", "learning_rate", "model" }) { Text(key); Text(metadata.GetProperty(key).GetString()!); }
            string expected = "crc32:" + BitwiseCrc32(content.ToArray()).ToString("x8", CultureInfo.InvariantCulture);
            Assert.Equal(expected, metadata.GetProperty("netgen_checksum").GetString());
        }

        SafeTensorsFile read = SafeTensorsReader.Read(bytes, "weights.safetensors");
        Assert.False(read.Metadata.ContainsKey("netgen_checksum"));
        Assert.Equal(3, read.Metadata.Count);
        Assert.Equal(bytes, Bytes(read)); // a file read and written again is the same file
    }

    [Fact]
    public void EveryBitFlipInTensorData_IsRefused()
    {
        byte[] good = Bytes(Sample());
        int dataStart = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(good);
        int refused = 0;
        for (int index = dataStart; index < good.Length; index++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] bytes = (byte[])good.Clone();
                bytes[index] ^= (byte)(1 << bit);
                var error = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.Read(bytes, "weights.safetensors"));
                Assert.StartsWith("weights.safetensors: ", error.Message, StringComparison.Ordinal);
                Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
                refused++;
            }
        }
        Assert.Equal(9 * 4 * 8, refused);
    }

    [Theory]
    [InlineData("0.001", "0.002")] // a digit of the learning rate
    [InlineData("\"Net\"", "\"Nez\"")] // the class name
    [InlineData("\"dense/bias\"", "\"dense/biar\"")] // a tensor's name
    [InlineData("\"netgen-weights\"", "\"netgen-weighta\"")] // a value that grew by a character
    public void AChangedMetadataValueOrName_IsRefused(string from, string to)
    {
        string header = Encoding.UTF8.GetString(Bytes(Sample()));
        Assert.Contains(from, header, StringComparison.Ordinal);
        byte[] bytes = Rewrite(Bytes(Sample()), json => json.Replace(from, to, StringComparison.Ordinal));
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.Read(bytes, "weights.safetensors"));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedChecksum_IsRefused()
    {
        byte[] bytes = Rewrite(Bytes(Sample()), json => json.Replace("\"crc32:", "\"md5:", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.Read(bytes, "weights.safetensors"));
        Assert.Contains("'netgen_checksum' is 'md5:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutAChecksum_AsPythonWritesThem_Loads()
    {
        byte[] bytes = Rewrite(Bytes(Sample()), json =>
        {
            string withoutChecksum = Regex.Replace(json, ",\"netgen_checksum\":\"crc32:[0-9a-f]{8}\"", "");
            Assert.NotEqual(json, withoutChecksum);
            return withoutChecksum;
        });
        SafeTensorsFile read = SafeTensorsReader.Read(bytes, "python.safetensors");
        Assert.Equal([0.25f, 0.5f, -1f], read.Find("dense/bias")!.Values);
        Assert.Equal("0.001", read.Metadata["learning_rate"]);
    }

    [Fact]
    public void TheChecksumKey_IsReservedToTheWriter()
    {
        var file = new SafeTensorsFile([new SafeTensor("w", [1], [1f])], new Dictionary<string, string> { ["netgen_checksum"] = "crc32:00000000" });
        var error = Assert.Throws<ArgumentException>(() => Bytes(file));
        Assert.Contains("'netgen_checksum' is reserved", error.Message, StringComparison.Ordinal);
    }

    /// <summary>CRC-32 (zlib's) one bit at a time: the definition, not the table NetGen uses.</summary>
    private static uint BitwiseCrc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320 & (0u - (crc & 1)));
        }
        return ~crc;
    }

    [Fact]
    public void TheCrc_HasTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, BitwiseCrc32(Encoding.ASCII.GetBytes("123456789")));

    /// <summary>The file with its JSON header rewritten (and its length field updated, padded again to 8 bytes).</summary>
    private static byte[] Rewrite(byte[] bytes, Func<string, string> change)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        string json = change(Encoding.UTF8.GetString(bytes, 8, length).TrimEnd(' '));
        byte[] header = Encoding.UTF8.GetBytes(json.PadRight((Encoding.UTF8.GetByteCount(json) + 7) / 8 * 8));
        var result = new byte[8 + header.Length + bytes.Length - 8 - length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)header.Length);
        header.CopyTo(result, 8);
        bytes.AsSpan(8 + length).CopyTo(result.AsSpan(8 + header.Length));
        return result;
    }
}
