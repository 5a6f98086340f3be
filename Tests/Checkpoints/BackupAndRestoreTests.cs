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

    [Fact]
    public void AugmentedTraining_ResumesBitIdentically_BecauseTheBackupCarriesTheAugmentationStream()
    {
        var random = new SeededRandom(4);
        var features = new float[30 * 16];
        var labels = new float[30];
        for (int i = 0; i < features.Length; i++) features[i] = random.NextSingle();
        for (int i = 0; i < labels.Length; i++) labels[i] = i % 3;
        var images = new DataSet(features, [4, 4], labels);
        ImageAugmentation Augmentation() => new(rotationRange: 20, widthShiftRange: 0.25, zoomRange: 0.2, horizontalFlip: true, seed: 9);
        History Fit(Model model, Callback[] callbacks, CancellationToken token = default) =>
            model.Fit(images, epochs: 3, batchSize: 4, callbacks: callbacks, verbose: 0, augmentation: Augmentation(), cancellationToken: token);

        var uninterrupted = new CheckpointImageNet(2);
        Fit(uninterrupted, []);

        using var folder = new TemporaryFolder();
        using var cancellation = new CancellationTokenSource();
        var first = new CheckpointImageNet(2);
        var dieInEpochOne = new LambdaCallback(onBatchEnd: (batch, _) => { if (first.Epoch == 1 && batch == 3) cancellation.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => Fit(first, [new BackupAndRestore(folder.Path), dieInEpochOne], cancellation.Token));

        var resumed = new CheckpointImageNet(2);
        var backup = new BackupAndRestore(folder.Path);
        Fit(resumed, [backup]);
        Assert.Equal(1, backup.RestoredEpoch);
        Assert.Equal(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(resumed.Parameters));

        // The augmentation really changes training (else the test above would prove nothing about its stream).
        var plain = new CheckpointImageNet(2);
        plain.Fit(images, epochs: 3, batchSize: 4, verbose: 0);
        Assert.NotEqual(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(plain.Parameters));
    }

    [Fact]
    public void Augmentation_OnANonImageInput_IsRejectedBeforeTraining()
    {
        var model = new CheckpointNet(3);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(Train, verbose: 0, augmentation: new ImageAugmentation(rotationRange: 10)));
        Assert.Equal("augmentation", error.ParamName);
        Assert.Equal(0, model.Iterations);
    }
}
