using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// The safetensors layout, checked byte by byte by a parser written here independently of SafeTensorsReader:
/// 8-byte little-endian header length, space-padded JSON header ending 8-byte aligned, contiguous little-endian data.
/// </summary>
public sealed class SafeTensorsFormatTests
{
    [Fact]
    public void SmallFile_IsExactlyTheExpectedBytes()
    {
        var file = new SafeTensorsFile(
            [new SafeTensor("a", [2], [1f, -2f]), new SafeTensor("b", [1, 1], [0.5f])],
            new Dictionary<string, string> { ["k"] = "v" });
        var stream = new MemoryStream();

        SafeTensorsWriter.Write(stream, file);

        // The checksum is the CRC-32 of "a\0" "2\0" <1f, -2f> "b\0" "1,1\0" <0.5f> "k\0" "v\0", as Python's zlib.crc32 computed it.
        const string json = """{"__metadata__":{"k":"v","netgen_checksum":"crc32:9d17d699"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1,1],"data_offsets":[8,12]}}""";
        int padded = (json.Length + 7) / 8 * 8;
        var expected = new List<byte>();
        for (int i = 0; i < 8; i++) expected.Add((byte)((long)padded >> (8 * i)));
        expected.AddRange(Encoding.ASCII.GetBytes(json.PadRight(padded, ' ')));
        expected.AddRange(new byte[] { 0x00, 0x00, 0x80, 0x3F }); // 1.0f, little-endian
        expected.AddRange(new byte[] { 0x00, 0x00, 0x00, 0xC0 }); // -2.0f
        expected.AddRange(new byte[] { 0x00, 0x00, 0x00, 0x3F }); // 0.5f
        Assert.Equal(expected.ToArray(), stream.ToArray());
    }

    [Fact]
    public void SavedWeights_HaveTheSafeTensorsLayout()
    {
        using var folder = new TemporaryFolder();
        var model = new CheckpointOtherNet(seed: 3);
        string path = folder.File("weights.safetensors");

        model.SaveWeights(path);

        byte[] bytes = File.ReadAllBytes(path);
        ulong headerLength = 0;
        for (int i = 0; i < 8; i++) headerLength |= (ulong)bytes[i] << (8 * i);
        Assert.True(8 + (long)headerLength <= bytes.Length, $"header length {headerLength} exceeds the file ({bytes.Length} bytes)");
        Assert.Equal(0, (8 + (long)headerLength) % 8);

        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{", header);
        string json = header.TrimEnd(' ');
        Assert.EndsWith("}", json);
        Assert.True(header.Length - json.Length < 8, "the header is padded with fewer than 8 spaces");

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        int dataStart = 8 + (int)headerLength;
        long offset = 0;
        foreach (WeightInfo weight in model.Description.Weights)
        {
            JsonElement entry = root.GetProperty(weight.Name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            var shape = new List<int>();
            foreach (JsonElement d in entry.GetProperty("shape").EnumerateArray()) shape.Add(d.GetInt32());
            Assert.Equal(weight.Shape, shape.ToArray());
            JsonElement offsets = entry.GetProperty("data_offsets");
            Assert.Equal(offset, offsets[0].GetInt64());
            Assert.Equal(offset + 4L * weight.Length, offsets[1].GetInt64());

            float[] expected = model.GetWeights(weight.Name);
            for (int i = 0; i < weight.Length; i++)
            {
                int at = dataStart + (int)offset + 4 * i;
                int raw = bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16 | bytes[at + 3] << 24;
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), raw);
            }
            offset += 4L * weight.Length;
        }
        Assert.Equal(dataStart + offset, bytes.Length);

        JsonElement metadata = root.GetProperty("__metadata__");
        Assert.Equal("netgen-weights", metadata.GetProperty("format").GetString());
        Assert.Equal("CheckpointOtherNet", metadata.GetProperty("model").GetString());
        Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+$", metadata.GetProperty("netgen_version").GetString());
        Assert.Matches("^[0-9a-f]{16}$", metadata.GetProperty("architecture").GetString());
        Assert.Equal(model.Description.Weights.Count + 1, CountProperties(root));
    }

    [Fact]
    public void ArchitectureSignature_DependsOnNamesAndShapesOnly()
    {
        string Signature(Model model) => SafeTensorsReader.ReadFile(SaveWeights(model)).Metadata["architecture"];
        using var folder = new TemporaryFolder();
        string SaveWeights(Model model)
        {
            string path = folder.File(Guid.NewGuid().ToString("N"));
            model.SaveWeights(path);
            return path;
        }

        string net = Signature(new CheckpointNet(seed: 1));
        Assert.Equal(net, Signature(new CheckpointNet(seed: 2)));
        Assert.Equal(net, Signature(new CheckpointTwinNet(seed: 3)));
        Assert.NotEqual(net, Signature(new CheckpointOtherNet(seed: 1)));
        // FNV-1a 64 of the empty input is its offset basis: pins the hash function itself.
        Assert.Equal(0xCBF29CE484222325UL, ArchitectureSignature.Fnv1a64([]));
        Assert.Equal(0xAF63DC4C8601EC8CUL, ArchitectureSignature.Fnv1a64("a"u8.ToArray()));
    }

    [Fact]
    public void WriterAndReader_RoundTripTensorsAndMetadata()
    {
        var file = new SafeTensorsFile(
            [
                new SafeTensor("scalar", [], [3.25f]),
                new SafeTensor("empty", [0, 4], []),
                new SafeTensor("layer/kernel", [2, 3], [1, 2, 3, float.NegativeZero, float.Epsilon, float.MaxValue]),
            ],
            new Dictionary<string, string> { ["note"] = "ünïcode & <html> \"quotes\"", ["n"] = "1e-3" });
        var stream = new MemoryStream();

        SafeTensorsWriter.Write(stream, file);
        SafeTensorsFile read = SafeTensorsReader.Read(stream.ToArray(), "memory");

        Assert.Equal(["scalar", "empty", "layer/kernel"], Names(read));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(file.Tensors[i].Shape, read.Tensors[i].Shape);
            Assert.Equal(CheckpointTestData.Bits(file.Tensors[i].Values), CheckpointTestData.Bits(read.Tensors[i].Values));
        }
        Assert.Equal(file.Metadata["note"], read.Metadata["note"]);
        Assert.Equal("1e-3", read.Metadata["n"]);
        Assert.Null(read.Find("missing"));
    }

    [Fact]
    public void Tensor_RejectsValuesThatDoNotFitItsShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new SafeTensor("w", [2, 3], new float[5]));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => new SafeTensor("__metadata__", [1], new float[1]));
        Assert.Throws<ArgumentException>(() => new SafeTensorsFile([new SafeTensor("w", [1], [1f]), new SafeTensor("w", [1], [2f])]));
    }

    private static int CountProperties(JsonElement element)
    {
        int count = 0;
        foreach (JsonProperty _ in element.EnumerateObject()) count++;
        return count;
    }

    private static string[] Names(SafeTensorsFile file)
    {
        var names = new string[file.Tensors.Count];
        for (int i = 0; i < names.Length; i++) names[i] = file.Tensors[i].Name;
        return names;
    }
}
