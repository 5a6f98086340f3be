using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// With FitOptions.StepsPerEpoch an epoch can end inside a pass over the training data; a training checkpoint records
/// where, so a resumed run continues that pass and ends bit-identical to the run that was never interrupted.
/// </summary>
/// <remarks>45 samples in batches of 8 make 6 batches per pass; 4 steps per epoch end the epochs at 4/6 of pass 1, 2/6 of pass 2, the end of pass 2, 4/6 of pass 3.</remarks>
public sealed class StepsPerEpochResumeTests
{
    private static readonly DataSet Train = CheckpointTestData.Classification(45, seed: 31);
    private static readonly DataSet Validation = CheckpointTestData.Classification(12, seed: 32);

    private static FitOptions Options(int epochs, Callback[] callbacks, int initialEpoch = 0, CancellationToken token = default) => new()
    {
        Epochs = epochs, InitialEpoch = initialEpoch, BatchSize = 8, StepsPerEpoch = 4, ValidationData = Validation,
        Callbacks = callbacks, Verbose = Verbosity.Silent, CancellationToken = token,
    };

    [Fact]
    public void BackupAndRestore_InterruptedInAnEpochThatStartedInsideAPass_ResumesBitIdentically()
    {
        var uninterrupted = new CheckpointDropoutNet(7);
        History full = uninterrupted.Fit(Train, Options(4, []));

        using var folder = new TemporaryFolder();
        string backupFolder = Path.Combine(folder.Path, "backup");
        using var cancellation = new CancellationTokenSource();
        var firstAttempt = new CheckpointDropoutNet(7);
        var dieInEpochTwo = new LambdaCallback(onBatchEnd: (batch, _) =>
        {
            if (firstAttempt.Epoch == 2 && batch == 2) cancellation.Cancel();
        });
        var firstBackup = new BackupAndRestore(backupFolder);
        Assert.Throws<OperationCanceledException>(() => firstAttempt.Fit(Train, Options(4, [firstBackup, dieInEpochTwo], token: cancellation.Token)));

        // Epoch 1 ended 2 batches (16 samples) into pass 2: the backup says so.
        IReadOnlyDictionary<string, string> metadata = SafeTensorsReader.ReadFile(firstBackup.BackupPath).Metadata;
        Assert.Equal("16", metadata["pass_position"]);
        Assert.Equal("45", metadata["pass_samples"]);

        var secondAttempt = new CheckpointDropoutNet(12345);
        var secondBackup = new BackupAndRestore(backupFolder);
        History resumed = secondAttempt.Fit(Train, Options(4, [secondBackup]));

        Assert.Equal(2, secondBackup.RestoredEpoch);
        Assert.Equal(16, secondAttempt.Iterations);
        Assert.Equal(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(secondAttempt.Parameters));
        Assert.Equal(full["loss"].Skip(2), resumed["loss"]);
        Assert.Equal(full["val_loss"].Skip(2), resumed["val_loss"]);
    }

    [Fact]
    public void SaveCheckpoint_InsideAPass_ThenLoadCheckpointAndFit_ContinuesThePass()
    {
        var uninterrupted = new CheckpointDropoutNet(7);
        uninterrupted.Fit(Train, Options(4, []));

        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var first = new CheckpointDropoutNet(7);
        first.Fit(Train, Options(2, []));
        first.SaveCheckpoint(path);
        var second = new CheckpointDropoutNet(7);   // the same seed, so that the files' informational seed matches too
        second.LoadCheckpoint(path);
        // Saving again before any Fit keeps the pass: the file round-trips.
        Assert.Equal(CheckpointTestData.Fingerprint(first, folder), CheckpointTestData.Fingerprint(second, folder));
        second.Fit(Train, Options(4, [], initialEpoch: 2));

        Assert.Equal(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(second.Parameters));
    }

    [Fact]
    public void ALoadedPass_OverDataOfAnotherSize_GivesWayToANewPass()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var first = new CheckpointDropoutNet(7);
        first.Fit(Train, Options(1, []));
        first.SaveCheckpoint(path);

        DataSet other = CheckpointTestData.Classification(20, seed: 33);   // 3 batches of 8: a pass of 4 steps would not fit
        var second = new CheckpointDropoutNet(7);
        second.LoadCheckpoint(path);
        second.Fit(other, new FitOptions { Epochs = 2, BatchSize = 8, StepsPerEpoch = 3, Verbose = Verbosity.Silent });

        Assert.Equal(4 + 6, second.Iterations);
    }

    [Fact]
    public void ACheckpointAtAPassBoundary_HasNoPassPosition()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var model = new CheckpointDropoutNet(7);
        model.Fit(Train, Options(3, []));   // 12 steps: exactly two passes
        model.SaveCheckpoint(path);

        IReadOnlyDictionary<string, string> metadata = SafeTensorsReader.ReadFile(path).Metadata;
        Assert.False(metadata.ContainsKey("pass_position"));
        Assert.False(metadata.ContainsKey("pass_samples"));
    }

    [Theory]
    [InlineData("pass_position", null, "has 'pass_samples' but no 'pass_position'")]
    [InlineData("pass_samples", null, "has 'pass_position' but no 'pass_samples'")]
    [InlineData("pass_position", "0", "an integer from 1 to 44")]
    [InlineData("pass_position", "45", "an integer from 1 to 44")]
    [InlineData("pass_position", "-3", "an integer from 1 to 44")]
    [InlineData("pass_samples", "1", "an integer of at least 2")]
    [InlineData("pass_samples", "many", "an integer of at least 2")]
    public void InvalidPassMetadata_IsAClearError_AndChangesNothing(string key, string? value, string expected)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var saved = new CheckpointDropoutNet(7);
        saved.Fit(Train, Options(1, []));
        saved.SaveCheckpoint(path);
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);
        var metadata = new Dictionary<string, string>(file.Metadata);
        Assert.Equal("32", metadata["pass_position"]);
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(file.Tensors, metadata));
        var model = new CheckpointDropoutNet(3);
        model.Fit(Train, new FitOptions { BatchSize = 8, Verbose = Verbosity.Silent });
        byte[] before = CheckpointTestData.Fingerprint(model, folder);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));

        Assert.StartsWith(path + ": the checkpoint's metadata ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.EndsWith("Nothing was loaded.", e.Message);
        Assert.Equal(before, CheckpointTestData.Fingerprint(model, folder));
    }
}
