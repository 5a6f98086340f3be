using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace NetGen.Tests.Parity;

/// <summary>
/// The folder of Keras reference fixtures (<c>Tests/Reference</c>, or <c>$NETGEN_REFERENCE_DIR</c>) and a cache of the
/// fixtures loaded from it. Test discovery (which decides what is skipped) and test execution share the cache.
/// </summary>
internal static class ReferenceFixtures
{
    /// <summary>Overrides the fixture folder.</summary>
    public const string EnvironmentVariable = "NETGEN_REFERENCE_DIR";

    private static readonly ConcurrentDictionary<string, Lazy<ReferenceFixture>> s_cache = new(StringComparer.Ordinal);

    /// <summary>The folder the fixtures are read from.</summary>
    public static string Directory
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(overridden) ? DefaultDirectory : Path.GetFullPath(overridden);
        }
    }

    /// <summary>Whether <see cref="Directory"/> is the repository's own <c>Tests/Reference</c>.</summary>
    public static bool IsDefaultDirectory =>
        string.Equals(Path.GetFullPath(Directory).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(DefaultDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>The repository's <c>Tests/Reference</c>: found from the test assembly's folder (walking up to <c>NetGen.sln</c>), else from this source file.</summary>
    public static string DefaultDirectory
    {
        get
        {
            string? root = FindRepositoryRoot(Path.GetDirectoryName(typeof(ReferenceFixtures).Assembly.Location))
                ?? FindRepositoryRoot(Path.GetDirectoryName(ThisFile()));
            if (root is null)
                throw new DirectoryNotFoundException(
                    $"Cannot find the repository root (the folder holding NetGen.sln) above '{typeof(ReferenceFixtures).Assembly.Location}' or '{ThisFile()}'; set {EnvironmentVariable}.");
            return Path.Combine(root, "Tests", "Reference");
        }
    }

    /// <summary>The fixture file names (<c>case.json</c>) in <see cref="Directory"/>, sorted; empty if the folder does not exist.</summary>
    public static IReadOnlyList<string> FileNames()
    {
        string directory = Directory;
        if (!System.IO.Directory.Exists(directory)) return Array.Empty<string>();
        return System.IO.Directory.EnumerateFiles(directory, "*.json")
            .Select(path => Path.GetFileName(path)!)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Loads (once) the fixture <paramref name="fileName"/> of <see cref="Directory"/>.</summary>
    /// <exception cref="FixtureFormatException">The file is not a well-formed fixture.</exception>
    public static ReferenceFixture Load(string fileName)
    {
        string path = Path.GetFullPath(Path.Combine(Directory, fileName));
        return s_cache.GetOrAdd(path, p => new Lazy<ReferenceFixture>(() => FixtureLoader.Load(p))).Value;
    }

    /// <summary>
    /// Why the fixture is skipped (the features it needs), or null when it runs. A fixture that does not load runs
    /// (and fails with the reason), so that a broken fixture is never silently skipped.
    /// </summary>
    public static string? SkipReason(string fileName)
    {
        try
        {
            return Load(fileName).SkipReason;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string? FindRepositoryRoot(string? start)
    {
        for (string? directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "NetGen.sln"))) return directory;
        }
        return null;
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
