using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace NetGen;

/// <summary>
/// Writes safetensors files (the format of Hugging Face's <c>safetensors</c>): an 8-byte little-endian header length,
/// a UTF-8 JSON header padded with spaces so that the data starts 8-byte aligned, then the raw little-endian float32
/// tensors, contiguous and in order. Python reads them with <c>safetensors</c> or with plain <c>json</c> + <c>numpy</c>.
/// The metadata always holds a checksum of the contents (<c>netgen_checksum</c>), which the reader verifies.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="file"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, SafeTensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        if (file.Metadata.ContainsKey(SafeTensorsChecksum.MetadataKey))
            throw new ArgumentException($"The metadata key '{SafeTensorsChecksum.MetadataKey}' is reserved: the writer computes it.", nameof(file));
        byte[] header = BuildHeader(file, SafeTensorsChecksum.Compute(file));
        Span<byte> length = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (SafeTensor tensor in file.Tensors) WriteLittleEndian(stream, tensor.Values);
    }

    /// <summary>
    /// Writes <paramref name="file"/> to <paramref name="path"/> atomically: to a temporary file in the same folder
    /// (<c>path.tmp-…</c>), flushed to disk, then renamed over <paramref name="path"/>. If anything fails, the temporary
    /// file is deleted and an existing file at <paramref name="path"/> is left as it was.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or the write failed.</exception>
    public static void WriteFile(string path, SafeTensorsFile file)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(file);
        AtomicFile.Write(path, stream => Write(stream, file));
    }

    /// <summary>
    /// The JSON header, with <paramref name="checksum"/> among the metadata, padded with spaces to a multiple of 8 bytes
    /// (so the data after the 8-byte length is aligned).
    /// </summary>
    internal static byte[] BuildHeader(SafeTensorsFile file, string checksum)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(SafeTensorsFile.MetadataKey);
            var keys = new List<string>(file.Metadata.Keys) { SafeTensorsChecksum.MetadataKey };
            keys.Sort(StringComparer.Ordinal);
            foreach (string key in keys) json.WriteString(key, key == SafeTensorsChecksum.MetadataKey ? checksum : file.Metadata[key]);
            json.WriteEndObject();
            long offset = 0;
            foreach (SafeTensor tensor in file.Tensors)
            {
                long end = offset + (long)tensor.Values.Length * sizeof(float);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape) json.WriteNumberValue(dimension);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteLittleEndian(Stream stream, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        byte[] chunk = new byte[4096 * sizeof(float)];
        for (int start = 0; start < values.Length; start += 4096)
        {
            int count = Math.Min(4096, values.Length - start);
            for (int i = 0; i < count; i++)
                BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(i * sizeof(float)), values[start + i]);
            stream.Write(chunk, 0, count * sizeof(float));
        }
    }
}
