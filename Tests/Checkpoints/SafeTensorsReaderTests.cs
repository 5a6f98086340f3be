using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace NetGen.Tests.Checkpoints;

/// <summary>The reader validates everything and names the file and the problem.</summary>
public sealed class SafeTensorsReaderTests
{
    private const string Source = "test.safetensors";

    /// <summary>A file from a header text and a data section, with the header length field set to the header's size.</summary>
    private static byte[] Build(string header, int dataBytes) => Build(Encoding.UTF8.GetBytes(header), dataBytes);

    private static byte[] Build(byte[] header, int dataBytes)
    {
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }

    private static string Fails(byte[] bytes)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsReader.Read(bytes, Source));
        Assert.StartsWith(Source + ": ", e.Message);
        return e.Message;
    }

    private const string TwoTensors = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[3],"data_offsets":[8,20]}}""";

    [Fact]
    public void AWellFormedFile_Reads()
    {
        SafeTensorsFile file = SafeTensorsReader.Read(Build(TwoTensors, 20), Source);

        Assert.Equal(2, file.Tensors.Count);
        Assert.Equal([3], file.Find("b")!.Shape);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void EmptyOrShortFile_IsTruncated()
    {
        Assert.Contains("empty", Fails([]));
        Assert.Contains("truncated: the file has 5 bytes", Fails(new byte[5]));
    }

    [Fact]
    public void HeaderLongerThanTheFile_IsTruncated()
    {
        byte[] bytes = Build(TwoTensors, 20);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 5000);

        Assert.Contains($"truncated: the header length field says 5000 bytes of JSON header, the file has {bytes.Length - 8} bytes after it", Fails(bytes));
    }

    [Fact]
    public void AbsurdHeaderLength_IsNotASafeTensorsFile()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("PK\x03\x04 this is a zip file, not safetensors");

        Assert.Contains("not a safetensors file", Fails(bytes));
    }

    [Fact]
    public void MissingTensorData_IsTruncated()
    {
        Assert.Contains("truncated: the header says 20 bytes of tensor data, the file has 12", Fails(Build(TwoTensors, 12)));
    }

    [Fact]
    public void BytesAfterTheLastTensor_AreAnError()
    {
        Assert.Contains("4 bytes after the end of the last tensor", Fails(Build(TwoTensors, 24)));
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]""", "not valid JSON")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},}""", "not valid JSON")]
    [InlineData("""[1, 2, 3]""", "the header is a JSON array; expected an object")]
    [InlineData("""{"a":[0,8]}""", "the header entry of tensor 'a' is a JSON array")]
    [InlineData("""{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", "tensor 'a' has dtype F16; NetGen reads only F32")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "tensor 'a' has shape (2,) of F32 (8 bytes), but its data_offsets [0, 4] span 4 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "end before they begin")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", "data_offsets has 1 numbers; expected 2")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "shape holds -2; expected non-negative integers")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}""", "shape holds 2.5")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""", "tensor 'a' has no data_offsets")]
    [InlineData("""{"a":{"shape":[2],"data_offsets":[0,8]}}""", "tensor 'a' has no dtype")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}""", "unexpected key 'extra'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", "names 'a' twice")]
    [InlineData("""{"__metadata__":{"k":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "metadata value of 'k' is a JSON number")]
    [InlineData("""{"__metadata__":"x","a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "'__metadata__' is a JSON string")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", "tensors 'a' [0, 8) and 'b' [4, 12) overlap")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}""", "4 bytes of the data section before tensor 'b' (at 12) belong to no tensor")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", "4 bytes of the data section before tensor 'a'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[99999999999],"data_offsets":[0,8]}}""", "larger than NetGen supports")]
    [InlineData("""{"a":{"dtype":"F32","shape":[65536,65536],"data_offsets":[0,17179869184]}}""", "more than NetGen reads into one array")]
    public void InvalidHeader_IsAClearError(string header, string expected)
    {
        Assert.Contains(expected, Fails(Build(header.PadRight((header.Length + 7) / 8 * 8), 16)));
    }

    [Fact]
    public void InvalidUtf8InTheHeader_IsAClearError()
    {
        byte[] header = Encoding.UTF8.GetBytes("{\"a\u00e9\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}");
        int at = Array.IndexOf(header, (byte)0xC3);
        header[at] = 0xFF;

        Assert.Contains("the header is not valid UTF-8", Fails(Build(header, 8)));
    }

    [Fact]
    public void TensorsInAnyHeaderOrder_AreReturnedInDataOrder()
    {
        const string header = """{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";
        byte[] bytes = Build(header, 8);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + header.Length), 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + header.Length + 4), -7f);

        SafeTensorsFile file = SafeTensorsReader.Read(bytes, Source);

        Assert.Equal("a", file.Tensors[0].Name);
        Assert.Equal([1.5f], file.Tensors[0].Values);
        Assert.Equal([-7f], file.Find("b")!.Values);
    }

    [Fact]
    public void MissingFile_IsFileNotFound_NamingIt()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("absent.safetensors");

        var e = Assert.Throws<FileNotFoundException>(() => SafeTensorsReader.ReadFile(path));
        Assert.Contains(path, e.Message);
    }
}
