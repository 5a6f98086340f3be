using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// MNIST (LeCun, Cortes and Burges): 28×28 grayscale images of handwritten digits, 60,000 for training
/// and 10,000 for testing. Not bundled with the library: the files must be on disk.
/// </summary>
/// <remarks>
/// Features are the pixels scaled to [0, 1] (<c>value / 255f</c>), sample shape [28, 28]; labels are the
/// digits 0–9 as class indices.
/// </remarks>
public static class Mnist
{
    /// <summary>The environment variable naming a directory that holds the four IDX files.</summary>
    public const string EnvironmentVariable = "NETGEN_MNIST_DATA";

    /// <summary>The system-wide directory searched last (the layout Debian uses for data-set packages).</summary>
    public const string SystemDirectory = "/usr/share/datasets/mnist";

    private const string Name = "MNIST";

    private static readonly string[] s_classNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>The names of the ten classes, indexed by label: the digits "0" to "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(s_classNames);

    /// <summary>Loads MNIST from the first directory that holds it.</summary>
    /// <remarks>
    /// Looks in, in order: the directory in the environment variable <c>NETGEN_MNIST_DATA</c>,
    /// <c>~/.keras/datasets/mnist</c>, <c>/usr/share/datasets/mnist</c>. A directory counts when it holds all
    /// four files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
    /// <c>t10k-labels-idx1-ubyte</c>, each raw or <c>.gz</c>). Keras itself caches MNIST as <c>mnist.npz</c>,
    /// which is not read.
    /// </remarks>
    /// <param name="log">Unused: MNIST has no fallback to report. Present for symmetry with <see cref="FashionMnist.Load(TextWriter?)"/>.</param>
    /// <exception cref="FileNotFoundException">No directory holds the files (the message lists where it looked), or <c>NETGEN_MNIST_DATA</c> is set but lacks some.</exception>
    /// <exception cref="DirectoryNotFoundException"><c>NETGEN_MNIST_DATA</c> is set to a directory that does not exist.</exception>
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

    /// <summary>The directory the parameterless <see cref="Load(TextWriter?)"/> will read, or null when MNIST cannot be found.</summary>
    /// <remarks>
    /// When <c>NETGEN_MNIST_DATA</c> is set, returns that directory even if files are missing there (loading
    /// then fails with a message listing them); otherwise the first candidate that holds all four files.
    /// </remarks>
    public static string? FindDataDirectory() =>
        IdxDataSetLoader.Resolve(CandidateDirectories(Environment.GetEnvironmentVariable(EnvironmentVariable), IdxDataSetLoader.HomeDirectory()))?.Path;

    /// <summary>The search order, from the value of <c>NETGEN_MNIST_DATA</c> (null when unset) and the home directory.</summary>
    internal static IReadOnlyList<DataDirectoryCandidate> CandidateDirectories(string? environmentValue, string? homeDirectory) =>
        IdxDataSetLoader.CandidateDirectories(
            EnvironmentVariable, environmentValue, homeDirectory, "mnist",
            SystemDirectory, "the system-wide data-set directory");

    /// <summary>Loads from the first usable candidate; throws a message listing every candidate when none is.</summary>
    internal static (DataSet Train, DataSet Test) Load(IReadOnlyList<DataDirectoryCandidate> candidates)
    {
        if (IdxDataSetLoader.Resolve(candidates) is DataDirectoryCandidate found)
        {
            string? fix = found.IsExplicit ? $"Put the files there, or unset {EnvironmentVariable}." : null;
            return IdxDataSetLoader.LoadDirectory(Name, found.Path, found.Source, fix);
        }
        throw IdxDataSetLoader.NotFound(Name, EnvironmentVariable, candidates,
            $"Set {EnvironmentVariable} to a folder with the four IDX files {IdxDataSetLoader.FormatNames(IdxDataSetLoader.FileNames)} (raw or gzip-compressed).");
    }
}
