using System;

namespace NetGen.Tests.TensorBoard;

/// <summary>The hand-written protobuf encoder, byte for byte against the examples of the protobuf encoding guide.</summary>
public sealed class ProtobufWriterTests
{
    [Fact]
    public void Int64_150_IsTheGuidesExample()
    {
        var writer = new ProtobufWriter();
        writer.WriteInt64(1, 150);
        Assert.Equal("08-96-01", Hex(writer));
    }

    [Fact]
    public void String_IsLengthDelimitedUtf8()
    {
        var writer = new ProtobufWriter();
        writer.WriteString(2, "testing");
        Assert.Equal("12-07-74-65-73-74-69-6E-67", Hex(writer));

        var unicode = new ProtobufWriter();
        unicode.WriteString(1, "é");
        Assert.Equal("0A-02-C3-A9", Hex(unicode));
    }

    [Fact]
    public void NegativeInt64_TakesTenBytes()
    {
        var writer = new ProtobufWriter();
        writer.WriteInt64(2, -1);
        Assert.Equal("10-FF-FF-FF-FF-FF-FF-FF-FF-FF-01", Hex(writer));
    }

    [Fact]
    public void Double_And_Float_AreLittleEndianFixedWidth()
    {
        var writer = new ProtobufWriter();
        writer.WriteDouble(1, 1.0);
        writer.WriteFloat(2, 1.0f);
        Assert.Equal("09-00-00-00-00-00-00-F0-3F-15-00-00-80-3F", Hex(writer));
    }

    [Fact]
    public void NestedMessage_And_PackedFloats()
    {
        var inner = new ProtobufWriter();
        inner.WriteInt64(1, 150);
        var empty = new ProtobufWriter();
        var writer = new ProtobufWriter();
        writer.WriteMessage(3, inner);
        writer.WriteMessage(2, empty);
        writer.WritePackedFloats(5, [1.0f, -2.0f]);
        Assert.Equal("1A-03-08-96-01-12-00-2A-08-00-00-80-3F-00-00-00-C0", Hex(writer));
    }

    [Fact]
    public void FieldNumbers_AboveFifteen_TakeATwoByteKey()
    {
        var writer = new ProtobufWriter();
        writer.WriteEnum(16, 1);
        Assert.Equal("80-01-01", Hex(writer));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteEnum(0, 1));
    }

    private static string Hex(ProtobufWriter writer) => BitConverter.ToString(writer.ToArray());
}
