using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// Fashion-MNIST (Zalando Research, MIT licence): 28×28 grayscale images of clothing in ten classes,
/// 60,000 for training and 10,000 for testing.
/// </summary>
/// <remarks>
/// Features are the pixels scaled to [0, 1] (<c>value / 255f</c>), sample shape [28, 28]; labels are class
/// indices (see <see cref="ClassNames"/>). The library carries no data: the files must be on disk (Debian's
/// <c>dataset-fashion-mnist</c>, the Keras cache, or a folder named by <c>NETGEN_DATA</c>). This repository's samples
/// and tests also have a 2,000 + 500 image subset, in the <c>NetGen.Datasets</c> project (<c>FashionMnistSubset</c>).
/// </remarks>
public static class FashionMnist
{
    /// <summary>The environment variable naming a directory that holds the four IDX files.</summary>
    public const string EnvironmentVariable = "NETGEN_DATA";

    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string SystemDirectory = "/usr/share/datasets/fashion-mnist";

    private const string Name = "Fashion-MNIST";

    internal const string HowToGetFullSet =
        "apt-get install dataset-fashion-mnist, or set " + EnvironmentVariable + " to a folder with the four IDX files";

    /// <summary>The sentence that ends the not-found error: how to get the files.</summary>
    internal const string HowToGetFullSetSentence = "To get it: " + HowToGetFullSet + " (raw or gzip-compressed).";

    private static readonly string[] s_classNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The names of the ten classes, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(s_classNames);

    /// <summary>Loads the data set from the first directory that holds it.</summary>
    /// <remarks>
    /// Looks in, in order: the directory in the environment variable <c>NETGEN_DATA</c>,
    /// <c>~/.keras/datasets/fashion-mnist</c>, <c>/usr/share/datasets/fashion-mnist</c>. A directory counts
    /// when it holds all four files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each raw or <c>.gz</c>).
    /// </remarks>
    /// <param name="log">Unused since the library stopped embedding a subset to fall back to; kept so that existing calls compile.</param>
    /// <exception cref="FileNotFoundException">
    /// No directory holds the files (the message lists where it looked and how to get them), or <c>NETGEN_DATA</c> is
    /// set but the directory lacks some of them.
    /// </exception>
    /// <exception cref="DirectoryNotFoundException"><c>NETGEN_DATA</c> is set to a directory that does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or image and label counts differ.</exception>
    public static (DataSet Train, DataSet Test) Load(TextWriter? log = null) =>
        Load(CandidateDirectories(Environment.GetEnvironmentVariable(EnvironmentVariable), IdxDataSetLoader.HomeDirectory()));

    /// <summary>Loads the four IDX files (raw or <c>.gz</c>) from <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory holding the files.</param>
    /// <exception cref="FileNotFoundException">Some of the four files are missing; the message lists them.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or image and label counts differ.</exception>
    public static (DataSet Train, DataSet Test) Load(string directory) =>
        IdxDataSetLoader.LoadDirectory(Name, directory, source: null, howToFix: null);

    /// <summary>
    /// The directory the parameterless <see cref="Load(TextWriter?)"/> will read, or null when the data set cannot be found.
    /// </summary>
    /// <remarks>
    /// When <c>NETGEN_DATA</c> is set, returns that directory even if files are missing there (loading then
    /// fails with a message listing them); otherwise the first candidate that holds all four files.
    /// </remarks>
    public static string? FindDataDirectory() =>
        IdxDataSetLoader.Resolve(CandidateDirectories(Environment.GetEnvironmentVariable(EnvironmentVariable), IdxDataSetLoader.HomeDirectory()))?.Path;

    /// <summary>The search order, from the value of <c>NETGEN_DATA</c> (null when unset) and the home directory.</summary>
    internal static IReadOnlyList<DataDirectoryCandidate> CandidateDirectories(string? environmentValue, string? homeDirectory) =>
        IdxDataSetLoader.CandidateDirectories(
            EnvironmentVariable, environmentValue, homeDirectory, "fashion-mnist",
            SystemDirectory, "the Debian package dataset-fashion-mnist");

    /// <summary>Loads from the first usable candidate; throws a message listing every candidate when none is.</summary>
    internal static (DataSet Train, DataSet Test) Load(IReadOnlyList<DataDirectoryCandidate> candidates)
    {
        if (IdxDataSetLoader.Resolve(candidates) is DataDirectoryCandidate found)
        {
            string? fix = found.IsExplicit
                ? $"Put the files there, or unset {EnvironmentVariable} to use the other locations."
                : null;
            return IdxDataSetLoader.LoadDirectory(Name, found.Path, found.Source, fix);
        }
        throw IdxDataSetLoader.NotFound(Name, EnvironmentVariable, candidates, HowToGetFullSetSentence);
    }
}
