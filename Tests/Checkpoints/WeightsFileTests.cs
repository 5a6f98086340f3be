using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetGen.Tests.Checkpoints;

/// <summary>Model.SaveWeights / LoadWeights: bit-identical round trips; every failed load leaves the model unchanged.</summary>
public sealed class WeightsFileTests
{
    [Fact]
    public void SaveThenLoad_RestoresBitIdenticalParameters()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        var trained = new CheckpointNet(seed: 1);
        trained.Fit(CheckpointTestData.Classification(40, seed: 5), epochs: 2, batchSize: 8, verbose: 0);
        var fresh = new CheckpointNet(seed: 2);
        Assert.NotEqual(CheckpointTestData.Bits(trained.Parameters), CheckpointTestData.Bits(fresh.Parameters));

        trained.SaveWeights(path);
        fresh.LoadWeights(path);

        Assert.Equal(CheckpointTestData.Bits(trained.Parameters), CheckpointTestData.Bits(fresh.Parameters));
        Assert.Equal(["weights.safetensors"], folder.Entries());
    }

    [Fact]
    public void TensorsAreKerasNamedAndShaped()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        var model = new CheckpointNet(seed: 1);

        model.SaveWeights(path);
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);

        Assert.Equal(4, file.Tensors.Count);
        Assert.Equal([4, 5], file.Find("dense/kernel")!.Shape);
        Assert.Equal([5], file.Find("dense/bias")!.Shape);
        Assert.Equal([5, 3], file.Find("dense_1/kernel")!.Shape);
        Assert.Equal([3], file.Find("dense_1/bias")!.Shape);
        Assert.Equal(model.GetWeights("dense_1/kernel"), file.Find("dense_1/kernel")!.Values);
        Assert.Equal("netgen-weights", file.Metadata["format"]);
        Assert.Equal("CheckpointNet", file.Metadata["model"]);
        Assert.Equal("1", file.Metadata["seed"]);
    }

    [Fact]
    public void SameWeightTable_OfAnotherClass_IsRefused_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        var source = new CheckpointNet(seed: 1);
        var target = new CheckpointTwinNet(seed: 9);
        int[] before = CheckpointTestData.Bits(target.Parameters);

        source.SaveWeights(path);
        var e = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        Assert.StartsWith(path + ": the file was saved from the network CheckpointNet, not CheckpointTwinNet; nothing was loaded.", e.Message);
        Assert.Contains("LoadWeights(path, byName: true)", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(target.Parameters));
    }

    [Fact]
    public void SameWeightTable_OfAnotherClass_LoadsByName()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        var source = new CheckpointNet(seed: 1);
        var target = new CheckpointTwinNet(seed: 9);

        source.SaveWeights(path);
        target.LoadWeights(path, byName: true);

        Assert.Equal(CheckpointTestData.Bits(source.Parameters), CheckpointTestData.Bits(target.Parameters));
    }

    [Fact]
    public void AFileWhoseLayerTableDiffers_IsRefused_NamingTheLayers()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        var model = new CheckpointNet(seed: 1);
        model.SaveWeights(path);
        // The same class name, weights and shapes, but a layer table from another version of the network.
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);
        var metadata = new System.Collections.Generic.Dictionary<string, string>(file.Metadata)
        {
            ["layers"] = "dense Dense (None, 5)\ndropout Dropout (None, 5)\ndense_1 Dense (None, 3)\n",
        };
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(file.Tensors, metadata));
        var target = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(target.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));

        Assert.Contains("in the file only: dropout Dropout (None, 5)", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(target.Parameters));
        target.LoadWeights(path, byName: true);
        Assert.Equal(CheckpointTestData.Bits(model.Parameters), CheckpointTestData.Bits(target.Parameters));
    }

    [Fact]
    public void WrongArchitecture_ListsEveryMismatch_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("other.safetensors");
        new CheckpointOtherNet(seed: 1).SaveWeights(path);
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.StartsWith(path + ": the tensors do not match the network CheckpointNet (the file was saved from CheckpointOtherNet)", e.Message);
        Assert.Contains("nothing was loaded", e.Message);
        Assert.Contains("wrong shape: dense/kernel: expected (4, 5), found (4, 6)", e.Message);
        Assert.Contains("wrong shape: dense/bias: expected (5,), found (6,)", e.Message);
        Assert.Contains("wrong shape: dense_1/kernel: expected (5, 3), found (6, 3)", e.Message);
        Assert.Contains("unexpected: dense_2/kernel (3, 3)", e.Message);
        Assert.Contains("unexpected: dense_2/bias (3,)", e.Message);
        Assert.DoesNotContain("dense_1/bias", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void MissingTensor_IsListed_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("partial.safetensors");
        var source = new CheckpointNet(seed: 1);
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(
        [
            new SafeTensor("dense/kernel", [4, 5], source.GetWeights("dense/kernel")),
            new SafeTensor("dense/bias", [5], source.GetWeights("dense/bias")),
            new SafeTensor("dense_1/kernel", [5, 3], source.GetWeights("dense_1/kernel")),
        ]));
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.Contains("1 problem:", e.Message);
        Assert.Contains("missing: dense_1/bias (3,)", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void FileWrittenElsewhere_WithoutMetadata_Loads()
    {
        // As Python would write it (safetensors.numpy.save_file sorts the names and adds no NetGen metadata).
        using var folder = new TemporaryFolder();
        string path = folder.File("python.safetensors");
        var source = new CheckpointNet(seed: 4);
        var tensors = new List<SafeTensor>();
        foreach (string name in new[] { "dense/bias", "dense/kernel", "dense_1/bias", "dense_1/kernel" })
            tensors.Add(new SafeTensor(name, source.Description.GetWeight(name).Shape, source.GetWeights(name)));
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(tensors, new Dictionary<string, string> { ["format"] = "np" }));
        var model = new CheckpointNet(seed: 5);

        model.LoadWeights(path);

        Assert.Equal(CheckpointTestData.Bits(source.Parameters), CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void TruncatedFile_IsAClearError_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("truncated.safetensors");
        new CheckpointNet(seed: 1).SaveWeights(path);
        byte[] bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        long dataLength = bytes.Length - 8 - headerLength;
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 10).ToArray());
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.Equal($"{path}: truncated: the header says {dataLength} bytes of tensor data, the file has {dataLength - 10}.", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void FileCutInsideTheHeader_IsAClearError_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("cut.safetensors");
        new CheckpointNet(seed: 1).SaveWeights(path);
        File.WriteAllBytes(path, File.ReadAllBytes(path).AsSpan(0, 40).ToArray());
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.Contains(path + ": truncated: the header length field says", e.Message);
        Assert.Contains("the file has 32 bytes after it", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void CorruptJson_IsAClearError_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("corrupt.safetensors");
        new CheckpointNet(seed: 1).SaveWeights(path);
        byte[] bytes = File.ReadAllBytes(path);
        int colon = Array.IndexOf(bytes, (byte)':', 8);
        bytes[colon] = (byte)'#';
        File.WriteAllBytes(path, bytes);
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.StartsWith(path + ": the header is not valid JSON", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void NotASafeTensorsFile_IsAClearError_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("notes.txt");
        File.WriteAllText(path, "These are not weights, just a text file that someone named wrongly.", Encoding.ASCII);
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.Contains(path + ": the header length field says", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void MissingFile_IsFileNotFound_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("absent.safetensors");
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<FileNotFoundException>(() => model.LoadWeights(path));

        Assert.Contains(path, e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void WrongDtype_IsAClearError_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("f64.safetensors");
        new CheckpointNet(seed: 1).SaveWeights(path);
        byte[] bytes = File.ReadAllBytes(path);
        string text = Encoding.ASCII.GetString(bytes);
        int at = text.IndexOf("\"F32\"", StringComparison.Ordinal);
        Encoding.ASCII.GetBytes("\"F16\"").CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
        var model = new CheckpointNet(seed: 2);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));

        Assert.Contains("has dtype F16; NetGen reads only F32", e.Message);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void Checkpoint_LoadsAsWeights()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var source = new CheckpointNet(seed: 1);
        source.Fit(CheckpointTestData.Classification(24, seed: 5), epochs: 1, batchSize: 8, verbose: 0);
        source.SaveCheckpoint(path);
        var model = new CheckpointNet(seed: 2);

        model.LoadWeights(path);

        Assert.Equal(CheckpointTestData.Bits(source.Parameters), CheckpointTestData.Bits(model.Parameters));
        Assert.Equal(0, model.Iterations);
    }

    [Fact]
    public void NullOrEmptyPath_IsAnArgumentError()
    {
        var model = new CheckpointNet(seed: 2);
        Assert.Throws<ArgumentNullException>(() => model.SaveWeights(null!));
        Assert.Throws<ArgumentException>(() => model.LoadWeights(""));
    }
}
