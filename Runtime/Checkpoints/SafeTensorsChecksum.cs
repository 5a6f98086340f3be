using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen;

/// <summary>
/// The checksum NetGen writes into every safetensors file's metadata, so that a bit flip in tensor data or in a
/// metadata value (a digit of the learning rate) is an error at load instead of different numbers. The safetensors
/// format has no checksum of its own; the other structural damage (lengths, JSON, offsets) its reader already refuses.
/// </summary>
/// <remarks>
/// The value is <c>crc32:</c> and the 8 lowercase hex digits of the CRC-32 (zlib's, <see cref="Crc32"/>) of, in
/// order: for each tensor in data order, its name, a zero byte, its shape as decimal dimensions joined by commas, a zero
/// byte, its little-endian float32 data; then for each other metadata entry in ordinal key order, the key, a zero byte,
/// the value, a zero byte (all text UTF-8).
/// Files without the key (written by Python, or by NetGen before it wrote one) load unchecked. docs/reliability.md shows
/// the same computation in Python.
/// </remarks>
internal static class SafeTensorsChecksum
{
    /// <summary>The metadata key that holds the checksum.</summary>
    public const string MetadataKey = "netgen_checksum";

    private const string Algorithm = "crc32:";

    /// <summary>The metadata value for <paramref name="file"/> (its own <see cref="MetadataKey"/>, if any, left out).</summary>
    public static string Compute(SafeTensorsFile file)
    {
        uint crc = 0;
        ReadOnlySpan<byte> zero = [0];
        foreach (SafeTensor tensor in file.Tensors)
        {
            crc = Crc32.Append(crc, Encoding.UTF8.GetBytes(tensor.Name));
            crc = Crc32.Append(crc, zero);
            crc = Crc32.Append(crc, Encoding.UTF8.GetBytes(string.Join(',', tensor.Shape)));
            crc = Crc32.Append(crc, zero);
            crc = AppendLittleEndian(crc, tensor.Values);
        }
        var keys = new List<string>(file.Metadata.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (key == MetadataKey) continue;
            crc = Crc32.Append(crc, Encoding.UTF8.GetBytes(key));
            crc = Crc32.Append(crc, zero);
            crc = Crc32.Append(crc, Encoding.UTF8.GetBytes(file.Metadata[key]));
            crc = Crc32.Append(crc, zero);
        }
        return Algorithm + crc.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The problem with the <paramref name="recorded"/> checksum of <paramref name="file"/> (read without it), or
    /// <see langword="null"/> when it matches.
    /// </summary>
    public static string? Problem(SafeTensorsFile file, string recorded)
    {
        if (!recorded.StartsWith(Algorithm, StringComparison.Ordinal) || recorded.Length != Algorithm.Length + 8)
            return $"its checksum '{MetadataKey}' is '{recorded}', not 'crc32:' and 8 hex digits: the file is damaged";
        return Compute(file) == recorded
            ? null
            : "its contents do not match the checksum recorded when it was written (a tensor's data or a metadata value changed): the file is damaged; use another copy";
    }

    private static uint AppendLittleEndian(uint crc, float[] values)
    {
        if (BitConverter.IsLittleEndian) return Crc32.Append(crc, MemoryMarshal.AsBytes(values.AsSpan()));
        Span<byte> bytes = stackalloc byte[sizeof(float)];
        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
            crc = Crc32.Append(crc, bytes);
        }
        return crc;
    }
}
