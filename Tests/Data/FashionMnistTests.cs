using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Tests.Data;

public sealed class FashionMnistTests
{
    private const string TrainImages = "train-images-idx3-ubyte";
    private const string TrainLabels = "train-labels-idx1-ubyte";
    private const string TestImages = "t10k-images-idx3-ubyte";
    private const string TestLabels = "t10k-labels-idx1-ubyte";

    [Fact]
    public void BundledSubset_Has2000TrainAnd500TestImagesOf28x28()
    {
        var (train, test) = FashionMnistSubset.Load();

        Assert.Equal(2000, train.Count);
        Assert.Equal(500, test.Count);
        foreach (DataSet set in new[] { train, test })
        {
            Assert.Equal([28, 28], set.SampleShape);
            Assert.Equal(784, set.SampleSize);
            Assert.Equal(1, set.LabelWidth);
            Assert.All(set.Features, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(0f, set.Features.Min());
            Assert.Equal(1f, set.Features.Max());
            Assert.All(set.Labels, l => Assert.True(l >= 0 && l <= 9 && l == MathF.Floor(l), $"label {l}"));
            Assert.Equal(Enumerable.Range(0, 10), set.Labels.Select(l => (int)l).Distinct().Order());
        }
    }

    [Fact]
    public void BundledSubset_HasTheClassCountsDocumentedInTheReadme()
    {
        var (train, test) = FashionMnistSubset.Load();

        Assert.Equal([194, 216, 202, 195, 186, 200, 194, 215, 198, 200], ClassCounts(train));
        Assert.Equal([55, 52, 65, 46, 57, 39, 47, 47, 44, 48], ClassCounts(test));
    }

    [Fact]
    public void BundledSubset_PixelsAreTheBytesDividedBy255()
    {
        using Stream stream = typeof(FashionMnistSubset).Assembly.GetManifestResourceStream("NetGen.Datasets.t10k-images-idx3-ubyte.gz")!;
        IdxImages images = IdxReader.ReadImages(stream, "t10k images");
        var (_, test) = FashionMnistSubset.Load();

        Assert.Equal(500, images.Count);
        for (int i = 0; i < images.Pixels.Length; i += 97)
            Assert.Equal(images.Pixels[i] / 255f, test.Features[i]);
    }

    [Fact]
    public void ClassNames_AreTheTenFashionMnistClasses()
    {
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            FashionMnist.ClassNames);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadDirectory_ReadsRawOrGzipFiles(bool gzip)
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip, trainCount: 3, testCount: 2);

        var (train, test) = FashionMnist.Load(dir.Path);

