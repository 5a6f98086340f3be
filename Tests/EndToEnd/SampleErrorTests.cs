using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// An error that reaches a sample's top level (issue 15): the message and a hint, exit code 1, and no stack trace
/// unless --verbose. The case is the one users met: a corrupt backup in the run folder at restart.
/// </summary>
public sealed class SampleErrorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACorruptBackup_PrintsTheMessageAndAHint_AndExitsOne_WithAStackTraceOnlyWhenVerbose(bool verbose)
    {
        string runDirectory = Path.Combine(Path.GetTempPath(), "netgen-sample-error-" + Guid.NewGuid().ToString("N"));
        try
        {
            string backup = Path.Combine(runDirectory, "backup", BackupAndRestore.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
            File.WriteAllBytes(backup, [1, 2, 3]);

            var (exitCode, stdout, stderr) = RunFashionMnist(runDirectory, verbose);

            Assert.True(exitCode == 1, $"exit code {exitCode}\n{stdout}\n{stderr}");
            // A Debug build of the sample first notes that (NG0140's line from Fit); the error is the next line.
            string error = string.Join('\n', stderr.Split('\n').SkipWhile(line => !line.StartsWith("error: ", StringComparison.Ordinal)));
            Assert.StartsWith($"error: Cannot resume training from the backup '{backup}'", error);
            Assert.Contains("delete or move the backup folder", stderr);
            Assert.Contains("hint: a file the sample reads is damaged", stderr);
            Assert.Equal(verbose, stderr.Contains("   at ", StringComparison.Ordinal));
            Assert.DoesNotContain("Unhandled exception", stderr);
            Assert.Equal([1, 2, 3], File.ReadAllBytes(backup));
        }
        finally
        {
            if (Directory.Exists(runDirectory)) Directory.Delete(runDirectory, recursive: true);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) RunFashionMnist(string runDirectory, bool verbose)
    {
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        string sample = Path.Combine(RepositoryRoot.Path, "Samples", "FashionMnist", "bin", configuration, "net10.0", "FashionMnist.dll");
        Assert.True(File.Exists(sample), $"the sample is not built at {sample}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(sample);
        foreach (string argument in new[] { "--subset", "--epochs", "1", "--threads", "1", "--run-dir", runDirectory }) start.ArgumentList.Add(argument);
        if (verbose) start.ArgumentList.Add("--verbose");
        using Process process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the sample did not finish within 2 minutes");
        return (process.ExitCode, stdout.Result, stderr);
    }
}
