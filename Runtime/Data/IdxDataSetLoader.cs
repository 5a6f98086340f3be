using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen;

/// <summary>A directory that may hold an IDX data set, and where the suggestion came from.</summary>
/// <param name="Path">The directory.</param>
/// <param name="Source">Where it came from, for messages, e.g. "the environment variable NETGEN_DATA".</param>
/// <param name="IsExplicit">
/// True when the user named the directory (an environment variable): it is used even when files are
/// missing, so that loading fails with a message instead of silently falling back.
/// </param>
internal readonly record struct DataDirectoryCandidate(string Path, string Source, bool IsExplicit);

/// <summary>
/// Loading shared by <see cref="FashionMnist"/> and <see cref="Mnist"/>: the four IDX files of a
/// 28×28, ten-class image data set, the directory search, and the conversion to <see cref="DataSet"/>.
/// </summary>
internal static class IdxDataSetLoader
{
    internal const string TrainImages = "train-images-idx3-ubyte";
    internal const string TrainLabels = "train-labels-idx1-ubyte";
    internal const string TestImages = "t10k-images-idx3-ubyte";
    internal const string TestLabels = "t10k-labels-idx1-ubyte";
    internal const int ImageSide = 28;
    internal const int ClassCount = 10;

    /// <summary>The four files, without the optional <c>.gz</c> extension.</summary>
    internal static readonly IReadOnlyList<string> FileNames = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>
    /// The directories to look in, in order: the environment variable (explicit), the Keras cache under the
    /// home directory, the system-wide directory.
    /// </summary>
    /// <param name="environmentVariable">The variable's name, for messages.</param>
    /// <param name="environmentValue">Its value, or null when unset; empty or blank counts as unset.</param>
    /// <param name="homeDirectory">The user's home directory, or null/empty when unknown.</param>
    /// <param name="kerasName">The folder under <c>~/.keras/datasets</c>.</param>
    /// <param name="systemDirectory">The system-wide directory.</param>
    /// <param name="systemSource">Where the system-wide directory comes from, for messages.</param>
    internal static IReadOnlyList<DataDirectoryCandidate> CandidateDirectories(
        string environmentVariable, string? environmentValue, string? homeDirectory,
        string kerasName, string systemDirectory, string systemSource)
    {
        var result = new List<DataDirectoryCandidate>(3);
        if (!string.IsNullOrWhiteSpace(environmentValue))
            result.Add(new(Path.GetFullPath(environmentValue.Trim()), $"the environment variable {environmentVariable}", IsExplicit: true));
        if (!string.IsNullOrWhiteSpace(homeDirectory))
            result.Add(new(Path.Combine(homeDirectory, ".keras", "datasets", kerasName), "the Keras cache", IsExplicit: false));
        result.Add(new(systemDirectory, systemSource, IsExplicit: false));
        return result;
    }

