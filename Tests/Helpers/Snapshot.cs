using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace NetGen.Tests.Helpers;

/// <summary>
/// Verify-style snapshots: the text is compared with the committed <c>{name}.verified.cs</c> beside the test file.
/// On a mismatch (or a missing file) <c>{name}.received.cs</c> is written next to it and the test fails; review the
/// diff and accept by renaming, or by running the tests with <c>NETGEN_ACCEPT_SNAPSHOTS=1</c>.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string text, [CallerFilePath] string testFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        Directory.CreateDirectory(directory);
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        string actual = Normalize(text);

        if (File.Exists(verified) && Normalize(File.ReadAllText(verified)) == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        throw new XunitException(
            File.Exists(verified)
                ? $"Snapshot '{name}' differs from {verified}. Review {received}; accept with {AcceptVariable}=1."
                : $"Snapshot '{name}' has no verified file. Review {received}; accept with {AcceptVariable}=1.");
    }

    /// <summary>Line endings to '\n' and the generator version to a placeholder, so snapshots survive both.</summary>
    private static string Normalize(string text) =>
        Regex.Replace(text.Replace("\r\n", "\n").TrimStart('\uFEFF'), @"NetGen\.Generator("", ""| )\d+\.\d+\.\d+", "NetGen.Generator$1<VERSION>");
}
