using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.TensorBoard;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// The files callbacks append to (CSVLogger with <c>append: true</c>, TensorBoard's event files) are part of the
/// backup: a run interrupted after an epoch's row and events were appended, but before that epoch's backup was written,
/// repeats the epoch when resumed and must still write each row and event once.
/// </summary>
public sealed class AppendedFileResumeTests
{
    private static readonly DataSet Train = CheckpointTestData.Classification(40, seed: 11);
    private static readonly DataSet Validation = CheckpointTestData.Classification(12, seed: 12);

    private sealed class Interrupted : Exception;

    /// <summary>Trains 4 epochs with a backup, a CSV log and TensorBoard; <paramref name="after"/> runs after both appended.</summary>
    private static void Train4Epochs(string folder, Action<int>? after = null)
    {
        var model = new CheckpointDropoutNet(3);
        using var csv = new CSVLogger(Path.Combine(folder, "training.csv"), append: true);
        using var tensorBoard = new NetGen.TensorBoard(Path.Combine(folder, "logs"));
        // The interruption comes after every appending callback's OnEpochEnd and before the backup is written.
        model.Fit(Train, epochs: 4, batchSize: 8, verbose: 0, validationData: Validation, callbacks:
            [new BackupAndRestore(Path.Combine(folder, "backup")), csv, tensorBoard, new LambdaCallback(onEpochEnd: (epoch, _) => after?.Invoke(epoch))]);
    }

    /// <summary>Every scalar of a run folder's event files, without wall times: (file, tag, step, value).</summary>
    private static List<string> Scalars(string run) =>
        LogDirectory.EventFiles(run).SelectMany((file, index) => EventFileReader.ReadEvents(file)
            .SelectMany(e => e.Values.Select(v => $"file {index}: {v.Tag} step {e.Step} = {v.FloatVal.Single():R}"))).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void InterruptedAfterTheAppends_BeforeTheBackup_TheResumedFilesEqualTheUninterruptedRuns(int interruptedEpoch)
    {
        using var uninterrupted = new TemporaryFolder();
        Train4Epochs(uninterrupted.Path);

        using var folder = new TemporaryFolder();
        Assert.Throws<Interrupted>(() => Train4Epochs(folder.Path, epoch => { if (epoch == interruptedEpoch) throw new Interrupted(); }));
        Train4Epochs(folder.Path);

        string expectedCsv = File.ReadAllText(Path.Combine(uninterrupted.Path, "training.csv"));
        Assert.Equal(5, expectedCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // the header and 4 rows
        Assert.Equal(expectedCsv, File.ReadAllText(Path.Combine(folder.Path, "training.csv")));
        foreach (string run in new[] { "train", "validation" })
        {
            List<string> expected = Scalars(Path.Combine(uninterrupted.Path, "logs", run));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Scalars(Path.Combine(folder.Path, "logs", run)));
        }
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "backup")), "the completed run should delete its backup");
    }

    [Theory]
    [InlineData("shortened")]
    [InlineData("deleted")]
    public void ACsvLogShorterThanTheBackupRecorded_StopsTheResumedRun_NamingTheFile(string damage)
    {
        using var folder = new TemporaryFolder();
        Assert.Throws<Interrupted>(() => Train4Epochs(folder.Path, epoch => { if (epoch == 2) throw new Interrupted(); }));
        string csv = Path.Combine(folder.Path, "training.csv");
        if (damage == "deleted") File.Delete(csv);
        else File.WriteAllText(csv, "epoch\r\n");
        string backup = Path.Combine(folder.Path, "backup", BackupAndRestore.FileName);
        byte[] backupBytes = File.ReadAllBytes(backup);

        var error = Assert.Throws<InvalidDataException>(() => Train4Epochs(folder.Path));

        Assert.Contains($"'{csv}'", error.Message);
        Assert.Contains("delete or move the backup folder", error.Message);
        Assert.Equal(backupBytes, File.ReadAllBytes(backup));
    }
}