    /// <summary>The user's home directory, or null when unknown.</summary>
    internal static string? HomeDirectory()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : home;
    }

    /// <summary>
    /// The candidate to load from: the first explicit one (complete or not), otherwise the first one that
    /// holds all four files; null when there is none.
    /// </summary>
    internal static DataDirectoryCandidate? Resolve(IReadOnlyList<DataDirectoryCandidate> candidates)
    {
        foreach (DataDirectoryCandidate candidate in candidates)
        {
            if (candidate.IsExplicit || MissingFiles(candidate.Path).Count == 0)
                return candidate;
        }
        return null;
    }

    /// <summary>The file for <paramref name="baseName"/> in <paramref name="directory"/>: the <c>.gz</c> one if present, else the raw one, else null.</summary>
    internal static string? FindFile(string directory, string baseName)
    {
        string gz = Path.Combine(directory, baseName + ".gz");
        if (File.Exists(gz)) return gz;
        string raw = Path.Combine(directory, baseName);
        return File.Exists(raw) ? raw : null;
    }

    /// <summary>The base names of the four files that <paramref name="directory"/> lacks (all four when it does not exist).</summary>
    internal static IReadOnlyList<string> MissingFiles(string directory)
    {
        var missing = new List<string>();
        bool exists = Directory.Exists(directory);
        foreach (string name in FileNames)
        {
            if (!exists || FindFile(directory, name) is null)
                missing.Add(name);
        }
        return missing;
    }

    /// <summary>Loads the four files from <paramref name="directory"/>.</summary>
    /// <param name="dataSetName">"Fashion-MNIST" or "MNIST", for messages.</param>
    /// <param name="directory">The directory holding the files.</param>
    /// <param name="source">Where the directory came from (e.g. an environment variable), or null when the caller passed it.</param>
    /// <param name="howToFix">A sentence appended to the missing-files message, or null.</param>
    internal static (DataSet Train, DataSet Test) LoadDirectory(string dataSetName, string directory, string? source, string? howToFix)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string from = source is null ? "" : $" (from {source})";
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(
                $"Cannot load {dataSetName}: the directory '{directory}'{from} does not exist. {ExpectedFilesSentence()}{Suffix(howToFix)}");
        IReadOnlyList<string> missing = MissingFiles(directory);
        if (missing.Count > 0)
        {
            string first = Path.Combine(directory, missing[0]);
            string problem = missing.Count == FileNames.Count
                ? $"holds none of the four IDX files {FormatNames(FileNames)} (each raw or gzip-compressed)."
                : $"is missing {FormatNames(missing)}. {ExpectedFilesSentence()}";
            throw new FileNotFoundException(
                $"Cannot load {dataSetName}: the directory '{directory}'{from} {problem}{Suffix(howToFix)}",
                first);
        }
        DataSet train = LoadPair(dataSetName, FindFile(directory, TrainImages)!, FindFile(directory, TrainLabels)!);
        DataSet test = LoadPair(dataSetName, FindFile(directory, TestImages)!, FindFile(directory, TestLabels)!);
        return (train, test);
    }

    /// <summary>Reads one image file and one label file and combines them.</summary>
    internal static DataSet LoadPair(string dataSetName, string imagesPath, string labelsPath) =>
        BuildDataSet(dataSetName, IdxReader.ReadImages(imagesPath), imagesPath, IdxReader.ReadLabels(labelsPath), labelsPath);

    /// <summary>
    /// Checks that images and labels agree (count, 28×28, classes 0–9) and converts them: pixels scaled to
    /// [0, 1] as <c>value / 255f</c>, sample shape [28, 28], labels as class indices.
    /// </summary>
    internal static DataSet BuildDataSet(string dataSetName, IdxImages images, string imagesName, byte[] labels, string labelsName)
    {
        if (images.Count != labels.Length)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Cannot load {dataSetName}: the image file '{imagesName}' holds {images.Count} images but the label file '{labelsName}' holds {labels.Length} labels; the counts must match."));
        if (images.Rows != ImageSide || images.Cols != ImageSide)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Cannot load {dataSetName}: expected {ImageSide}×{ImageSide} images in '{imagesName}', found {images.Rows}×{images.Cols}."));
        var classes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= ClassCount)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"Cannot load {dataSetName}: label {labels[i]} at index {i} of '{labelsName}' is outside the classes 0–{ClassCount - 1}."));
            classes[i] = labels[i];
        }
        byte[] pixels = images.Pixels;
        var features = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
            features[i] = pixels[i] / 255f;
        return DataSet.FromClassLabels(features, [images.Rows, images.Cols], classes);
    }

    /// <summary>
    /// The error when no candidate directory holds the data set: every place looked in and why it did not count,
    /// then how to provide the files.
    /// </summary>
    /// <param name="dataSetName">"Fashion-MNIST" or "MNIST", for messages.</param>
    /// <param name="environmentVariable">The variable that names a directory explicitly.</param>
    /// <param name="candidates">The directories looked in, in order.</param>
    /// <param name="howToFix">What to install or set, as a sentence.</param>
    internal static FileNotFoundException NotFound(
        string dataSetName, string environmentVariable, IReadOnlyList<DataDirectoryCandidate> candidates, string howToFix)
    {
        var message = new StringBuilder($"Cannot find {dataSetName} ({environmentVariable} is not set). Looked in");
        for (int i = 0; i < candidates.Count; i++)
        {
            DataDirectoryCandidate candidate = candidates[i];
            message.Append(i == 0 ? " " : "; ").Append('\'').Append(candidate.Path).Append("' (").Append(candidate.Source).Append(Directory.Exists(candidate.Path)
                ? "; missing " + FormatNames(MissingFiles(candidate.Path))
                : "; does not exist").Append(')');
        }
        message.Append(". ").Append(howToFix);
        return new FileNotFoundException(message.ToString());
    }

    private static string ExpectedFilesSentence() =>
        $"Expected the four IDX files {FormatNames(FileNames)}, each raw or gzip-compressed (.gz).";

    /// <summary>"a, b and c", each name followed by "(.gz)".</summary>
    internal static string FormatNames(IReadOnlyList<string> names)
    {
        var text = new StringBuilder();
        for (int i = 0; i < names.Count; i++)
        {
            if (i > 0) text.Append(i == names.Count - 1 ? " and " : ", ");
            text.Append(names[i]).Append("(.gz)");
        }
        return text.ToString();
    }

    private static string Suffix(string? sentence) => sentence is null ? "" : " " + sentence;
}
