using System;
using System.IO;
using System.Threading;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// BackupAndRestore: an epoch-end training checkpoint, restored when Fit starts again, so an interrupted run continues
/// to the same weights as one that was never interrupted.
/// </summary>
public sealed class BackupAndRestoreTests
{
    private static readonly DataSet Train = CheckpointTestData.Classification(45, seed: 31);
    private static readonly DataSet Validation = CheckpointTestData.Classification(12, seed: 32);

    private static History FitFourEpochs(Model model, Callback[] callbacks, CancellationToken token = default) =>
        model.Fit(Train, epochs: 4, batchSize: 8, validationData: Validation, callbacks: callbacks, verbose: 0, cancellationToken: token);

    [Fact]
    public void InterruptedMidEpoch_ThenRestarted_EndsBitIdenticalToTheUninterruptedRun()
    {
        var uninterrupted = new CheckpointDropoutNet(7);
        FitFourEpochs(uninterrupted, []);

        using var folder = new TemporaryFolder();
        string backupFolder = Path.Combine(folder.Path, "backup");

        // The first attempt dies in the middle of epoch index 2 (the third), after two epochs were backed up.
        using var cancellation = new CancellationTokenSource();
        var firstAttempt = new CheckpointDropoutNet(7);
        var dieInEpochTwo = new LambdaCallback(onBatchEnd: (batch, _) =>
        {
            if (firstAttempt.Epoch == 2 && batch == 2) cancellation.Cancel();
        });
        var firstBackup = new BackupAndRestore(backupFolder);
        Assert.Throws<OperationCanceledException>(() => FitFourEpochs(firstAttempt, [firstBackup, dieInEpochTwo], cancellation.Token));
        Assert.Null(firstBackup.RestoredEpoch);
        Assert.True(File.Exists(firstBackup.BackupPath), "an interrupted run keeps its backup");
        Assert.NotEqual(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(firstAttempt.Parameters));

        // A new process: a fresh model (even another seed — everything comes from the backup) and the same Fit call.
        var secondAttempt = new CheckpointDropoutNet(12345);
        var secondBackup = new BackupAndRestore(backupFolder);
        History history = FitFourEpochs(secondAttempt, [secondBackup]);

        Assert.Equal(2, secondBackup.RestoredEpoch);
        Assert.Equal(new[] { 2, 3 }, history.Epochs);
        Assert.Equal(4, secondAttempt.Epoch);
        Assert.Equal(uninterrupted.Iterations, secondAttempt.Iterations);
        Assert.Equal(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(secondAttempt.Parameters));
        Assert.False(Directory.Exists(backupFolder), "a completed run deletes its backup");
    }

    [Fact]
    public void DeleteCheckpointFalse_KeepsTheBackupOfTheLastEpoch()
    {
        using var folder = new TemporaryFolder();
        var backup = new BackupAndRestore(Path.Combine(folder.Path, "missing", "backup"), deleteCheckpoint: false);
        var model = new CheckpointNet(3);
        FitFourEpochs(model, [backup]);

        var restored = new CheckpointNet(99);
        restored.LoadCheckpoint(backup.BackupPath);
        Assert.Equal(4, restored.Epoch);
        Assert.Equal(CheckpointTestData.Bits(model.Parameters), CheckpointTestData.Bits(restored.Parameters));

        // Starting again with the finished backup resumes at epoch 4 of 4: nothing left to train.
        var again = new BackupAndRestore(backup.BackupDirectory, deleteCheckpoint: false);
        History history = FitFourEpochs(restored, [again]);
        Assert.Equal(4, again.RestoredEpoch);
        Assert.Empty(history.Epochs);
    }

    [Fact]
    public void ACorruptBackup_IsAClearError_AndIsLeftInPlace()
    {
        using var folder = new TemporaryFolder();
        var backup = new BackupAndRestore(folder.Path);
        File.WriteAllBytes(backup.BackupPath, [1, 2, 3]);
        var model = new CheckpointNet(3);
        int[] before = CheckpointTestData.Bits(model.Parameters);

        var error = Assert.Throws<InvalidDataException>(() => FitFourEpochs(model, [backup]));
        Assert.Contains(backup.BackupPath, error.Message);
        Assert.Equal(3, new FileInfo(backup.BackupPath).Length);
        Assert.Equal(before, CheckpointTestData.Bits(model.Parameters));
    }

    [Fact]
    public void ABackupOfAnotherNetwork_NamesTheMismatch()
    {
        using var folder = new TemporaryFolder();
        var other = new CheckpointOtherNet(1);
        other.SaveCheckpoint(Path.Combine(folder.Path, BackupAndRestore.FileName));

        var error = Assert.Throws<InvalidDataException>(() => FitFourEpochs(new CheckpointNet(3), [new BackupAndRestore(folder.Path)]));
        Assert.Contains("dense/kernel", error.Message);
    }
}
