using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Callbacks;

/// <summary>TerminateOnNaN: a NaN or infinite running loss after a batch prints Keras's message and stops training.</summary>
public sealed class TerminateOnNaNTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void InvalidLoss_StopsTraining_WithKerasMessage(double loss)
    {
        var output = new StringWriter();
        var model = new CbClassifier(seed: 1);
        var callback = CallbackTestKit.Attach(new TerminateOnNaN(output), model);

        callback.OnTrainBegin(new Dictionary<string, double>());
        callback.OnTrainBatchEnd(0, CallbackTestKit.Logs(("loss", 0.5)));
        callback.OnTrainBatchEnd(1, CallbackTestKit.Logs(("loss", 1e300)));
        Assert.False(model.StopTraining);
        callback.OnTrainBatchEnd(2, CallbackTestKit.Logs(("loss", loss), ("accuracy", 0.5)));

        Assert.True(model.StopTraining);
        Assert.Equal(2, callback.TerminatedBatch);
        Assert.Equal("Batch 2: Invalid loss, terminating training" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void LogsWithoutALoss_AreIgnored()
    {
        var model = new CbClassifier(seed: 1);
        var callback = CallbackTestKit.Attach(new TerminateOnNaN(TextWriter.Null), model);
        callback.OnTrainBatchEnd(0, CallbackTestKit.Logs(("accuracy", double.NaN)));
        Assert.False(model.StopTraining);
        Assert.Null(callback.TerminatedBatch);
    }

    [Fact]
    public void Fit_WithADivergingLoss_StopsInTheFirstEpoch_WhichStillEnds()
    {
        // Features of 1e18 and a learning rate of 1e18: the first update overflows float32, so the second batch's loss is not finite.
        var model = new CbRegression(seed: 1) { LearningRate = 1e18 };
        var features = new float[16 * 2];
        var targets = new float[16];
        for (int i = 0; i < features.Length; i++) features[i] = (i % 3 + 1) * 1e18f;
        for (int i = 0; i < targets.Length; i++) targets[i] = i;
        var data = new DataSet(features, [2], targets);
        var output = new StringWriter();
        var terminator = new TerminateOnNaN(output);
        var epochEnds = new List<int>();

        History history = model.Fit(data, epochs: 5, batchSize: 4, validationData: data,
            callbacks: [terminator, new LambdaCallback(onEpochEnd: (epoch, _) => epochEnds.Add(epoch))], verbose: 0, shuffle: false);

        Assert.NotNull(terminator.TerminatedBatch);
        int batch = terminator.TerminatedBatch!.Value;
        Assert.True(batch < 3, $"Stopped at batch {batch}");
        Assert.Equal(batch + 1, model.Iterations);
        Assert.Equal($"Batch {batch}: Invalid loss, terminating training" + Environment.NewLine, output.ToString());
        // The epoch still finalises: validation ran and OnEpochEnd was called.
        Assert.Equal([0], epochEnds);
        Assert.Equal([0], history.Epochs);
        Assert.True(history.ContainsKey("val_loss"));
        Assert.False(double.IsFinite(history["loss"][0]));
    }
}
