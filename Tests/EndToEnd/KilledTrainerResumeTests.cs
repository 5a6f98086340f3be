using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// The resume guarantee with a real process: the Fashion-MNIST sample is killed (SIGKILL, no chance to clean up) once
/// its first epoch backup exists, started again with the same arguments, and must end with the same final weights file,
/// byte for byte, as a run that was never interrupted.
/// </summary>
public sealed class KilledTrainerResumeTests
{
    // Small batches make an epoch long enough (hundreds of steps) that the kill lands inside the next epoch.
    private const string Arguments = "--subset --epochs 4 --batch-size 4 --patience 100 --threads 2 --seed 5";

    [Fact]
    public void KilledMidTraining_ThenRestarted_WritesTheSameFinalWeightsAsAnUninterruptedRun()
    {
        string root = Path.Combine(Path.GetTempPath(), "netgen-kill-" + Guid.NewGuid().ToString("N"));
        try
        {
            string uninterrupted = Path.Combine(root, "uninterrupted");
            RunToCompletion(uninterrupted);

            string interrupted = Path.Combine(root, "interrupted");
            string backup = Path.Combine(interrupted, "backup", BackupAndRestore.FileName);
            using (Process first = StartSample(interrupted, out _))
            {
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (!File.Exists(backup) && !first.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(1);
                Assert.True(File.Exists(backup), "the first attempt never wrote its epoch backup");
                first.Kill(entireProcessTree: true);
                first.WaitForExit();
            }
            Assert.False(File.Exists(Path.Combine(interrupted, "model.weights.safetensors")), "the first attempt finished before it was killed");

            string output = RunToCompletion(interrupted);
            Assert.Contains("Resumed from the backup after epoch", output);
            Assert.False(Directory.Exists(Path.Combine(interrupted, "backup")), "the completed run should delete its backup");
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(uninterrupted, "model.weights.safetensors")),
                File.ReadAllBytes(Path.Combine(interrupted, "model.weights.safetensors")));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static string RunToCompletion(string runDirectory)
    {
        using Process process = StartSample(runDirectory, out StringBuilder output);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the sample did not finish within 3 minutes");
        process.WaitForExit(); // flushes the asynchronous output readers
        Assert.True(process.ExitCode == 0, $"the sample exited with {process.ExitCode}:\n{output}");
        return output.ToString();
    }

    private static Process StartSample(string runDirectory, out StringBuilder output)
    {
        // The sample is built beside the tests (a ProjectReference without the assembly) in the same configuration.
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
        foreach (string argument in Arguments.Split(' ')) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--run-dir");
        start.ArgumentList.Add(runDirectory);

        var text = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = text;
        return process;
    }
}
