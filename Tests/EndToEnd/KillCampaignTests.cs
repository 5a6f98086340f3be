using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NetGen.Tests.TensorBoard;
using Xunit.Abstractions;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// Issue 15's fault injection: the Fashion-MNIST sample (BackupAndRestore, ModelCheckpoint, CSVLogger, TensorBoard,
/// TrainingReportWriter) is killed with SIGKILL at many points of a run — in the middle of every file write (half the
/// temporary file written, not renamed), right after some renames, at every epoch end before the backup is written, and
/// inside epochs — then started again with the same arguments until it completes. Every file of its run folder must be
/// what an uninterrupted run writes. The process kills itself at the chosen point through the test-only
/// <c>NETGEN_FAULT_KILL_AT=&lt;point&gt;:&lt;n&gt;</c> (Runtime/Training/FaultInjection.cs), so each point is reproducible.
/// </summary>
/// <remarks>
/// What may differ, and why (docs/reliability.md): TensorBoard's wall times and event-file names (clock, host and process
/// id); <c>report.html</c>, drawn from the History of the last process only (Keras's History of a resumed fit also holds
/// only the epochs it ran); and a run killed before its first backup, or after training completed but before its final
/// files were written, has no backup to resume and trains again from the start, so its first attempt's event file stays
/// beside the new one (as in Keras) — it must then hold a prefix of the uninterrupted run's events.
/// </remarks>
public sealed class KillCampaignTests(ITestOutputHelper output)
{
    private const string Arguments = "--subset --epochs 3 --batch-size 50 --patience 100 --threads 1 --seed 9";

    /// <summary>Files compared byte for byte.</summary>
    private static readonly string[] IdenticalFiles = ["model.weights.safetensors", "best.weights.safetensors", "model.onnx", "training.csv"];

    [Fact]
    public void KilledAtTwentyOrMorePoints_EachResumedRunWritesTheFilesOfTheUninterruptedRun()
    {
        var clock = Stopwatch.StartNew();
        string root = Path.Combine(Path.GetTempPath(), "netgen-kill-campaign-" + Guid.NewGuid().ToString("N"));
        try
        {
            string reference = Path.Combine(root, "uninterrupted");
            Assert.Equal(0, Run(reference, killAt: null, out string referenceOutput));
            Assert.DoesNotContain("Resumed", referenceOutput);

            // 40 batches per epoch: inside the first, second and last epoch; every epoch end; a few renames (the backup,
            // a checkpoint); then the middle of every file write, counting until an attempt is no longer killed.
            var points = new List<string> { "batch:1", "batch:55", "batch:100", "epoch-end:1", "epoch-end:2", "epoch-end:3", "written:4", "written:8", "written:12" };
            var killed = new List<string>();
            var failures = new List<string>();
            RunPairs(root, reference, points, killed, failures);
            for (int n = 1; ; n += 2)
            {
                string[] writes = [$"write:{n}", $"write:{n + 1}"];
                int before = killed.Count;
                RunPairs(root, reference, writes, killed, failures);
                if (killed.Count - before < writes.Length) break;
            }

            output.WriteLine($"{killed.Count} kill points in {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", killed)}");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.True(killed.Count >= 20, $"only {killed.Count} attempts were killed: {string.Join(", ", killed)}");
            Assert.Contains("epoch-end:3", killed);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Runs the attempts two at a time (2 cores, one thread each): killed at the point, then restarted and compared.</summary>
    private static void RunPairs(string root, string reference, IReadOnlyList<string> points, List<string> killed, List<string> failures)
    {
        var results = new (bool Killed, string? Failure)[points.Count];
        Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            string folder = Path.Combine(root, points[i].Replace(':', '-'));
            int exitCode = Run(folder, points[i], out string first);
            if (exitCode == 0)
            {
                results[i] = (false, Compare(reference, folder, points[i]));
                return;
            }
            if (exitCode != FashionMnistProcess.KilledExitCode)
            {
                results[i] = (false, $"{points[i]}: the attempt exited with {exitCode}, not killed:\n{first}");
                return;
            }
            int restarted = Run(folder, killAt: null, out string second);
            results[i] = restarted == 0
                ? (true, Compare(reference, folder, points[i]))
                : (true, $"{points[i]}: the restarted run exited with {restarted}:\n{second}");
        });
        for (int i = 0; i < points.Count; i++)
        {
            if (results[i].Killed) killed.Add(points[i]);
            if (results[i].Failure is { } failure) failures.Add(failure);
        }
    }

    /// <summary>What differs between the run folders, or null when they hold what they must.</summary>
    private static string? Compare(string reference, string folder, string point)
    {
        var problems = new List<string>();
        string[] expectedFiles = RelativeFiles(reference);
        string[] files = RelativeFiles(folder);
        if (!expectedFiles.SequenceEqual(files))
            problems.Add($"files: expected [{string.Join(", ", expectedFiles)}], found [{string.Join(", ", files)}]");
        foreach (string name in IdenticalFiles)
        {
            string file = Path.Combine(folder, name);
            if (!File.Exists(file)) problems.Add($"{name} is missing");
            else if (!File.ReadAllBytes(Path.Combine(reference, name)).AsSpan().SequenceEqual(File.ReadAllBytes(file)))
                problems.Add($"{name} differs from the uninterrupted run's");
        }
        foreach (string run in new[] { "train", "validation" })
        {
            List<string> expected = Scalars(Assert.Single(LogDirectory.EventFiles(Path.Combine(reference, "logs", run))));
            List<string>[] found = LogDirectory.EventFiles(Path.Combine(folder, "logs", run)).Select(Scalars).ToArray();
            // A run trained again from the start after a kill after training completed leaves a whole first copy.
            if (!found.Any(events => events.SequenceEqual(expected)))
                problems.Add($"logs/{run}: no event file holds the uninterrupted run's {expected.Count} scalars (the files hold {string.Join(", ", found.Select(f => f.Count))})");
            if (found.Any(events => !events.SequenceEqual(expected.Take(events.Count))))
                problems.Add($"logs/{run}: an event file holds scalars that are not a prefix of the uninterrupted run's");
        }
        return problems.Count == 0 ? null : $"{point}: {string.Join("; ", problems)}";
    }

    /// <summary>The run folder's files, relative, without the event files (their names hold the clock and process id).</summary>
    private static string[] RelativeFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file))
            .Where(file => !Path.GetFileName(file).StartsWith("events.out.tfevents.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>An event file's scalars without wall times: tag, step, value.</summary>
    private static List<string> Scalars(string file) =>
        EventFileReader.ReadEvents(file).SelectMany(e => e.Values.Select(v => $"{v.Tag}@{e.Step}={v.FloatVal.Single():R}")).ToList();

    /// <summary>Runs the sample to its end (or its kill) and returns the exit code.</summary>
    private static int Run(string runDirectory, string? killAt, out string text)
    {
        var (exitCode, stdout, stderr) = FashionMnistProcess.Run(Arguments, runDirectory, killAt);
        text = stdout + stderr;
        return exitCode;
    }
}
