using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetGen.Tests.TensorBoard;

// An event-file reader written for the tests only, independently of Runtime/TensorBoard: its own bitwise CRC-32C, its own
// TFRecord framing and a hand-written protobuf decoder. Field numbers are those of tensorflow/core/util/event.proto and
// tensorflow/core/framework/{summary,tensor,tensor_shape,types}.proto. It is strict: an unexpected field, a wrong wire
// type, a truncated record or a CRC mismatch is an InvalidDataException, so the tests catch stray bytes.

/// <summary>One decoded <c>Event</c>. <see cref="Step"/> is 0 when the field is absent (proto3 default).</summary>
internal sealed record DecodedEvent(double WallTime, long Step, bool HasStep, string? FileVersion, IReadOnlyList<DecodedValue> Values);

/// <summary>One decoded <c>Summary.Value</c> with the parts of its metadata and tensor that scalars use.</summary>
internal sealed record DecodedValue(
    string Tag,
    string? PluginName,
    long DataClass,
    float? SimpleValue,
    bool HasTensor,
    long Dtype,
    bool HasShape,
    int ShapeDims,
    IReadOnlyList<float> FloatVal);

/// <summary>Reads TFRecord-framed TensorFlow event files.</summary>
internal static class EventFileReader
{
    /// <summary>Reads every event of a file, even one a writer still has open.</summary>
    public static List<DecodedEvent> ReadEvents(string path) => DecodeRecords(ReadAllBytesShared(path));

    /// <summary>Reads a file without locking out a writer that still has it open.</summary>
    public static byte[] ReadAllBytesShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Splits a file into records and decodes each as an <c>Event</c>.</summary>
    public static List<DecodedEvent> DecodeRecords(byte[] file)
    {
        var events = new List<DecodedEvent>();
        foreach (byte[] record in SplitRecords(file))
            events.Add(DecodeEvent(record));
        return events;
    }

    /// <summary>
    /// TFRecord framing: <c>u64 length LE, u32 masked CRC-32C(length bytes), data, u32 masked CRC-32C(data)</c>, repeated to
    /// the end of the file. Both CRCs are checked.
    /// </summary>
    public static List<byte[]> SplitRecords(byte[] file)
    {
        var records = new List<byte[]>();
        int position = 0;
        while (position < file.Length)
        {
            if (file.Length - position < 12)
                throw new InvalidDataException($"Truncated record header at byte {position}.");
            ulong length = 0;
            for (int i = 7; i >= 0; i--) length = (length << 8) | file[position + i];
            uint lengthCrc = ReadUInt32(file, position + 8);
            uint expectedLengthCrc = Mask(BitwiseCrc32C(file.AsSpan(position, 8)));
            if (lengthCrc != expectedLengthCrc)
                throw new InvalidDataException($"Length CRC mismatch at byte {position}: stored 0x{lengthCrc:X8}, computed 0x{expectedLengthCrc:X8}.");
            position += 12;
            if (length > (ulong)(file.Length - position - 4))
                throw new InvalidDataException($"Record of {length} bytes at byte {position} runs past the end of the file.");
            byte[] data = file.AsSpan(position, (int)length).ToArray();
            position += (int)length;
            uint dataCrc = ReadUInt32(file, position);
            uint expectedDataCrc = Mask(BitwiseCrc32C(data));
            if (dataCrc != expectedDataCrc)
                throw new InvalidDataException($"Data CRC mismatch for the record ending at byte {position}: stored 0x{dataCrc:X8}, computed 0x{expectedDataCrc:X8}.");
            position += 4;
            records.Add(data);
        }
        return records;
    }

