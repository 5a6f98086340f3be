using System;
using System.IO;
using System.Threading;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// BackupAndRestore keeps the other callbacks' state (issue 15): a run interrupted and resumed saves, stops and reduces
/// the learning rate exactly where the uninterrupted run does, so it writes the same files.
/// </summary>
public sealed class BackupCallbackStateTests
{
    private static readonly DataSet Train = CheckpointTestData.Classification(45, seed: 31);

    /// <summary>
    /// Monitoring the training loss with mode Max makes the first epoch the best one and every later epoch a
    /// non-improvement: a callback that forgot its state would take the first resumed epoch for a new best.
    /// </summary>
    private sealed record Run(CheckpointDropoutNet Model, ModelCheckpoint Checkpoint, EarlyStopping Stopping, ReduceLROnPlateau Plateau, History? History);

    private static Run Start(string folder, Func<Run, Callback[]> extra, CancellationToken token = default)
    {
        var model = new CheckpointDropoutNet(7);
        var checkpoint = new ModelCheckpoint(Path.Combine(folder, "best.weights.safetensors"), monitor: "loss", mode: MonitorMode.Max, saveBestOnly: true, saveWeightsOnly: true);
        var stopping = new EarlyStopping(monitor: "loss", mode: MonitorMode.Max, patience: 3, restoreBestWeights: true);
        var plateau = new ReduceLROnPlateau(monitor: "loss", mode: MonitorMode.Max, patience: 2, factor: 0.5, minDelta: 0);
        var run = new Run(model, checkpoint, stopping, plateau, null);
        History history = model.Fit(Train, epochs: 8, batchSize: 8, verbose: 0,
            callbacks: [.. extra(run), checkpoint, stopping, plateau], cancellationToken: token);
        return run with { History = history };
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AResumedRun_WritesTheFilesAndTakesTheDecisionsOfTheUninterruptedRun(int killedInEpoch)
    {
        using var uninterruptedFolder = new TemporaryFolder();
        Run uninterrupted = Start(uninterruptedFolder.Path, _ => []);
        Assert.Equal(4, uninterrupted.Model.Epoch); // stopped after epoch index 3: patience 3 after the best epoch 0

        using var folder = new TemporaryFolder();
        string backupFolder = Path.Combine(folder.Path, "backup");
        using var cancellation = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Start(folder.Path, run =>
            [new BackupAndRestore(backupFolder), new LambdaCallback(onBatchEnd: (batch, _) => { if (run.Model.Epoch == killedInEpoch && batch == 2) cancellation.Cancel(); })],
            cancellation.Token));

        Run resumed = Start(folder.Path, _ => [new BackupAndRestore(backupFolder)]);

        Assert.Equal(uninterrupted.Model.Epoch, resumed.Model.Epoch);
        Assert.Equal(uninterrupted.Stopping.StoppedEpoch, resumed.Stopping.StoppedEpoch);
        Assert.Equal(uninterrupted.Stopping.BestEpoch, resumed.Stopping.BestEpoch);
        Assert.Equal(uninterrupted.Checkpoint.Best, resumed.Checkpoint.Best);
        Assert.Equal(uninterrupted.Plateau.Best, resumed.Plateau.Best);
        Assert.Equal(uninterrupted.Model.LearningRate, resumed.Model.LearningRate);
        // The restored best weights, then the best-only checkpoint file, byte for byte.
        Assert.Equal(CheckpointTestData.Bits(uninterrupted.Model.Parameters), CheckpointTestData.Bits(resumed.Model.Parameters));
        Assert.Equal(File.ReadAllBytes(Path.Combine(uninterruptedFolder.Path, "best.weights.safetensors")),
            File.ReadAllBytes(Path.Combine(folder.Path, "best.weights.safetensors")));
    }

    [Fact]
    public void ABackupWithoutCallbackState_StillResumes_WithFreshCallbacks()
    {
        // A backup written before callbacks had state (or by a run without them) restores the model alone.
        using var folder = new TemporaryFolder();
        var model = new CheckpointDropoutNet(7);
        model.Fit(Train, epochs: 2, batchSize: 8, verbose: 0);
        Directory.CreateDirectory(Path.Combine(folder.Path, "b"));
        model.SaveCheckpoint(Path.Combine(folder.Path, "b", BackupAndRestore.FileName));

        var resumed = new CheckpointDropoutNet(7);
        var backup = new BackupAndRestore(Path.Combine(folder.Path, "b"));
        var stopping = new EarlyStopping(monitor: "loss", patience: 5);
        resumed.Fit(Train, epochs: 3, batchSize: 8, verbose: 0, callbacks: [backup, stopping]);
        Assert.Equal(2, backup.RestoredEpoch);
        Assert.Equal(3, resumed.Epoch);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(100)]
    public void ACorruptTruncatedOrEmptyBackup_SaysToDeleteOrMoveIt_AndIsLeftAsItWas(int keptBytes)
    {
        using var folder = new TemporaryFolder();
        var model = new CheckpointDropoutNet(7);
        model.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        var backup = new BackupAndRestore(folder.Path);
        model.SaveCheckpoint(backup.BackupPath);
        byte[] bytes = File.ReadAllBytes(backup.BackupPath)[..keptBytes];
        File.WriteAllBytes(backup.BackupPath, bytes);

        var fresh = new CheckpointDropoutNet(7);
        var error = Assert.Throws<InvalidDataException>(() => fresh.Fit(Train, epochs: 2, batchSize: 8, verbose: 0, callbacks: [backup]));

        Assert.StartsWith($"Cannot resume training from the backup '{backup.BackupPath}'", error.Message);
        Assert.Contains("delete or move the backup folder", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(backup.BackupPath));
        Assert.Equal(0, fresh.Iterations);
    }
}
