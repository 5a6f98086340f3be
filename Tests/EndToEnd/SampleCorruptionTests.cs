using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.Checkpoints;
using NetGen.Tests.TensorBoard;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// The corruption sweep at the command line, for a representative few of <see cref="CorruptionSweepTests"/>'s damages:
/// the Fashion-MNIST sample restarted on a run folder whose backup, CSV log or event file is damaged prints
/// <c>error:</c> naming the file, no stack trace, exits 1, and changes no file of the run folder.
/// </summary>
public sealed class SampleCorruptionTests
{
    private const string Arguments = "--subset --epochs 3 --batch-size 50 --patience 100 --threads 1 --seed 9";

    [Fact]
    public void ADamagedFileAtRestart_IsAnErrorWithoutAStackTrace_AndTheRunFolderIsUnchanged()
    {
        string root = Path.Combine(Path.GetTempPath(), "netgen-sample-corruption-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Killed after its second epoch's row and events were written, before that epoch's backup.
            var (killed, _, _) = FashionMnistProcess.Run(Arguments, root, killAt: "epoch-end:2");
            Assert.Equal(FashionMnistProcess.KilledExitCode, killed);
            string backup = Path.Combine(root, "backup", BackupAndRestore.FileName);
            string eventFile = Assert.Single(LogDirectory.EventFiles(Path.Combine(root, "logs", "train")));
            var damages = new List<(string File, string Corruption)>
            {
                (backup, "truncated at 8/16"),
                (backup, "a bit flip in the header length's highest byte"),
                (backup, "a bit flip in the format value"),
                (Path.Combine(root, "training.csv"), "truncated at 1/16"),
                (eventFile, "truncated at 4/16"),
            };

            foreach (var (file, corruption) in damages)
            {
                byte[] good = File.ReadAllBytes(file);
                byte[] bad = CorruptionSweepTests.Corruptions(good, safeTensors: file == backup).Single(c => c.Name == corruption).Bytes;
                File.WriteAllBytes(file, bad);
                var before = Snapshot(root);

                var (exitCode, stdout, stderr) = FashionMnistProcess.Run(Arguments, root);

                string context = $"{Path.GetFileName(file)} {corruption}: exit code {exitCode}\n{stdout}\n{stderr}";
                Assert.True(exitCode == 1, context);
                string error = string.Join('\n', stderr.Split('\n').SkipWhile(line => !line.StartsWith("error: ", StringComparison.Ordinal)));
                Assert.True(error.StartsWith($"error: Cannot resume training from the backup '{backup}'", StringComparison.Ordinal), context);
                Assert.True(error.Contains($"'{file}'", StringComparison.Ordinal), context);
                Assert.True(!stderr.Contains("   at ", StringComparison.Ordinal) && !stderr.Contains("Unhandled", StringComparison.Ordinal), context);
                var after = Snapshot(root);
                Assert.Equal(before.Keys, after.Keys);
                foreach (string name in before.Keys) Assert.True(before[name].AsSpan().SequenceEqual(after[name]), $"{name} changed; {context}");
                File.WriteAllBytes(file, good);
            }

            var (completed, output, errors) = FashionMnistProcess.Run(Arguments, root);
            Assert.True(completed == 0, $"the repaired run exited with {completed}\n{output}\n{errors}");
            Assert.Contains("Resumed from the backup after epoch 1.", output);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static SortedDictionary<string, byte[]> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(file => file, File.ReadAllBytes), StringComparer.Ordinal);
}
