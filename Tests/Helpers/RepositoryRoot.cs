using System;
using System.IO;

namespace NetGen.Tests.Helpers;

/// <summary>The repository's root folder: the nearest ancestor of the test assembly that holds NetGen.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "NetGen.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    });

    public static string Path => s_path.Value;
}
