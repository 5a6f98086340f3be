using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.EndToEnd;

/// <summary>Runs the Fashion-MNIST sample (built beside the tests) as a separate process.</summary>
internal static class FashionMnistProcess
{
    /// <summary>The test-only variable that makes the process kill itself (Runtime/Training/FaultInjection.cs).</summary>
    public const string KillAtVariable = "NETGEN_FAULT_KILL_AT";

    /// <summary>The exit code of a process killed with SIGKILL.</summary>
    public const int KilledExitCode = 128 + 9;

    /// <summary>
    /// Runs the sample with <paramref name="arguments"/> and <c>--run-dir <paramref name="runDirectory"/></c> to its end
    /// (or its kill at <paramref name="killAt"/>, a <c>point:n</c>), and returns its exit code, stdout and stderr.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string arguments, string runDirectory, string? killAt = null)
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
        foreach (string argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--run-dir");
        start.ArgumentList.Add(runDirectory);
        if (killAt is null) start.Environment.Remove(KillAtVariable);
        else start.Environment[KillAtVariable] = killAt;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the sample ({killAt ?? "not killed"}) did not finish within 3 minutes:\n{stdout}\n{stderr}");
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
