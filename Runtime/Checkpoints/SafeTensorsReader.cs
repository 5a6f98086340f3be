using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace NetGen;

/// <summary>
/// Reads safetensors files of float32 tensors (see <see cref="SafeTensorsWriter"/> for the layout), validating
/// everything before returning: the header length against the file, the JSON, every dtype, shape and data range, and
/// that the tensors tile the data section exactly (no gap, no overlap, nothing missing or left over), and the checksum
/// NetGen writes (<c>netgen_checksum</c>, verified when present and left out of the returned metadata). Any problem is
/// an <see cref="InvalidDataException"/> that names the file and what is wrong.
/// </summary>
public static class SafeTensorsReader
{
    /// <summary>The largest header the format allows (the <c>safetensors</c> library's limit).</summary>
    private const long MaxHeaderLength = 100_000_000;

    private const int LengthFieldSize = sizeof(ulong);

    /// <summary>Reads and validates the safetensors file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="DirectoryNotFoundException">Its folder does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or reading failed.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, or holds a dtype other than F32; the message says which.</exception>
    public static SafeTensorsFile ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new IOException($"{path}: is a folder, not a safetensors file.");
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            long length = stream.Length;
            if (length > Array.MaxLength)
                throw new InvalidDataException($"{path}: {Format(length)} bytes is more than NetGen reads into memory ({Format(Array.MaxLength)}).");
            bytes = new byte[length];
            stream.ReadExactly(bytes);
        }
        return Read(bytes, path);
    }

    /// <summary>Reads and validates a whole safetensors file held in memory.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="source">What to call the file in error messages (usually its path).</param>
    /// <exception cref="InvalidDataException">The bytes are truncated, corrupt, or hold a dtype other than F32.</exception>
    public static SafeTensorsFile Read(ReadOnlySpan<byte> bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (bytes.Length < LengthFieldSize)
            throw Invalid(source, bytes.Length == 0
                ? "the file is empty; a safetensors file starts with an 8-byte header length"
                : $"truncated: the file has {bytes.Length} bytes, fewer than the 8-byte header length a safetensors file starts with");

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        long afterLength = bytes.Length - LengthFieldSize;
        if (headerLength > MaxHeaderLength)
            throw Invalid(source, $"the header length field says {Format(headerLength)} bytes, more than the {Format(MaxHeaderLength)} a safetensors header may have: this is not a safetensors file, or it is corrupt");
        if ((long)headerLength > afterLength)
            throw Invalid(source, $"truncated: the header length field says {Format(headerLength)} bytes of JSON header, the file has {Format(afterLength)} bytes after it");
        if (headerLength < 2)
            throw Invalid(source, $"the header length field says {Format(headerLength)} bytes, too short for a JSON header");

        ReadOnlySpan<byte> headerBytes = bytes.Slice(LengthFieldSize, (int)headerLength);
        ReadOnlySpan<byte> data = bytes.Slice(LengthFieldSize + (int)headerLength);
        var (entries, metadata) = ParseHeader(headerBytes, source);
        CheckLayout(entries, data.Length, source);

        var tensors = new SafeTensor[entries.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            Entry entry = entries[i];
            float[] values = new float[(entry.End - entry.Begin) / sizeof(float)];
            ReadOnlySpan<byte> raw = data.Slice((int)entry.Begin, (int)(entry.End - entry.Begin));
            raw.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            if (!BitConverter.IsLittleEndian)
            {
                for (int j = 0; j < values.Length; j++) values[j] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(j * sizeof(float)));
            }
            tensors[i] = new SafeTensor(entry.Name, entry.Shape, values);
        }
        if (!metadata.Remove(SafeTensorsChecksum.MetadataKey, out string? checksum)) return new SafeTensorsFile(tensors, metadata);
        var file = new SafeTensorsFile(tensors, metadata);
        string? problem = SafeTensorsChecksum.Problem(file, checksum);
        return problem is null ? file : throw Invalid(source, problem);
    }

    /// <summary>One tensor entry of the header.</summary>
    private readonly record struct Entry(string Name, int[] Shape, long Begin, long End);

    private static (List<Entry> Entries, Dictionary<string, string> Metadata) ParseHeader(ReadOnlySpan<byte> header, string source)
    {
        if (!Utf8.IsValid(header))
            throw Invalid(source, "the header is not valid UTF-8 (a safetensors header is UTF-8 JSON)");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header.ToArray());
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"the header is not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(source, $"the header is a JSON {Describe(root.ValueKind)}; expected an object of tensors");

            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                string name = property.Name;
                if (!seen.Add(name))
                    throw Invalid(source, $"the header names '{name}' twice");
                if (name == SafeTensorsFile.MetadataKey)
                    ReadMetadata(property.Value, metadata, source);
                else if (name.Length == 0)
                    throw Invalid(source, "the header has a tensor with an empty name");
                else
                    entries.Add(ReadEntry(name, property.Value, source));
            }
            return (entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Invalid(source, $"'{SafeTensorsFile.MetadataKey}' is a JSON {Describe(element.ValueKind)}; expected an object of strings");
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw Invalid(source, $"the metadata value of '{property.Name}' is a JSON {Describe(property.Value.ValueKind)}; safetensors metadata values are strings");
            if (!metadata.TryAdd(property.Name, property.Value.GetString()!))
                throw Invalid(source, $"the metadata names '{property.Name}' twice");
        }
    }

    private static Entry ReadEntry(string name, JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Invalid(source, $"the header entry of tensor '{name}' is a JSON {Describe(element.ValueKind)}; expected an object with dtype, shape and data_offsets");
        string? dtype = null;
        int[]? shape = null;
        long[]? offsets = null;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "dtype" when dtype is null:
                    if (property.Value.ValueKind != JsonValueKind.String)
                        throw Invalid(source, $"tensor '{name}': dtype is a JSON {Describe(property.Value.ValueKind)}; expected a string such as \"F32\"");
                    dtype = property.Value.GetString()!;
                    break;
                case "shape" when shape is null:
                    long[] dimensions = ReadIntegers(property.Value, name, "shape", source);
                    shape = new int[dimensions.Length];
                    for (int i = 0; i < dimensions.Length; i++)
                    {
                        if (dimensions[i] > int.MaxValue)
                            throw Invalid(source, $"tensor '{name}': dimension {i} of its shape is {Format(dimensions[i])}, larger than NetGen supports");
                        shape[i] = (int)dimensions[i];
                    }
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(property.Value, name, "data_offsets", source);
                    if (offsets.Length != 2)
                        throw Invalid(source, $"tensor '{name}': data_offsets has {offsets.Length} numbers; expected 2 ([begin, end])");
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Invalid(source, $"tensor '{name}': '{property.Name}' appears twice");
                default:
                    throw Invalid(source, $"tensor '{name}': unexpected key '{property.Name}' (expected dtype, shape and data_offsets)");
            }
        }
        if (dtype is null) throw Invalid(source, $"tensor '{name}' has no dtype");
        if (shape is null) throw Invalid(source, $"tensor '{name}' has no shape");
        if (offsets is null) throw Invalid(source, $"tensor '{name}' has no data_offsets");
        if (dtype != "F32")
            throw Invalid(source, $"tensor '{name}' has dtype {dtype}; NetGen reads only F32 (float32) tensors");

        long begin = offsets[0], end = offsets[1];
        if (end < begin)
            throw Invalid(source, $"tensor '{name}': data_offsets [{Format(begin)}, {Format(end)}] end before they begin");
        long count = SafeTensor.ElementCount(shape);
        long bytes = count > long.MaxValue / sizeof(float) ? long.MaxValue : count * sizeof(float);
        if (bytes != end - begin)
            throw Invalid(source,
                $"tensor '{name}' has shape {DataSet.FormatShape(shape)} of F32 ({Format(bytes)} bytes), but its data_offsets [{Format(begin)}, {Format(end)}] span {Format(end - begin)} bytes");
        if (count > Array.MaxLength)
            throw Invalid(source, $"tensor '{name}' has {Format(count)} values, more than NetGen reads into one array");
        return new Entry(name, shape, begin, end);
    }

    private static long[] ReadIntegers(JsonElement element, string name, string key, string source)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Invalid(source, $"tensor '{name}': {key} is a JSON {Describe(element.ValueKind)}; expected an array of non-negative integers");
        var values = new long[element.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long value) || value < 0)
                throw Invalid(source, $"tensor '{name}': {key} holds {item.GetRawText()}; expected non-negative integers");
            values[i++] = value;
        }
        return values;
    }

    /// <summary>Checks that the tensors tile [0, data length) exactly, in offset order.</summary>
    private static void CheckLayout(List<Entry> entries, long available, string source)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        Entry? previous = null;
        foreach (Entry entry in entries)
        {
            if (entry.Begin < expected)
                throw Invalid(source,
                    $"tensors '{previous!.Value.Name}' [{Format(previous.Value.Begin)}, {Format(previous.Value.End)}) and '{entry.Name}' [{Format(entry.Begin)}, {Format(entry.End)}) overlap");
            if (entry.Begin > expected)
                throw Invalid(source, $"{Format(entry.Begin - expected)} bytes of the data section before tensor '{entry.Name}' (at {Format(entry.Begin)}) belong to no tensor");
            expected = entry.End;
            previous = entry;
        }
        if (expected > available)
            throw Invalid(source, $"truncated: the header says {Format(expected)} bytes of tensor data, the file has {Format(available)}");
        if (expected < available)
            throw Invalid(source, $"the file has {Format(available - expected)} bytes after the end of the last tensor (the header accounts for {Format(expected)} bytes of tensor data, the file has {Format(available)})");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static InvalidDataException Invalid(string source, string problem, Exception? inner = null) =>
        new($"{source}: {problem}.", inner);
}
