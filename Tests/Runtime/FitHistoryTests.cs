using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace NetGen.Tests.Runtime;

/// <summary>History, callbacks, StopTraining and cancellation, as in Keras 2's fit loop.</summary>
public sealed class FitHistoryTests
{
    [Fact]
    public void History_HasKeras2KeysInOrder_OneValuePerEpoch()
    {
        var model = new RtClassifier(seed: 1);

        History history = model.Fit(TestData.Classification(20, seed: 1), epochs: 3, batchSize: 8,
            validationData: TestData.Classification(6, seed: 2), verbose: 0);

        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Keys);
        Assert.Equal([0, 1, 2], history.Epochs);
        Assert.Equal(3, history.EpochDurations.Count);
        foreach (string key in history.Keys)
        {
            Assert.Equal(3, history[key].Count);
            Assert.All(history[key], value => Assert.True(double.IsFinite(value), $"{key} = {value}"));
            Assert.True(history.ContainsKey(key));
        }
        Assert.All(history["accuracy"], value => Assert.InRange(value, 0, 1));
    }

    [Fact]
    public void History_WithoutMetricsOrValidation_HoldsOnlyTheLoss()
    {
        var model = new RtRegression();
        var data = new DataSet(TestData.Uniform(new SeededRandom(1), 10 * 6), [6], TestData.Uniform(new SeededRandom(2), 10 * 2), 2);

        History history = model.Fit(data, epochs: 2, verbose: 0);

        Assert.Equal(["loss"], history.Keys);
        var error = Assert.Throws<KeyNotFoundException>(() => history["accuracy"]);
        Assert.Contains("no key 'accuracy'", error.Message);
        Assert.Contains("Its keys are: loss", error.Message);
    }

    [Fact]
    public void ZeroEpochs_TrainsNothing()
    {
        var model = new RtClassifier(seed: 1);
        int[] before = TestData.Bits(model.Parameters);

        History history = model.Fit(TestData.Classification(10, seed: 1), epochs: 0, verbose: 0);

        Assert.Empty(history.Keys);
        Assert.Empty(history.Epochs);
        Assert.Equal(before, TestData.Bits(model.Parameters));
    }

    [Fact]
    public void StopTraining_InOnEpochEndOfEpoch1_StopsAfterTwoEpochs()
    {
        var model = new RtClassifier(seed: 1);
        var stopper = new StopAt(epoch: 1);

        History history = model.Fit(TestData.Classification(20, seed: 1), epochs: 5, batchSize: 5, callbacks: [stopper], verbose: 0);

        Assert.Equal([0, 1], history.Epochs);
        Assert.Equal(2, history["loss"].Count);
        Assert.Equal(2 * 4, model.Iterations);
        Assert.True(stopper.TrainEnded, "OnTrainEnd must still run after an early stop.");
    }

    [Fact]
    public void StopTraining_IsResetByTheNextFit()
    {
        var model = new RtClassifier(seed: 1);
        DataSet data = TestData.Classification(20, seed: 1);
        model.Fit(data, epochs: 5, batchSize: 5, callbacks: [new StopAt(epoch: 0)], verbose: 0);
        Assert.True(model.StopTraining);

        History again = model.Fit(data, epochs: 3, batchSize: 5, verbose: 0);

        Assert.Equal([0, 1, 2], again.Epochs);
        Assert.Equal(4 + 3 * 4, model.Iterations); // the optimizer's step count carries over, as Keras's does
    }

    [Fact]
    public void StopTraining_InOnTrainBatchEnd_EndsTheEpochAfterThatBatch()
    {
        var model = new RtClassifier(seed: 1);
        var stopper = new StopAt(epoch: 0, batch: 1);

        History history = model.Fit(TestData.Classification(20, seed: 1), epochs: 3, batchSize: 5,
            validationData: TestData.Classification(4, seed: 2), callbacks: [stopper], verbose: 0);

        // Keras breaks the batch loop, then still finishes the epoch: validation and OnEpochEnd run.
        Assert.Equal(2, model.Iterations);
        Assert.Equal([0], history.Epochs);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Keys);
    }

    [Fact]
    public void Callbacks_AreCalledInKerasOrder_WithTheFitParameters()
    {
        var model = new RtClassifier(seed: 1);
        var recorder = new Recorder();

        model.Fit(TestData.Classification(10, seed: 1), epochs: 2, batchSize: 4, validationData: TestData.Classification(3, seed: 2),
            callbacks: [recorder], verbose: 0);

        string[] epoch(int e) =>
        [
            $"epoch begin {e}",
            "batch begin 0", "batch end 0", "batch begin 1", "batch end 1", "batch begin 2", "batch end 2",
            $"epoch end {e}: loss, accuracy, val_loss, val_accuracy",
        ];
        Assert.Equal(["train begin", .. epoch(0), .. epoch(1), "train end"], recorder.Calls);
        Assert.Same(model, recorder.Model);
        Assert.Equal(new TrainingParameters(Epochs: 2, Steps: 3, BatchSize: 4, Samples: 10, Verbose: 0), recorder.Parameters);
    }

    [Fact]
    public void BatchLogs_AreRunningMeansOfTheEpoch()
    {
        // Learning rate 0 and no shuffling: the batches and the weights are known, so every batch loss can be recomputed.
        var model = new RtClassifier(seed: 2) { LearningRate = 0 };
        DataSet data = TestData.Classification(11, seed: 3);
        var recorder = new Recorder();

        model.Fit(data, epochs: 1, batchSize: 4, shuffle: false, callbacks: [recorder], verbose: 0);

        int[] sizes = [4, 4, 3];
        double lossSum = 0;
        int seen = 0, correct = 0;
        for (int step = 0, start = 0; step < sizes.Length; start += sizes[step], step++)
        {
            int n = sizes[step];
            float[] labels = data.Labels.AsSpan(start, n).ToArray();
            float[] outputs = model.Forward(data.Features.AsSpan(start * 6, n * 6), n, training: true).ToArray();
            lossSum += model.ComputeLoss(labels) * n;
            seen += n;
            for (int b = 0; b < n; b++) correct += ArgMax(outputs.AsSpan(b * 3, 3)) == (int)labels[b] ? 1 : 0;

            Assert.Equal(lossSum / seen, recorder.BatchLogs[step]["loss"], 12);
            Assert.Equal((double)correct / seen, recorder.BatchLogs[step]["accuracy"]);
        }
    }

    [Fact]
    public void Cancellation_BetweenBatches_ThrowsOperationCanceled()
    {
        var model = new RtClassifier(seed: 1);
        using var cancellation = new CancellationTokenSource();
        var canceller = new CancelAt(cancellation, batch: 1);

        Assert.Throws<OperationCanceledException>(() =>
            model.Fit(TestData.Classification(20, seed: 1), epochs: 2, batchSize: 5, callbacks: [canceller], verbose: 0, cancellationToken: cancellation.Token));

        Assert.Equal(2, model.Iterations); // batches 0 and 1 ran; the token is checked before batch 2
    }

    [Fact]
    public void Cancellation_BeforeTraining_ChangesNothing()
    {
        var model = new RtClassifier(seed: 1);
        int[] before = TestData.Bits(model.Parameters);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            model.Fit(TestData.Classification(20, seed: 1), verbose: 0, cancellationToken: cancellation.Token));

        Assert.Equal(before, TestData.Bits(model.Parameters));
        Assert.Equal(0, model.Iterations);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    private sealed class StopAt(int epoch, int batch = -1) : Callback
    {
        public bool TrainEnded { get; private set; }

        public override void OnTrainBatchEnd(int batchIndex, IDictionary<string, double> logs)
        {
            if (batch >= 0 && batchIndex == batch) Model.StopTraining = true;
        }

        public override void OnEpochEnd(int epochIndex, IDictionary<string, double> logs)
        {
            if (batch < 0 && epochIndex == epoch) Model.StopTraining = true;
        }

        public override void OnTrainEnd(IDictionary<string, double> logs) => TrainEnded = true;
    }

    private sealed class CancelAt(CancellationTokenSource source, int batch) : Callback
    {
        public override void OnTrainBatchEnd(int batchIndex, IDictionary<string, double> logs)
        {
            if (batchIndex == batch) source.Cancel();
        }
    }

    private sealed class Recorder : Callback
    {
        public List<string> Calls { get; } = new();

        public List<Dictionary<string, double>> BatchLogs { get; } = new();

        public override void OnTrainBegin(IDictionary<string, double> logs) => Calls.Add("train begin");

        public override void OnTrainEnd(IDictionary<string, double> logs) => Calls.Add("train end");

        public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => Calls.Add($"epoch begin {epoch}");

        public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => Calls.Add($"epoch end {epoch}: {string.Join(", ", logs.Keys)}");

        public override void OnTrainBatchBegin(int batch, IDictionary<string, double> logs) => Calls.Add($"batch begin {batch}");

        public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
        {
            Calls.Add($"batch end {batch}");
            BatchLogs.Add(logs.ToDictionary(pair => pair.Key, pair => pair.Value));
        }
    }
}
