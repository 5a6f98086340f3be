using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace NetGen.Bench;

/// <summary>Runs a PyTorch peer script with Debian's Python and reads its <c>RESULT {json}</c> line.</summary>
internal sealed class PeerRunner
{
    private const string Python = "/usr/bin/python3";
    private readonly string _directory;

    public PeerRunner(string directory) => _directory = directory;

    public static string? FindDirectory()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("NETGEN_PEERS_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "peers");
            if (File.Exists(Path.Combine(candidate, "common.py"))) return candidate;
        }
        return null;
    }

    public PeerResult Run(Workload workload, int threads)
    {
        var start = new ProcessStartInfo(Python)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A script of NetGen's own (Bench/peers, copied next to the binary) imports the shared common.py from the peers folder.
        string ownScript = Path.Combine(AppContext.BaseDirectory, "peers", workload.Script);
        string script = File.Exists(Path.Combine(_directory, workload.Script)) || !File.Exists(ownScript) ? workload.Script : ownScript;
        start.Environment["PYTHONPATH"] = _directory;
        foreach (string argument in new[] { script, "--batch", Str(workload.BatchSize), "--epochs", Str(workload.Epochs), "--threads", Str(threads) })
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        foreach (string line in stdout.Split('\n'))
        {
            if (!line.StartsWith("RESULT ", StringComparison.Ordinal)) continue;
            using JsonDocument json = JsonDocument.Parse(line.AsSpan(7).ToString());
            JsonElement root = json.RootElement;
            return new PeerResult(root.GetProperty("median_epoch_s").GetDouble(), root.GetProperty("test_acc").GetDouble(),
                root.TryGetProperty("blas", out JsonElement blas) ? blas.GetString() ?? "" : "");
        }
        throw new InvalidOperationException(
            $"{workload.Script} printed no RESULT line (exit code {process.ExitCode}). Is python3-torch installed (apt-get install python3-torch libopenblas0-openmp)?\n{stderr}");
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a peer run reported.</summary>
internal sealed record PeerResult(double MedianEpochSeconds, double TestAccuracy, string Blas);
