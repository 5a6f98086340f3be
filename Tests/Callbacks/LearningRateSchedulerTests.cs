using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Callbacks;

/// <summary>LearningRateScheduler: lr = schedule(epoch, lr) at epoch begin; <c>lr</c> written into the logs at epoch end.</summary>
public sealed class LearningRateSchedulerTests
{
    private static readonly string NL = Environment.NewLine;

    [Fact]
    public void Schedule_SetsTheRateAtEpochBegin_AndTheRateIsLoggedAtEpochEnd()
    {
        var model = new CbClassifier(seed: 1); // learning rate 0.1
        var calls = new List<(int Epoch, double Lr)>();
        var callback = CallbackTestKit.Attach(new LearningRateScheduler((epoch, lr) =>
        {
            calls.Add((epoch, lr));
            return epoch < 2 ? lr : lr * 0.5;
        }), model);
        var logs = new List<Dictionary<string, double>>();

        CallbackTestKit.Drive(callback, [1, 1, 1, 1], epochLogs: logs);

        Assert.Equal([(0, 0.1), (1, 0.1), (2, 0.1), (3, 0.05)], calls);
        Assert.Equal([0.1, 0.1, 0.05, 0.025], logs.ConvertAll(l => l["lr"]));
        Assert.Equal(0.025, model.LearningRate);
    }

    [Fact]
    public void EpochOnlySchedule_IsAccepted_AsKerasOlderApi()
    {
        var model = new CbClassifier(seed: 1);
        var callback = CallbackTestKit.Attach(new LearningRateScheduler(epoch => 0.01 * (epoch + 1)), model);
        var logs = new List<Dictionary<string, double>>();

        CallbackTestKit.Drive(callback, [1, 1, 1], epochLogs: logs);

        Assert.Equal([0.01, 0.02, 0.01 * 3], logs.ConvertAll(l => l["lr"]));
    }

    [Fact]
    public void Verbose_WritesKerasMessage()
    {
        var output = new StringWriter();
        var callback = CallbackTestKit.Attach(new LearningRateScheduler((e, _) => e == 0 ? 0.1 : 1e-05, verbose: 1, output: output), new CbClassifier(seed: 1));

        CallbackTestKit.Drive(callback, [1, 1]);

        Assert.Equal(
            NL + "Epoch 1: LearningRateScheduler setting learning rate to 0.1." + NL +
            NL + "Epoch 2: LearningRateScheduler setting learning rate to 1e-05." + NL,
            output.ToString());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidRate_FromTheSchedule_IsAClearError(double rate)
    {
        var callback = CallbackTestKit.Attach(new LearningRateScheduler((_, _) => rate), new CbClassifier(seed: 1));
        var error = Assert.Throws<InvalidOperationException>(() => CallbackTestKit.Drive(callback, [1]));
        Assert.Contains("epoch 0", error.Message);
    }

    [Fact]
    public void NullSchedule_IsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new LearningRateScheduler((Func<int, double, double>)null!));
        Assert.Throws<ArgumentNullException>(() => new LearningRateScheduler((Func<int, double>)null!));
    }

    [Fact]
    public void Fit_TrainsEachEpochWithTheScheduledRate()
    {
        var model = new CbClassifier(seed: 3);
        var duringEpoch = new List<double>();
        var scheduler = new LearningRateScheduler((epoch, lr) => epoch == 1 ? 0 : lr * 0.5);
        // Runs after the scheduler: sees the rate the epoch trains with, and the logged rate.
        var probe = new LambdaCallback(
            onBatchBegin: (batch, _) => { if (batch == 0) duringEpoch.Add(model.LearningRate); },
            onEpochEnd: (_, logs) => Assert.Equal(model.LearningRate, logs["lr"]));
        float[] beforeEpoch1 = [];
        var capture = new LambdaCallback(onEpochBegin: (epoch, _) => { if (epoch == 1) beforeEpoch1 = model.Parameters.ToArray(); },
            onEpochEnd: (epoch, _) => { if (epoch == 1) Assert.Equal(beforeEpoch1, model.Parameters.ToArray()); });

        model.Fit(CallbackTestKit.Classification(24, seed: 1), epochs: 3, batchSize: 8, callbacks: [scheduler, probe, capture], verbose: 0);

        Assert.Equal([0.05, 0, 0], duringEpoch);
    }
}
