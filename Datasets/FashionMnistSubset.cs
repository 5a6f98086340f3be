using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace NetGen;

/// <summary>
/// The first 2,000 training and the first 500 test images of Fashion-MNIST, embedded in this assembly so that the
/// samples, tests and CI run without a download (see <c>FashionMnistSubset/README.md</c> for source, licence and
/// checksums). The NetGen library itself carries no data set.
/// </summary>
public static class FashionMnistSubset
{
    private const string Name = "Fashion-MNIST";

    /// <summary>Loads the embedded subset: 2,000 training and 500 test images with their labels, as <see cref="FashionMnist.Load(string)"/> would.</summary>
    public static (DataSet Train, DataSet Test) Load()
    {
        DataSet train = IdxDataSetLoader.BuildDataSet(Name,
            ReadEmbedded(IdxDataSetLoader.TrainImages, static (s, n) => IdxReader.ReadImages(s, n), out string trainImagesName), trainImagesName,
            ReadEmbedded(IdxDataSetLoader.TrainLabels, static (s, n) => IdxReader.ReadLabels(s, n), out string trainLabelsName), trainLabelsName);
        DataSet test = IdxDataSetLoader.BuildDataSet(Name,
            ReadEmbedded(IdxDataSetLoader.TestImages, static (s, n) => IdxReader.ReadImages(s, n), out string testImagesName), testImagesName,
            ReadEmbedded(IdxDataSetLoader.TestLabels, static (s, n) => IdxReader.ReadLabels(s, n), out string testLabelsName), testLabelsName);
        return (train, test);
    }

    /// <summary>
    /// Loads the full data set when <see cref="FashionMnist.FindDataDirectory"/> finds it, otherwise the subset, saying
    /// so in one line to <paramref name="log"/>.
    /// </summary>
    /// <param name="log">Where to report the fallback to the subset; <see cref="Console.Error"/> when null.</param>
    /// <exception cref="FileNotFoundException"><c>NETGEN_DATA</c> is set but the directory lacks some of the files.</exception>
    /// <exception cref="DirectoryNotFoundException"><c>NETGEN_DATA</c> is set to a directory that does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or image and label counts differ.</exception>
    public static (DataSet Train, DataSet Test) LoadFullSetOrSubset(TextWriter? log = null) =>
        LoadFullSetOrSubset(log, FashionMnist.CandidateDirectories(
            Environment.GetEnvironmentVariable(FashionMnist.EnvironmentVariable), IdxDataSetLoader.HomeDirectory()));

    /// <summary>Loads from the first usable candidate (as <see cref="FashionMnist.Load(TextWriter?)"/>), or the subset with one line to <paramref name="log"/>.</summary>
    internal static (DataSet Train, DataSet Test) LoadFullSetOrSubset(TextWriter? log, IReadOnlyList<DataDirectoryCandidate> candidates)
    {
        if (IdxDataSetLoader.Resolve(candidates) is not null)
            return FashionMnist.Load(candidates);
        (log ?? Console.Error).WriteLine(
            $"NetGen: {Name} not found; using the bundled 2,000 + 500 image subset (train + test). For the full 60,000 + 10,000 images: {FashionMnist.HowToGetFullSet}.");
        return Load();
    }

    private static T ReadEmbedded<T>(string baseName, Func<Stream, string, T> read, out string displayName)
    {
        Assembly assembly = typeof(FashionMnistSubset).Assembly;
        string resource = "NetGen.Datasets." + baseName + ".gz";
        displayName = $"embedded resource {resource}";
        using Stream stream = assembly.GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException(
                $"The embedded resource '{resource}' is missing from {assembly.GetName().Name}; it was built without FashionMnistSubset/{baseName}.gz.",
                resource);
        return read(stream, displayName);
    }
}