        Assert.Equal(3, train.Count);
        Assert.Equal(2, test.Count);
        Assert.Equal([28, 28], train.SampleShape);
        Assert.Equal([9f, 8f, 7f], train.Labels);
        Assert.Equal([9f, 8f], test.Labels);
        byte[] expected = IdxTestFiles.Pattern(3 * 784);
        Assert.Equal(expected.Select(b => b / 255f), train.Features);
    }

    [Fact]
    public void LoadDirectory_AcceptsAMixOfRawAndGzipFiles()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip: true);
        File.Delete(dir.File(TestLabels + ".gz"));
        IdxTestFiles.Write(dir.Path, TestLabels, IdxTestFiles.Labels(2, [4, 5]), gzip: false);

        var (_, test) = FashionMnist.Load(dir.Path);

        Assert.Equal([4f, 5f], test.Labels);
    }

    [Fact]
    public void LoadDirectory_MismatchedCounts_NamesBothFiles()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip: true);
        string labels = IdxTestFiles.Write(dir.Path, TrainLabels, IdxTestFiles.Labels(4, [1, 2, 3, 4]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains(dir.File(TrainImages + ".gz"), e.Message);
        Assert.Contains(labels, e.Message);
        Assert.Contains("3 images", e.Message);
        Assert.Contains("4 labels", e.Message);
    }

    [Fact]
    public void LoadDirectory_LabelOutsideTheTenClasses_Throws()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip: false);
        string labels = IdxTestFiles.Write(dir.Path, TestLabels, IdxTestFiles.Labels(2, [3, 12]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains(labels, e.Message);
        Assert.Contains("label 12 at index 1", e.Message);
    }

    [Fact]
    public void LoadDirectory_ImagesThatAreNot28x28_Throw()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip: false);
        string images = IdxTestFiles.Write(dir.Path, TrainImages, IdxTestFiles.Images(3, 32, 32, new byte[3 * 32 * 32]), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains(images, e.Message);
        Assert.Contains("expected 28×28 images", e.Message);
        Assert.Contains("found 32×32", e.Message);
    }

    [Fact]
    public void LoadDirectory_CorruptFile_NamesIt()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip: true);
        string path = dir.File(TestImages + ".gz");
        File.WriteAllBytes(path, IdxTestFiles.Gzip(IdxTestFiles.Labels(2, [0, 0])));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains(path, e.Message);
        Assert.Contains("expected magic 0x00000803", e.Message);
    }

    [Fact]
    public void LoadDirectory_MissingFiles_NamesTheDirectoryAndEachMissingFile()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip: true);
        File.Delete(dir.File(TrainLabels + ".gz"));
        File.Delete(dir.File(TestImages + ".gz"));

        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("missing train-labels-idx1-ubyte(.gz) and t10k-images-idx3-ubyte(.gz)", e.Message);
    }

    [Fact]
    public void LoadDirectory_NonexistentDirectory_Throws()
    {
        using var dir = new TempDirectory();
        string missing = dir.File("no-such-folder");

        var e = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void CandidateDirectories_AreEnvironmentVariableThenKerasThenSystem()
    {
        using var dir = new TempDirectory();
        string home = dir.File("home");

        IReadOnlyList<DataDirectoryCandidate> candidates = FashionMnist.CandidateDirectories(dir.Path, home);

        Assert.Equal(
            [dir.Path, Path.Combine(home, ".keras", "datasets", "fashion-mnist"), "/usr/share/datasets/fashion-mnist"],
            candidates.Select(c => c.Path));
        Assert.Equal([true, false, false], candidates.Select(c => c.IsExplicit));
        Assert.Contains("NETGEN_DATA", candidates[0].Source);
        Assert.Contains("dataset-fashion-mnist", candidates[2].Source);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CandidateDirectories_UnsetOrBlankVariable_IsSkipped(string? value)
    {
        IReadOnlyList<DataDirectoryCandidate> candidates = FashionMnist.CandidateDirectories(value, "/home/someone");

        Assert.Equal(
            [Path.Combine("/home/someone", ".keras", "datasets", "fashion-mnist"), "/usr/share/datasets/fashion-mnist"],
            candidates.Select(c => c.Path));
    }

    [Fact]
    public void CandidateDirectories_UnknownHome_SkipsTheKerasCache()
    {
        Assert.Equal(["/usr/share/datasets/fashion-mnist"], FashionMnist.CandidateDirectories(null, null).Select(c => c.Path));
    }

    [Fact]
    public void Resolve_SkipsIncompleteDirectoriesAndTakesTheFirstCompleteOne()
    {
        using var dir = new TempDirectory();
        string empty = Directory.CreateDirectory(dir.File("empty")).FullName;
        string partial = Directory.CreateDirectory(dir.File("partial")).FullName;
        IdxTestFiles.WriteDataSet(partial, gzip: true);
        File.Delete(Path.Combine(partial, TestLabels + ".gz"));
        string first = Directory.CreateDirectory(dir.File("first")).FullName;
        IdxTestFiles.WriteDataSet(first, gzip: false);
        string second = Directory.CreateDirectory(dir.File("second")).FullName;
        IdxTestFiles.WriteDataSet(second, gzip: true);

        DataDirectoryCandidate? found = IdxDataSetLoader.Resolve(
            [Candidate(dir.File("absent")), Candidate(empty), Candidate(partial), Candidate(first), Candidate(second)]);

        Assert.Equal(first, found?.Path);
    }

    [Fact]
    public void Resolve_ExplicitDirectoryIsTakenEvenWhenIncomplete()
    {
        using var dir = new TempDirectory();
        string complete = Directory.CreateDirectory(dir.File("complete")).FullName;
        IdxTestFiles.WriteDataSet(complete, gzip: true);

        DataDirectoryCandidate? found = IdxDataSetLoader.Resolve(
            [new DataDirectoryCandidate(dir.File("explicit"), "the environment variable NETGEN_DATA", IsExplicit: true), Candidate(complete)]);

        Assert.Equal(dir.File("explicit"), found?.Path);
    }

    [Fact]
    public void Resolve_NothingComplete_ReturnsNull()
    {
        using var dir = new TempDirectory();
        Assert.Null(IdxDataSetLoader.Resolve([Candidate(dir.Path), Candidate(dir.File("absent"))]));
    }

    [Fact]
    public void Load_EnvironmentVariableFolderMissingFiles_NamesTheVariableTheFolderAndTheFiles()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteDataSet(dir.Path, gzip: true);
        File.Delete(dir.File(TrainImages + ".gz"));
        File.Delete(dir.File(TestLabels + ".gz"));
        var log = new StringWriter();

        var e = Assert.Throws<FileNotFoundException>(
            () => FashionMnistSubset.LoadFullSetOrSubset(log, FashionMnist.CandidateDirectories(dir.Path, homeDirectory: null)));
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("NETGEN_DATA", e.Message);
        Assert.Contains("train-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz)", e.Message);
        Assert.DoesNotContain("train-labels-idx1-ubyte(.gz) and", e.Message.Split("Expected")[0]);
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public void Load_EnvironmentVariableFolderThatDoesNotExist_Throws()
    {
        using var dir = new TempDirectory();
        string missing = dir.File("typo");

        var e = Assert.Throws<DirectoryNotFoundException>(
            () => FashionMnistSubset.LoadFullSetOrSubset(new StringWriter(), FashionMnist.CandidateDirectories(missing, homeDirectory: null)));
        Assert.Contains(missing, e.Message);
        Assert.Contains("NETGEN_DATA", e.Message);
    }

    [Fact]
    public void Load_FromTheFirstCompleteCandidate_WritesNothing()
    {
        using var dir = new TempDirectory();
        string home = dir.File("home");
        string keras = Path.Combine(home, ".keras", "datasets", "fashion-mnist");
        Directory.CreateDirectory(keras);
        IdxTestFiles.WriteDataSet(keras, gzip: true, trainCount: 4, testCount: 1);
        var log = new StringWriter();

        var (train, test) = FashionMnistSubset.LoadFullSetOrSubset(log, FashionMnist.CandidateDirectories(null, home));

        Assert.Equal(4, train.Count);
        Assert.Equal(1, test.Count);
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public void Load_NothingFound_FallsBackToTheBundledSubsetWithOneLogLine()
    {
        using var dir = new TempDirectory();
        var log = new StringWriter();

        var (train, test) = FashionMnistSubset.LoadFullSetOrSubset(log, [Candidate(dir.Path), Candidate(dir.File("absent"))]);

        Assert.Equal(2000, train.Count);
        Assert.Equal(500, test.Count);
        string text = log.ToString();
        string line = Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(line + Environment.NewLine, text);
        Assert.Contains("2,000 + 500", line);
        Assert.Contains("subset", line);
        Assert.Contains("apt-get install dataset-fashion-mnist", line);
        Assert.Contains("NETGEN_DATA", line);
    }

    [Fact]
    public void LibraryLoad_NothingFound_ThrowsNamingEveryPlaceAndHowToGetTheFiles()
    {
        using var dir = new TempDirectory();
        var candidates = new[] { Candidate(dir.Path), Candidate(dir.File("absent")) };

        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(candidates));

        Assert.Contains(dir.Path, e.Message);
        Assert.Contains(dir.File("absent") + "' (a test; does not exist)", e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("NETGEN_DATA", e.Message);
    }

    [Fact]
    public void Library_EmbedsNoDataSet()
    {
        // The package every user references must not carry the subset (it was 1.1 MB of NetGen.dll).
        Assert.Empty(typeof(FashionMnist).Assembly.GetManifestResourceNames());
    }

    private static DataDirectoryCandidate Candidate(string path) => new(path, "a test", IsExplicit: false);

    private static int[] ClassCounts(DataSet set)
    {
        var counts = new int[10];
        foreach (float label in set.Labels) counts[(int)label]++;
        return counts;
    }
}
