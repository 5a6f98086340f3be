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
/// indices (see <see cref="ClassNames"/>). The library embeds a subset (the first 2,000 training and the
/// first 500 test images) so that examples run without a download.
/// </remarks>
public static class FashionMnist
{
    /// <summary>The environment variable naming a directory that holds the four IDX files.</summary>
    public const string EnvironmentVariable = "NETGEN_DATA";

    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string SystemDirectory = "/usr/share/datasets/fashion-mnist";

    private const string Name = "Fashion-MNIST";

    private const string HowToGetFullSet =
        "apt-get install dataset-fashion-mnist, or set " + EnvironmentVariable + " to a folder with the four IDX files";

    private static readonly string[] s_classNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The names of the ten classes, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(s_classNames);

    /// <summary>
    /// Loads the full data set if it can be found, otherwise the bundled subset.
    /// </summary>
    /// <remarks>
    /// Looks in, in order: the directory in the environment variable <c>NETGEN_DATA</c>,
    /// <c>~/.keras/datasets/fashion-mnist</c>, <c>/usr/share/datasets/fashion-mnist</c>. A directory counts
    /// when it holds all four files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each raw or <c>.gz</c>). When none does,
    /// loads <see cref="LoadBundledSubset"/> and writes one line saying so to <paramref name="log"/>.
    /// </remarks>
    /// <param name="log">Where to report the fallback to the subset; <see cref="Console.Error"/> when null.</param>
    /// <exception cref="FileNotFoundException"><c>NETGEN_DATA</c> is set but the directory lacks some of the files.</exception>
    /// <exception cref="DirectoryNotFoundException"><c>NETGEN_DATA</c> is set to a directory that does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or image and label counts differ.</exception>
    public static (DataSet Train, DataSet Test) Load(TextWriter? log = null) =>
        Load(log, CandidateDirectories(Environment.GetEnvironmentVariable(EnvironmentVariable), IdxDataSetLoader.HomeDirectory()));

    /// <summary>Loads the four IDX files (raw or <c>.gz</c>) from <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory holding the files.</param>
    /// <exception cref="FileNotFoundException">Some of the four files are missing; the message lists them.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or image and label counts differ.</exception>
    public static (DataSet Train, DataSet Test) Load(string directory) =>
        IdxDataSetLoader.LoadDirectory(Name, directory, source: null, howToFix: null);

    /// <summary>
    /// Loads the subset embedded in the library: the first 2,000 training images and the first 500 test
    /// images of Fashion-MNIST, with their labels.
    /// </summary>
    public static (DataSet Train, DataSet Test) LoadBundledSubset() => IdxDataSetLoader.LoadEmbedded(Name);

    /// <summary>
    /// The directory the parameterless <see cref="Load(TextWriter?)"/> will read, or null when it will fall back
    /// to the bundled subset.
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

    /// <summary>Loads from the first usable candidate, or the bundled subset (with one line to <paramref name="log"/>).</summary>
    internal static (DataSet Train, DataSet Test) Load(TextWriter? log, IReadOnlyList<DataDirectoryCandidate> candidates)
    {
        if (IdxDataSetLoader.Resolve(candidates) is DataDirectoryCandidate found)
        {
            string? fix = found.IsExplicit
                ? $"Put the files there, or unset {EnvironmentVariable} to use the other locations or the bundled subset."
                : null;
            return IdxDataSetLoader.LoadDirectory(Name, found.Path, found.Source, fix);
        }
        (log ?? Console.Error).WriteLine(
            $"NetGen: {Name} not found; using the bundled 2,000 + 500 image subset (train + test). For the full 60,000 + 10,000 images: {HowToGetFullSet}.");
        return LoadBundledSubset();
    }
}
