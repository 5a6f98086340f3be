using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Tests.Data;

public sealed class MnistTests
{
    [Fact]
    public void CandidateDirectories_AreEnvironmentVariableThenKerasThenSystem()
    {
        IReadOnlyList<DataDirectoryCandidate> candidates = Mnist.CandidateDirectories("/data/mnist", "/home/someone");

        Assert.Equal(
            [Path.GetFullPath("/data/mnist"), Path.Combine("/home/someone", ".keras", "datasets", "mnist"), "/usr/share/datasets/mnist"],
            candidates.Select(c => c.Path));
        Assert.Equal([true, false, false], candidates.Select(c => c.IsExplicit));
        Assert.Contains("NETGEN_MNIST_DATA", candidates[0].Source);
    }

    [Fact]
    public void Load_NothingFound_ListsEveryPlaceItLooked()
    {
        using var dir = new TempDirectory();
        string partial = Directory.CreateDirectory(dir.File("partial")).FullName;
        IdxTestFiles.WriteDataSet(partial, gzip: true);
        File.Delete(Path.Combine(partial, "t10k-images-idx3-ubyte.gz"));
        string absent = dir.File("absent");

        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(
            [new DataDirectoryCandidate(partial, "the Keras cache", false), new DataDirectoryCandidate(absent, "somewhere", false)]));

        Assert.Contains("MNIST", e.Message);
        Assert.Contains(partial, e.Message);
        Assert.Contains("missing t10k-images-idx3-ubyte(.gz)", e.Message);
        Assert.Contains(absent, e.Message);
        Assert.Contains("does not exist", e.Message);
        Assert.Contains("NETGEN_MNIST_DATA", e.Message);
    }

    [Fact]
    public void Load_EnvironmentVariableFolderMissingFiles_NamesTheVariableTheFolderAndTheFiles()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(Mnist.CandidateDirectories(dir.Path, homeDirectory: null)));

        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("NETGEN_MNIST_DATA", e.Message);
        Assert.Contains("train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz)", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_ReadsADirectory(bool gzip)
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip, trainCount: 5, testCount: 3);

        var (train, test) = Mnist.Load(dir.Path);
        var (train2, _) = Mnist.Load(Mnist.CandidateDirectories(dir.Path, homeDirectory: null));

        Assert.Equal(5, train.Count);
        Assert.Equal(3, test.Count);
        Assert.Equal([28, 28], test.SampleShape);
        Assert.Equal([9f, 8f, 7f], test.Labels);
        Assert.Equal(train.Features, train2.Features);
    }

    [Fact]
    public void ClassNames_AreTheDigits()
    {
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], Mnist.ClassNames);
    }
}