    /// <summary>CRC-32C one bit at a time, straight from the definition (reflected polynomial 0x82F63B78).</summary>
    public static uint BitwiseCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
        }
        return ~crc;
    }

    /// <summary>TensorFlow's CRC mask: rotate right by 15, add 0xa282ead8.</summary>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);

    /// <summary>Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }.</summary>
    public static DecodedEvent DecodeEvent(byte[] data)
    {
        var reader = new ProtoReader(data, "Event");
        double wallTime = 0;
        long step = 0;
        bool hasStep = false;
        string? fileVersion = null;
        var values = new List<DecodedValue>();
        while (reader.NextField(out int field, out int wireType))
        {
            switch (field)
            {
                case 1: wallTime = BitConverter.Int64BitsToDouble((long)reader.ReadFixed64(field, wireType)); break;
                case 2: step = (long)reader.ReadVarint(field, wireType); hasStep = true; break;
                case 3: fileVersion = Encoding.UTF8.GetString(reader.ReadLengthDelimited(field, wireType)); break;
                case 5: values.AddRange(DecodeSummary(reader.ReadLengthDelimited(field, wireType))); break;
                default: throw reader.Unexpected(field, wireType);
            }
        }
        return new DecodedEvent(wallTime, step, hasStep, fileVersion, values);
    }

    /// <summary>Summary { repeated Value value = 1; }.</summary>
    private static List<DecodedValue> DecodeSummary(byte[] data)
    {
        var reader = new ProtoReader(data, "Summary");
        var values = new List<DecodedValue>();
        while (reader.NextField(out int field, out int wireType))
        {
            if (field != 1) throw reader.Unexpected(field, wireType);
            values.Add(DecodeValue(reader.ReadLengthDelimited(field, wireType)));
        }
        return values;
    }

    /// <summary>Value { string tag = 1; float simple_value = 2; TensorProto tensor = 8; SummaryMetadata metadata = 9; }.</summary>
    private static DecodedValue DecodeValue(byte[] data)
    {
        var reader = new ProtoReader(data, "Summary.Value");
        string tag = "";
        string? pluginName = null;
        long dataClass = 0;
        float? simpleValue = null;
        bool hasTensor = false;
        long dtype = 0;
        bool hasShape = false;
        int shapeDims = 0;
        var floats = new List<float>();
        while (reader.NextField(out int field, out int wireType))
        {
            switch (field)
            {
                case 1: tag = Encoding.UTF8.GetString(reader.ReadLengthDelimited(field, wireType)); break;
                case 2: simpleValue = BitConverter.Int32BitsToSingle((int)reader.ReadFixed32(field, wireType)); break;
                case 8:
                    hasTensor = true;
                    DecodeTensor(reader.ReadLengthDelimited(field, wireType), ref dtype, ref hasShape, ref shapeDims, floats);
                    break;
                case 9: DecodeMetadata(reader.ReadLengthDelimited(field, wireType), ref pluginName, ref dataClass); break;
                default: throw reader.Unexpected(field, wireType);
            }
        }
        return new DecodedValue(tag, pluginName, dataClass, simpleValue, hasTensor, dtype, hasShape, shapeDims, floats);
    }

    /// <summary>SummaryMetadata { PluginData plugin_data = 1; DataClass data_class = 4; }, PluginData { string plugin_name = 1; bytes content = 2; }.</summary>
    private static void DecodeMetadata(byte[] data, ref string? pluginName, ref long dataClass)
    {
        var reader = new ProtoReader(data, "SummaryMetadata");
        while (reader.NextField(out int field, out int wireType))
        {
            switch (field)
            {
                case 1:
                    var plugin = new ProtoReader(reader.ReadLengthDelimited(field, wireType), "PluginData");
                    while (plugin.NextField(out int pluginField, out int pluginWireType))
                    {
                        if (pluginField == 1) pluginName = Encoding.UTF8.GetString(plugin.ReadLengthDelimited(pluginField, pluginWireType));
                        else if (pluginField == 2) plugin.ReadLengthDelimited(pluginField, pluginWireType);
                        else throw plugin.Unexpected(pluginField, pluginWireType);
                    }
                    break;
                case 4: dataClass = (long)reader.ReadVarint(field, wireType); break;
                default: throw reader.Unexpected(field, wireType);
            }
        }
    }

    /// <summary>
    /// TensorProto { DataType dtype = 1; TensorShapeProto tensor_shape = 2; bytes tensor_content = 4; repeated float float_val = 5; },
    /// TensorShapeProto { repeated Dim dim = 2; bool unknown_rank = 3; }. float_val is accepted packed or not, as protobuf requires.
    /// </summary>
    private static void DecodeTensor(byte[] data, ref long dtype, ref bool hasShape, ref int shapeDims, List<float> floats)
    {
        var reader = new ProtoReader(data, "TensorProto");
        while (reader.NextField(out int field, out int wireType))
        {
            switch (field)
            {
                case 1: dtype = (long)reader.ReadVarint(field, wireType); break;
                case 2:
                    hasShape = true;
                    var shape = new ProtoReader(reader.ReadLengthDelimited(field, wireType), "TensorShapeProto");
                    while (shape.NextField(out int shapeField, out int shapeWireType))
                    {
                        if (shapeField == 2) { shape.ReadLengthDelimited(shapeField, shapeWireType); shapeDims++; }
                        else throw shape.Unexpected(shapeField, shapeWireType);
                    }
                    break;
                case 4:
                    byte[] content = reader.ReadLengthDelimited(field, wireType);
                    for (int i = 0; i + 4 <= content.Length; i += 4) floats.Add(BitConverter.Int32BitsToSingle((int)ReadUInt32(content, i)));
                    break;
                case 5 when wireType == 2:
                    byte[] packed = reader.ReadLengthDelimited(field, wireType);
                    if (packed.Length % 4 != 0) throw new InvalidDataException($"Packed float_val of {packed.Length} bytes.");
                    for (int i = 0; i < packed.Length; i += 4) floats.Add(BitConverter.Int32BitsToSingle((int)ReadUInt32(packed, i)));
                    break;
                case 5: floats.Add(BitConverter.Int32BitsToSingle((int)reader.ReadFixed32(field, wireType))); break;
                default: throw reader.Unexpected(field, wireType);
            }
        }
    }

    private static uint ReadUInt32(byte[] bytes, int offset) =>
        bytes[offset] | (uint)bytes[offset + 1] << 8 | (uint)bytes[offset + 2] << 16 | (uint)bytes[offset + 3] << 24;

    /// <summary>Walks the fields of one protobuf message.</summary>
    private sealed class ProtoReader(byte[] data, string message)
    {
        private int _position;

        public bool NextField(out int field, out int wireType)
        {
            field = wireType = 0;
            if (_position == data.Length) return false;
            ulong key = ReadRawVarint();
            field = (int)(key >> 3);
            wireType = (int)(key & 7);
            if (field == 0) throw new InvalidDataException($"{message}: field number 0.");
            return true;
        }

        public ulong ReadVarint(int field, int wireType)
        {
            Expect(field, wireType, 0);
            return ReadRawVarint();
        }

        public ulong ReadFixed64(int field, int wireType)
        {
            Expect(field, wireType, 1);
            Need(8);
            ulong value = 0;
            for (int i = 7; i >= 0; i--) value = (value << 8) | data[_position + i];
            _position += 8;
            return value;
        }

        public uint ReadFixed32(int field, int wireType)
        {
            Expect(field, wireType, 5);
            Need(4);
            uint value = ReadUInt32(data, _position);
            _position += 4;
            return value;
        }

        public byte[] ReadLengthDelimited(int field, int wireType)
        {
            Expect(field, wireType, 2);
            ulong length = ReadRawVarint();
            if (length > (ulong)(data.Length - _position))
                throw new InvalidDataException($"{message}: field {field} claims {length} bytes; {data.Length - _position} remain.");
            byte[] bytes = data.AsSpan(_position, (int)length).ToArray();
            _position += (int)length;
            return bytes;
        }

        public InvalidDataException Unexpected(int field, int wireType) =>
            new($"{message}: unexpected field {field} (wire type {wireType}).");

        private ulong ReadRawVarint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                Need(1);
                byte b = data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new InvalidDataException($"{message}: varint longer than 10 bytes.");
        }

        private void Expect(int field, int actual, int expected)
        {
            if (actual != expected)
                throw new InvalidDataException($"{message}: field {field} has wire type {actual}; expected {expected}.");
        }

        private void Need(int count)
        {
            if (data.Length - _position < count)
                throw new InvalidDataException($"{message}: truncated at byte {_position}.");
        }
    }
}
