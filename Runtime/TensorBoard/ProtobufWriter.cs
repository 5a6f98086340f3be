using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NetGen;

/// <summary>
/// A minimal protocol-buffers encoder (wire format only, no schema): just the field kinds TensorBoard event files need.
/// Every method writes one field as <c>key = (field_number &lt;&lt; 3) | wire_type</c> followed by its payload. A nested message is
/// encoded into its own writer first, then written with <see cref="WriteMessage"/> as a length-delimited field.
/// </summary>
/// <remarks>
/// The writer does not apply proto3's "omit default values" rule; the caller decides which fields to write.
/// See https://protobuf.dev/programming-guides/encoding/ for the format.
/// </remarks>
internal sealed class ProtobufWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64);

    /// <summary>The wire types used here.</summary>
    private enum WireType
    {
        /// <summary>int32, int64, uint64, bool, enum.</summary>
        Varint = 0,

        /// <summary>fixed64, sfixed64, double.</summary>
        Fixed64 = 1,

        /// <summary>string, bytes, embedded messages, packed repeated fields.</summary>
        LengthDelimited = 2,

        /// <summary>fixed32, sfixed32, float.</summary>
        Fixed32 = 5,
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Writes a <c>double</c> field (wire type 1, 8 bytes little-endian).</summary>
    public void WriteDouble(int field, double value)
    {
        WriteKey(field, WireType.Fixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(sizeof(double)), value);
        _buffer.Advance(sizeof(double));
    }

    /// <summary>Writes a <c>float</c> field (wire type 5, 4 bytes little-endian).</summary>
    public void WriteFloat(int field, float value)
    {
        WriteKey(field, WireType.Fixed32);
        WriteFloatPayload(value);
    }

    /// <summary>Writes an <c>int64</c> field (wire type 0; a negative value takes 10 bytes, as two's complement).</summary>
    public void WriteInt64(int field, long value)
    {
        WriteKey(field, WireType.Varint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>Writes an enum field (wire type 0, encoded like <c>int32</c>).</summary>
    public void WriteEnum(int field, int value) => WriteInt64(field, value);

    /// <summary>Writes a <c>string</c> field (wire type 2, UTF-8).</summary>
    public void WriteString(int field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteKey(field, WireType.LengthDelimited);
        int length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>Writes a <c>bytes</c> field (wire type 2): the length, then the bytes.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteKey(field, WireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Writes an embedded message field (wire type 2): the length of <paramref name="message"/>'s bytes, then the bytes.</summary>
    public void WriteMessage(int field, ProtobufWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteKey(field, WireType.LengthDelimited);
        WriteVarint((ulong)message.WrittenSpan.Length);
        _buffer.Write(message.WrittenSpan);
    }

    /// <summary>Writes a packed <c>repeated float</c> field (wire type 2): the byte count, then 4 bytes per value.</summary>
    public void WritePackedFloats(int field, ReadOnlySpan<float> values)
    {
        WriteKey(field, WireType.LengthDelimited);
        WriteVarint((ulong)values.Length * sizeof(float));
        foreach (float value in values)
            WriteFloatPayload(value);
    }

    private void WriteKey(int field, WireType wireType)
    {
        if (field is < 1 or > (1 << 29) - 1)
            throw new ArgumentOutOfRangeException(nameof(field), field, "Protobuf field numbers range from 1 to 2^29 - 1.");
        WriteVarint(((ulong)field << 3) | (ulong)wireType);
    }

    /// <summary>Base-128 varint: 7 bits per byte, least significant group first, high bit set on every byte but the last.</summary>
    private void WriteVarint(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(10);
        int length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[length++] = (byte)value;
        _buffer.Advance(length);
    }

    private void WriteFloatPayload(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(sizeof(float)), value);
        _buffer.Advance(sizeof(float));
    }
}
