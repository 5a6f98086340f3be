using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Callbacks;

/// <summary>
/// ReduceLROnPlateau's steps (keras-reference §8): write <c>lr</c> into the logs; in cooldown count it down and reset
/// wait; on improvement (cur &lt; best − δ) reset wait; else, outside cooldown, wait += 1 and at patience reduce
/// lr = max(lr × factor, min_lr) if lr &gt; float32(min_lr), then start the cooldown.
/// </summary>
public sealed class ReduceLROnPlateauTests
{
    private static readonly string NL = Environment.NewLine;

    private static (ReduceLROnPlateau Callback, CbClassifier Model) Create(
        string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4, int cooldown = 0, double minLr = 0, TextWriter? output = null)
    {
        var model = new CbClassifier(seed: 1); // learning rate 0.1
        var callback = new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr, output ?? TextWriter.Null);
        return (CallbackTestKit.Attach(callback, model), model);
    }

    private static double[] LoggedRates(List<Dictionary<string, double>> logs) => logs.ConvertAll(l => l["lr"]).ToArray();

    [Fact]
    public void Defaults_AreKeras()
    {
        var callback = new ReduceLROnPlateau();
        Assert.Equal("val_loss", callback.Monitor);
        Assert.Equal(0.1, callback.Factor);
        Assert.Equal(10, callback.Patience);
        Assert.Equal(0, callback.Verbose);
        Assert.Equal(MonitorMode.Auto, callback.Mode);
        Assert.Equal(1e-4, callback.MinDelta);
        Assert.Equal(0, callback.Cooldown);
        Assert.Equal(0, callback.MinLr);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void FactorOfOneOrMore_OrNegative_IsAnArgumentException(double factor)
    {
        var error = Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(factor: factor));
        Assert.Equal("factor", error.ParamName);
    }

    [Fact]
    public void OtherInvalidArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(patience: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(cooldown: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(minLr: -1e-3));
        Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(minDelta: double.NaN));
    }

    [Fact]
    public void Plateau_ReducesAfterPatience_AndLogsTheRateOfEachEpoch()
    {
        var (callback, model) = Create(patience: 2);
        var logs = new List<Dictionary<string, double>>();

        // 0: improves; 1: wait 1; 2: wait 2 → 0.1 → 0.01, wait 0; 3: wait 1; 4: wait 2 → 0.001.
        CallbackTestKit.Drive(callback, [1.0, 1.0, 1.0, 1.0, 1.0], epochLogs: logs);

        // The logged rate is the one the epoch trained with (written before the reduction).
        Assert.Equal([0.1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1], LoggedRates(logs));
        Assert.Equal(0.1 * 0.1 * 0.1, model.LearningRate);
    }

    [Fact]
    public void Improvement_ResetsWait()
    {
        var (callback, model) = Create(patience: 2);
        // wait: 0, 1, 0 (0.5 improves), 1, 0 (0.4 improves): no reduction.
        CallbackTestKit.Drive(callback, [1.0, 1.0, 0.5, 0.5, 0.4]);
        Assert.Equal(0.1, model.LearningRate);
        Assert.Equal(0, callback.Wait);
        Assert.Equal(0.4, callback.Best);
    }

    [Fact]
    public void MinDelta_GainsSmallerThanItDoNotCount()
    {
        var (small, smallModel) = Create(patience: 1);
        CallbackTestKit.Drive(small, [1.0, 0.99995]); // 0.99995 is not < 1 − 1e-4
        Assert.Equal(0.1 * 0.1, smallModel.LearningRate);

        var (large, largeModel) = Create(patience: 1);
        CallbackTestKit.Drive(large, [1.0, 0.9998]);
        Assert.Equal(0.1, largeModel.LearningRate);

        var (negative, negativeModel) = Create(patience: 1, minDelta: -1e-4); // |min_delta|: same as 1e-4
        CallbackTestKit.Drive(negative, [1.0, 0.99995]);
        Assert.Equal(0.1 * 0.1, negativeModel.LearningRate);
    }

    [Fact]
    public void Cooldown_SkipsCountingForThatManyEpochsAfterAReduction()
    {
        var (callback, model) = Create(patience: 1, cooldown: 2);
        var logs = new List<Dictionary<string, double>>();

        // 0: best; 1: reduce, cooldown 2; 2: cooldown 1; 3: cooldown 0, wait 1 → reduce; 4: cooldown 1; 5: reduce; 6: cooldown 1.
        CallbackTestKit.Drive(callback, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], epochLogs: logs);

        double r1 = 0.1 * 0.1, r2 = r1 * 0.1, r3 = r2 * 0.1;
        Assert.Equal([0.1, 0.1, r1, r1, r2, r2, r3], LoggedRates(logs));
        Assert.Equal(r3, model.LearningRate);
        Assert.Equal(1, callback.CooldownCounter);

        var (noCooldown, noCooldownModel) = Create(patience: 1);
        CallbackTestKit.Drive(noCooldown, [1.0, 1.0, 1.0, 1.0]);
        Assert.Equal(0.1 * 0.1 * 0.1 * 0.1, noCooldownModel.LearningRate);
    }

    [Fact]
    public void MinLr_BoundsTheRate_AndStopsFurtherReductions()
    {
        var output = new StringWriter();
        var (callback, model) = Create(patience: 1, minLr: 0.005, verbose: 1, output: output);

        // 1: 0.1 → 0.01; 2: max(0.001, 0.005) = 0.005; 3, 4: lr is not above min_lr → nothing.
        CallbackTestKit.Drive(callback, [1.0, 1.0, 1.0, 1.0, 1.0]);

        Assert.Equal(0.005, model.LearningRate);
        Assert.Equal(
            NL + "Epoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000000000002." + NL +
            NL + "Epoch 3: ReduceLROnPlateau reducing learning rate to 0.005." + NL,
            output.ToString());
    }

    [Fact]
    public void MinLr_IsComparedInFloat32_AsKeras2Does()
    {
        // 0.0050000001 and 0.005 are the same float32: Keras sees no room above min_lr and does not reduce.
        var (callback, model) = Create(patience: 1, minLr: 0.005);
        model.LearningRate = 0.0050000001;
        CallbackTestKit.Drive(callback, [1.0, 1.0, 1.0]);
        Assert.Equal(0.0050000001, model.LearningRate);
    }

    [Fact]
    public void AutoMode_MaximizesAccuracy()
    {
        var (callback, model) = Create("val_accuracy", patience: 1);
        var logs = new List<Dictionary<string, double>>();
        // 0.6 improves on 0.5; the second 0.6 does not → reduce at epoch 2.
        CallbackTestKit.Drive(callback, [0.5, 0.6, 0.6], key: "val_accuracy", epochLogs: logs);
        Assert.Equal([0.1, 0.1, 0.1], LoggedRates(logs));
        Assert.Equal(0.1 * 0.1, model.LearningRate);
    }

    [Fact]
    public void MissingMonitor_StillLogsTheRate_AndWarnsOnce()
    {
        var output = new StringWriter();
        var (callback, model) = Create(patience: 0, output: output);

        callback.OnTrainBegin(new Dictionary<string, double>());
        var logs = CallbackTestKit.Logs(("loss", 1.0));
        callback.OnEpochEnd(0, logs);
        callback.OnEpochEnd(1, CallbackTestKit.Logs(("loss", 1.0)));

        Assert.Equal(0.1, logs["lr"]);
        Assert.Equal(0.1, model.LearningRate);
        Assert.Equal(
            "WARNING: Learning rate reduction is conditioned on metric `val_loss` which is not available. Available metrics are: loss,lr" + NL,
            output.ToString());
    }

    [Fact]
    public void TrainBegin_ResetsTheState()
    {
        var (callback, model) = Create(patience: 2, cooldown: 3);
        CallbackTestKit.Drive(callback, [0.1, 1.0, 1.0]);
        Assert.Equal(3, callback.CooldownCounter);

        model.LearningRate = 0.1;
        CallbackTestKit.Drive(callback, [1.0, 1.0]); // the old best (0.1) and cooldown are forgotten: 1.0 improves
        Assert.Equal(1.0, callback.Best);
        Assert.Equal(1, callback.Wait);
        Assert.Equal(0, callback.CooldownCounter);
        Assert.Equal(0.1, model.LearningRate);
    }

    [Fact]
    public void Fit_ReducesTheRate_AndTheLoggedRateReachesLaterCallbacks()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var model = new CbClassifier(seed: 3);
        var seen = new List<double>();
        // A min_delta of 10 makes every epoch after the first a plateau: one reduction per epoch from epoch 1.
        var reducer = new ReduceLROnPlateau(patience: 1, minDelta: 10, output: TextWriter.Null);
        var after = new LambdaCallback(onEpochEnd: (_, logs) => seen.Add(logs["lr"]));

        model.Fit(CallbackTestKit.Classification(24, seed: 1), epochs: 4, batchSize: 8,
            validationData: CallbackTestKit.Classification(9, seed: 2), callbacks: [reducer, after], verbose: 0);

        Assert.Equal([0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1], seen);
        Assert.Equal(0.1 * 0.1 * 0.1 * 0.1, model.LearningRate);
    }

    [Fact]
    public void Fit_RecordsTheRateInHistory_AsKeras2Does()
    {
        var model = new CbClassifier(seed: 3);
        History history = model.Fit(CallbackTestKit.Classification(24, seed: 1), epochs: 3, batchSize: 8,
            validationData: CallbackTestKit.Classification(9, seed: 2),
            callbacks: [new ReduceLROnPlateau(patience: 1, minDelta: 10, output: TextWriter.Null)], verbose: 0);

        Assert.Equal([0.1, 0.1, 0.1 * 0.1], history["lr"]);
    }
}
