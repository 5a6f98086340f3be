using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Callbacks;

/// <summary>
/// EarlyStopping's steps (keras-reference §8), driven with fabricated epoch logs: skip before start_from_epoch or when
/// the monitor is missing; snapshot; wait += 1; on improvement best = cur and reset wait only if the baseline is also
/// beaten; otherwise stop when wait ≥ patience and epoch &gt; 0.
/// </summary>
public sealed class EarlyStoppingTests
{
    private static readonly double NaN = double.NaN;

    private static (EarlyStopping Callback, CbClassifier Model) Create(
        string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, MonitorMode mode = MonitorMode.Auto,
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0, TextWriter? output = null)
    {
        var model = new CbClassifier(seed: 1);
        var callback = new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights, startFromEpoch,
            output ?? TextWriter.Null);
        return (CallbackTestKit.Attach(callback, model), model);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var callback = new EarlyStopping();
        Assert.Equal("val_loss", callback.Monitor);
        Assert.Equal(0, callback.MinDelta);
        Assert.Equal(0, callback.Patience);
        Assert.Equal(0, callback.Verbose);
        Assert.Equal(MonitorMode.Auto, callback.Mode);
        Assert.Null(callback.Baseline);
        Assert.False(callback.RestoreBestWeights);
        Assert.Equal(0, callback.StartFromEpoch);
        Assert.False(callback.Maximize);
    }

    [Fact]
    public void Patience_CountsConsecutiveEpochsWithoutImprovement()
    {
        var (callback, model) = Create(patience: 2);

        // 0: improves (from +inf); 1: improves; 2: wait 1; 3: wait 2 = patience → stop.
        int epochs = CallbackTestKit.Drive(callback, [1.0, 0.9, 0.95, 0.93, 0.5, 0.4]);

        Assert.Equal(4, epochs);
        Assert.True(model.StopTraining);
        Assert.Equal(3, callback.StoppedEpoch);
        Assert.Equal(0.9, callback.Best);
        Assert.Equal(1, callback.BestEpoch);
    }

    [Fact]
    public void Patience_IsResetByAnImprovement()
    {
        var (callback, _) = Create(patience: 2);

        // wait: 0, 1, 0 (0.8 improves), 1, 2 → stop at epoch 4.
        int epochs = CallbackTestKit.Drive(callback, [1.0, 1.1, 0.8, 0.9, 0.85, 0.1]);

        Assert.Equal(5, epochs);
        Assert.Equal(4, callback.StoppedEpoch);
    }

    [Fact]
    public void EqualValues_DoNotImprove()
    {
        var (callback, _) = Create(patience: 1);
        Assert.Equal(2, CallbackTestKit.Drive(callback, [0.5, 0.5, 0.5, 0.5]));
        Assert.Equal(1, callback.StoppedEpoch);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.1)]
    public void MinDelta_GainsSmallerThanItDoNotCount_WhateverItsSign(double minDelta)
    {
        var (callback, _) = Create(minDelta: minDelta, patience: 2);

        // 0: best 1.0; 1: 0.95 + 0.1 ≥ 1 → wait 1; 2: 0.85 + 0.1 < 1 → best 0.85, wait 0; 3: 0.8 → wait 1; 4: 0.76 → wait 2 → stop.
        int epochs = CallbackTestKit.Drive(callback, [1.0, 0.95, 0.85, 0.8, 0.76, 0.1]);

        Assert.Equal(5, epochs);
        Assert.Equal(4, callback.StoppedEpoch);
        Assert.Equal(0.85, callback.Best);

        var (plain, _) = Create(patience: 2);
        Assert.Equal(6, CallbackTestKit.Drive(plain, [1.0, 0.95, 0.85, 0.8, 0.76, 0.1]));
        Assert.Equal(0, plain.StoppedEpoch);
    }

    [Fact]
    public void MinDelta_InMaxMode_RequiresAGainAboveIt()
    {
        var (callback, _) = Create("val_accuracy", minDelta: 0.05, patience: 1);
        // 0.5 → best; 0.54 − 0.05 is not > 0.5 → wait 1 → stop at epoch 1.
        Assert.Equal(2, CallbackTestKit.Drive(callback, [0.5, 0.54, 0.9], key: "val_accuracy"));
        Assert.Equal(1, callback.StoppedEpoch);
    }

    [Fact]
    public void Baseline_NeverBeaten_StopsAfterPatienceEpochs_AtTheFirstEpochWithoutImprovement()
    {
        var (callback, _) = Create(patience: 3, baseline: 0.5);

        // Every improvement keeps wait counting (0.9, 0.8 are above the baseline): wait 1, 2, then 3 at epoch 2 → stop.
        int epochs = CallbackTestKit.Drive(callback, [0.9, 0.8, 0.85, 0.7, 0.6]);

        Assert.Equal(3, epochs);
        Assert.Equal(2, callback.StoppedEpoch);

        var (noBaseline, _) = Create(patience: 3);
        Assert.Equal(5, CallbackTestKit.Drive(noBaseline, [0.9, 0.8, 0.85, 0.7, 0.6]));
    }

    [Fact]
    public void Baseline_StopCheckOnlyRunsOnEpochsWithoutImprovement_AsInKeras()
    {
        // Keras returns right after an improvement, so values that keep improving never stop training, even when
        // none of them beats the baseline and wait is far above the patience.
        var (callback, _) = Create(patience: 1, baseline: 0.5);
        Assert.Equal(5, CallbackTestKit.Drive(callback, [0.9, 0.8, 0.7, 0.6, 0.55]));
        Assert.Equal(5, callback.Wait);
        Assert.Equal(0, callback.StoppedEpoch);
    }

    [Fact]
    public void Baseline_OnceBeaten_ResetsWait()
    {
        var (callback, _) = Create(patience: 3, baseline: 0.5);

        // 0: wait 1 (0.9 is above the baseline); 1: 0.4 beats it → wait 0; 2, 3, 4: wait 1, 2, 3 → stop at 4.
        int epochs = CallbackTestKit.Drive(callback, [0.9, 0.4, 0.45, 0.45, 0.45, 0.45]);

        Assert.Equal(5, epochs);
        Assert.Equal(4, callback.StoppedEpoch);
    }

    [Fact]
    public void StartFromEpoch_SkipsTheWarmUpEpochs()
    {
        var (callback, _) = Create(patience: 0, startFromEpoch: 3);

        // Epochs 0-2 are ignored; 3 improves (first monitored value); 4 does not → stop.
        int epochs = CallbackTestKit.Drive(callback, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]);

        Assert.Equal(5, epochs);
        Assert.Equal(4, callback.StoppedEpoch);
        Assert.Equal(3, callback.BestEpoch);

        var (fromStart, _) = Create(patience: 0);
        Assert.Equal(2, CallbackTestKit.Drive(fromStart, [1.0, 1.0, 1.0]));
    }

    [Fact]
    public void FirstEpoch_NeverStops_EvenWithoutImprovementAndZeroPatience()
    {
        var (callback, model) = Create(patience: 0);

        // Epoch 0: NaN does not improve and wait 1 ≥ 0, but epoch > 0 is required. Epoch 1 improves; epoch 2 stops.
        int epochs = CallbackTestKit.Drive(callback, [NaN, 1.0, 1.0, 1.0]);

        Assert.Equal(3, epochs);
        Assert.Equal(2, callback.StoppedEpoch);
        Assert.True(model.StopTraining);
    }

    [Theory]
    [InlineData("val_accuracy")]
    [InlineData("val_acc")]
    [InlineData("auc")]
    public void AutoMode_MaximizesAccuracyLikeNames(string monitor)
    {
        var (callback, _) = Create(monitor, patience: 1);

        // Rising values improve; in min mode epoch 1 would already stop.
        int epochs = CallbackTestKit.Drive(callback, [0.5, 0.6, 0.7, 0.7, 0.9], key: monitor);

        Assert.Equal(4, epochs);
        Assert.Equal(3, callback.StoppedEpoch);
        Assert.Equal(0.7, callback.Best);
    }

    [Fact]
    public void MissingMonitor_WarnsOnce_AndNeverStops()
    {
        var output = new StringWriter();
        var (callback, model) = Create("val_loss", patience: 0, output: output);

        callback.OnTrainBegin(new Dictionary<string, double>());
        for (int epoch = 0; epoch < 4; epoch++)
            callback.OnEpochEnd(epoch, CallbackTestKit.Logs(("loss", 1.0), ("accuracy", 0.5)));
        callback.OnTrainEnd(new Dictionary<string, double>());

        Assert.False(model.StopTraining);
        Assert.Equal(
            "WARNING: Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss,accuracy" + Environment.NewLine,
            output.ToString());
    }

    [Fact]
    public void Verbose_WritesKerasMessages_AtTrainEnd()
    {
        var output = new StringWriter();
        var (callback, model) = Create(patience: 1, verbose: 1, restoreBestWeights: true, output: output);

        CallbackTestKit.Drive(callback, [1.0, 0.5, 0.6, 0.6]);

        Assert.Equal(
            "Epoch 3: early stopping" + Environment.NewLine + "Restoring model weights from the end of the best epoch: 2." + Environment.NewLine,
            output.ToString());
    }

    [Fact]
    public void Verbose0_WritesNothing()
    {
        var output = new StringWriter();
        var (callback, _) = Create(patience: 1, restoreBestWeights: true, output: output);
        CallbackTestKit.Drive(callback, [1.0, 0.5, 0.6, 0.6]);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void RestoreBestWeights_RestoresTheValuesOfTheBestEpoch_WhenStopping()
    {
        var (callback, model) = Create(patience: 2, restoreBestWeights: true);

        // Before each epoch end the weights are all epoch + 1, so the snapshot tells which epoch it came from.
        int epochs = CallbackTestKit.Drive(callback, [1.0, 0.5, 0.7, 0.8, 0.1], beforeEpochEnd: epoch => model.Parameters.Fill(epoch + 1));

        Assert.Equal(4, epochs);
        Assert.Equal(1, callback.BestEpoch);
        AssertAllEqual(2f, model.Parameters);
    }

    [Fact]
    public void RestoreBestWeights_AlsoRestoresWhenTrainingRunsToTheEnd_AsKeras3AndTfKeras216()
    {
        // tf.keras ≤ 2.15 kept the last weights here (a bug Keras fixed); NetGen restores whenever a snapshot exists.
        var (callback, model) = Create(patience: 10, restoreBestWeights: true);

        int epochs = CallbackTestKit.Drive(callback, [1.0, 0.5, 0.7], beforeEpochEnd: epoch => model.Parameters.Fill(epoch + 1));

        Assert.Equal(3, epochs);
        Assert.Equal(0, callback.StoppedEpoch);
        AssertAllEqual(2f, model.Parameters);
    }

    [Fact]
    public void RestoreBestWeights_WithoutAnyImprovement_RestoresTheFirstMonitoredEpoch()
    {
        var (callback, model) = Create(patience: 10, restoreBestWeights: true, startFromEpoch: 1);

        CallbackTestKit.Drive(callback, [NaN, NaN, NaN, NaN], beforeEpochEnd: epoch => model.Parameters.Fill(epoch + 1));

        Assert.Equal(1, callback.BestEpoch);
        AssertAllEqual(2f, model.Parameters);
    }

    [Fact]
    public void WithoutRestoreBestWeights_TheLastWeightsStay()
    {
        var (callback, model) = Create(patience: 1);
        CallbackTestKit.Drive(callback, [1.0, 0.5, 0.7, 0.8], beforeEpochEnd: epoch => model.Parameters.Fill(epoch + 1));
        AssertAllEqual(3f, model.Parameters);
    }

    [Fact]
    public void RestoreBestWeights_KeepsRealParameterValues_NotJustTheirCount()
    {
        var (callback, model) = Create(patience: 1, restoreBestWeights: true);
        float[] best = new float[model.Parameters.Length];
        for (int i = 0; i < best.Length; i++) best[i] = 0.25f * i - 3f;

        CallbackTestKit.Drive(callback, [1.0, 0.5, 0.9], beforeEpochEnd: epoch =>
        {
            if (epoch == 1) best.CopyTo(model.Parameters);
            else model.Parameters.Fill(-7f);
        });

        Assert.Equal(best, model.Parameters.ToArray());
    }

    [Fact]
    public void OneInstance_CanServeSeveralTrainingRuns()
    {
        var (callback, model) = Create(patience: 1);

        CallbackTestKit.Drive(callback, [0.1, 0.2, 0.3]);
        Assert.Equal(1, callback.StoppedEpoch);

        // The best of the first run (0.1) is forgotten: 1.0 improves from +inf again.
        int epochs = CallbackTestKit.Drive(callback, [1.0, 0.9, 0.8, 0.7]);
        Assert.Equal(4, epochs);
        Assert.Equal(0, callback.StoppedEpoch);
        Assert.False(model.StopTraining);
    }

    [Fact]
    public void InvalidArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(startFromEpoch: -1));
        Assert.Throws<ArgumentException>(() => new EarlyStopping(minDelta: double.NaN));
        Assert.Throws<ArgumentException>(() => new EarlyStopping(baseline: double.NaN));
        Assert.Throws<ArgumentException>(() => new EarlyStopping(""));
    }

    [Fact]
    public void Fit_OnAPlateau_StopsAfterPatiencePlusOneEpochs()
    {
        // Learning rate 0: the weights never move, so val_loss is the same every epoch and never improves after epoch 0.
        var model = new CbClassifier(seed: 3) { LearningRate = 0 };
        var output = new StringWriter();
        var stopper = new EarlyStopping(patience: 2, verbose: 1, output: output);

        History history = model.Fit(CallbackTestKit.Classification(24, seed: 1), epochs: 20, batchSize: 8,
            validationData: CallbackTestKit.Classification(9, seed: 2), callbacks: [stopper], verbose: 0);

        Assert.Equal([0, 1, 2], history.Epochs);
        Assert.Equal(2, stopper.StoppedEpoch);
        Assert.Equal("Epoch 3: early stopping" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Fit_RestoresTheBestWeights_OfARealTraining()
    {
        var model = new CbClassifier(seed: 3);
        DataSet train = CallbackTestKit.Classification(48, seed: 1);
        var snapshots = new List<float[]>();
        var recorder = new LambdaCallback(onEpochEnd: (_, _) => snapshots.Add(model.Parameters.ToArray()));
        var stopper = new EarlyStopping("loss", patience: 100, restoreBestWeights: true);

        History history = model.Fit(train, epochs: 6, batchSize: 8, callbacks: [recorder, stopper], verbose: 0);

        int best = 0;
        for (int e = 1; e < history["loss"].Count; e++)
            if (history["loss"][e] < history["loss"][best]) best = e;
        Assert.Equal(best, stopper.BestEpoch);
        Assert.Equal(snapshots[best], model.Parameters.ToArray());
    }

    private static void AssertAllEqual(float expected, ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++) Assert.Equal(expected, values[i]);
    }
}
