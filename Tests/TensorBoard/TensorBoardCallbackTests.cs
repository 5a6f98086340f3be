using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Tests.TensorBoard;

// Inside this namespace the simple name TensorBoard means the namespace itself, so the callback gets an alias.
using TensorBoardCallback = global::NetGen.TensorBoard;

/// <summary>The network the TensorBoard tests train or attach to the callback.</summary>
[Network]
[Input(4)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class TensorBoardNet;

/// <summary>The TensorBoard callback: Keras's tags, steps, runs and file life cycle, read back with the tests' own decoder.</summary>
public sealed class TensorBoardCallbackTests
{
    [Fact]
    public void Folders_AreCreatedLazily()
    {
        using var logs = new LogDirectory();
        using var callback = new TensorBoardCallback(logs.Path) { Model = new TensorBoardNet(seed: 1) };
        Assert.Equal(logs.Train, callback.TrainDirectory);
        Assert.Equal(logs.Validation, callback.ValidationDirectory);
        Assert.False(Directory.Exists(logs.Path), "the constructor writes nothing");

        callback.OnTrainBegin(new Dictionary<string, double>());
        Assert.Single(LogDirectory.EventFiles(logs.Train));
        Assert.False(Directory.Exists(logs.Validation), "no validation folder before validation logs");

        callback.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 1.0 });
        Assert.False(Directory.Exists(logs.Validation), "no validation folder without validation logs");

        callback.OnEpochEnd(1, new Dictionary<string, double> { ["loss"] = 0.9, ["val_loss"] = 1.1 });
        Assert.Single(LogDirectory.EventFiles(logs.Validation));
        Assert.Single(LogDirectory.EventFiles(logs.Train));
        callback.OnTrainEnd(new Dictionary<string, double>());
    }

    [Fact]
    public void EpochLogs_GoToTrainAndValidation_WithKerasTagsAndSteps()
    {
        using var logs = new LogDirectory();
        var model = new TensorBoardNet(seed: 1);
        using var callback = new TensorBoardCallback(logs.Path) { Model = model };
        double[] learningRates = [0.01, 0.005, 0.0025];
        var epochLogs = new List<Dictionary<string, double>>();
        var iterations = new List<long>();

        callback.OnTrainBegin(new Dictionary<string, double>());
        for (int epoch = 0; epoch < 3; epoch++)
        {
            TrainSteps(model, epoch + 1);
            model.LearningRate = learningRates[epoch];
            var epochLog = new Dictionary<string, double>
            {
                ["loss"] = 1.0 / (epoch + 1),
                ["accuracy"] = 0.3 + 0.2 * epoch,
                ["val_loss"] = 1.5 / (epoch + 1),
                ["val_accuracy"] = 0.25 + 0.25 * epoch,
            };
            callback.OnEpochEnd(epoch, epochLog);
            epochLogs.Add(epochLog);
            iterations.Add(model.Iterations);
        }
        callback.OnTrainEnd(new Dictionary<string, double>());

        List<DecodedEvent> train = EventFileReader.ReadEvents(LogDirectory.SingleEventFile(logs.Train));
        List<DecodedEvent> validation = EventFileReader.ReadEvents(LogDirectory.SingleEventFile(logs.Validation));
        Assert.Equal("brain.Event:2", train[0].FileVersion);
        Assert.Equal("brain.Event:2", validation[0].FileVersion);

        var expectedTrain = new List<(string, long, float)>();
        var expectedValidation = new List<(string, long, float)>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var l = epochLogs[epoch];
            expectedTrain.Add(("epoch_loss", epoch, (float)l["loss"]));
            expectedTrain.Add(("epoch_accuracy", epoch, (float)l["accuracy"]));
            expectedTrain.Add(("epoch_learning_rate", epoch, (float)learningRates[epoch]));
            expectedValidation.Add(("evaluation_loss_vs_iterations", iterations[epoch], (float)l["val_loss"]));
            expectedValidation.Add(("evaluation_accuracy_vs_iterations", iterations[epoch], (float)l["val_accuracy"]));
            expectedValidation.Add(("epoch_loss", epoch, (float)l["val_loss"]));
            expectedValidation.Add(("epoch_accuracy", epoch, (float)l["val_accuracy"]));
        }
        Assert.Equal(expectedTrain, Scalars(train));
        Assert.Equal(expectedValidation, Scalars(validation));
        Assert.Equal([1L, 3L, 6L], iterations);
    }

    [Fact]
    public void LearningRateLogs_KeepKeras2sLr_AndDoNotDuplicateLearningRate()
    {
        using var logs = new LogDirectory();
        var model = new TensorBoardNet(seed: 1) { LearningRate = 0.125 };
        using var callback = new TensorBoardCallback(logs.Path) { Model = model };

        callback.OnEpochEnd(4, new Dictionary<string, double> { ["loss"] = 2.0, ["lr"] = 0.5, ["learning_rate"] = 0.75 });
        callback.OnTrainEnd(new Dictionary<string, double>());

        var scalars = Scalars(EventFileReader.ReadEvents(LogDirectory.SingleEventFile(logs.Train)));
        Assert.Equal([("epoch_loss", 4L, 2f), ("epoch_lr", 4L, 0.5f), ("epoch_learning_rate", 4L, 0.125f)], scalars);
        Assert.False(Directory.Exists(logs.Validation));
    }

    [Fact]
    public void EveryEpoch_IsFlushed_BeforeTrainingEnds()
    {
        using var logs = new LogDirectory();
        using var callback = new TensorBoardCallback(logs.Path) { Model = new TensorBoardNet(seed: 1) };
        callback.OnTrainBegin(new Dictionary<string, double>());

        callback.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.75 });

        Assert.Equal([("epoch_loss", 0L, 0.5f), ("epoch_learning_rate", 0L, 0.001f)],
            Scalars(EventFileReader.ReadEvents(LogDirectory.SingleEventFile(logs.Train))));
        Assert.Equal([("evaluation_loss_vs_iterations", 0L, 0.75f), ("epoch_loss", 0L, 0.75f)],
            Scalars(EventFileReader.ReadEvents(LogDirectory.SingleEventFile(logs.Validation))));
        callback.OnTrainEnd(new Dictionary<string, double>());
    }

    [Fact]
    public void TrainEnd_ClosesTheFiles_AndASecondRunStartsNewOnes()
    {
        using var logs = new LogDirectory();
        using var callback = new TensorBoardCallback(logs.Path) { Model = new TensorBoardNet(seed: 1) };
        callback.OnTrainBegin(new Dictionary<string, double>());
        callback.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.75 });

        callback.OnTrainEnd(new Dictionary<string, double>());

        foreach (string file in LogDirectory.EventFiles(logs.Train).Concat(LogDirectory.EventFiles(logs.Validation)))
            using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { } // closed: nobody holds it

        callback.OnTrainBegin(new Dictionary<string, double>());
        callback.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.25 });
        callback.OnTrainEnd(new Dictionary<string, double>());

        string[] trainFiles = LogDirectory.EventFiles(logs.Train);
        Assert.Equal(2, trainFiles.Length);
        Assert.Equal(0.5f, Scalars(EventFileReader.ReadEvents(trainFiles[0]))[0].Value);
        Assert.Equal(0.25f, Scalars(EventFileReader.ReadEvents(trainFiles[1]))[0].Value);
        Assert.Single(LogDirectory.EventFiles(logs.Validation));
    }

    [Fact]
    public void Dispose_ClosesTheFiles_AndTheCallbackCannotBeReused()
    {
        using var logs = new LogDirectory();
        var callback = new TensorBoardCallback(logs.Path) { Model = new TensorBoardNet(seed: 1) };
        callback.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.5 });

        callback.Dispose();
        callback.Dispose();

        string file = LogDirectory.SingleEventFile(logs.Train);
        using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
        Assert.Equal(3, EventFileReader.ReadEvents(file).Count);
        Assert.Throws<ObjectDisposedException>(() => callback.OnEpochEnd(1, new Dictionary<string, double> { ["loss"] = 0.4 }));
        Assert.Throws<ObjectDisposedException>(() => callback.OnTrainBegin(new Dictionary<string, double>()));
        Assert.Throws<ArgumentException>(() => new TensorBoardCallback(""));
    }

    [Fact]
    public void Fit_WritesHistoryAsScalars()
    {
        using var logs = new LogDirectory();
        var model = new TensorBoardNet(seed: 3);
        var random = new Random(5);
        float[] features = Enumerable.Range(0, 12 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, 12).Select(i => i % 3).ToArray();
        DataSet train = DataSet.FromClassLabels(features, [4], labels);
        DataSet validation = DataSet.FromClassLabels(features[..(6 * 4)], [4], labels[..6]);
        var callback = new TensorBoardCallback(logs.Path);

        History history = model.Fit(train, epochs: 3, batchSize: 4, validationData: validation, callbacks: [callback], verbose: 0);

        var expectedTrain = new List<(string, long, float)>();
        var expectedValidation = new List<(string, long, float)>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            long iterations = 3L * (epoch + 1); // 12 samples in batches of 4
            expectedTrain.Add(("epoch_loss", epoch, (float)history["loss"][epoch]));
            expectedTrain.Add(("epoch_accuracy", epoch, (float)history["accuracy"][epoch]));
            expectedTrain.Add(("epoch_learning_rate", epoch, 0.001f)); // Adam's default
            expectedValidation.Add(("evaluation_loss_vs_iterations", iterations, (float)history["val_loss"][epoch]));
            expectedValidation.Add(("evaluation_accuracy_vs_iterations", iterations, (float)history["val_accuracy"][epoch]));
            expectedValidation.Add(("epoch_loss", epoch, (float)history["val_loss"][epoch]));
            expectedValidation.Add(("epoch_accuracy", epoch, (float)history["val_accuracy"][epoch]));
        }
        string trainFile = LogDirectory.SingleEventFile(logs.Train);
        string validationFile = LogDirectory.SingleEventFile(logs.Validation);
        Assert.Equal(expectedTrain, Scalars(EventFileReader.ReadEvents(trainFile)));
        Assert.Equal(expectedValidation, Scalars(EventFileReader.ReadEvents(validationFile)));
        using (new FileStream(trainFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { } // closed at train end
        callback.Dispose();
    }

    /// <summary>With StepsPerEpoch, an epoch is that many optimizer steps: each validation is written at a multiple of it.</summary>
    [Fact]
    public void Fit_WithStepsPerEpoch_WritesTheValidationAtThoseSteps()
    {
        using var logs = new LogDirectory();
        var model = new TensorBoardNet(seed: 3);
        var random = new Random(5);
        float[] features = Enumerable.Range(0, 12 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        int[] labels = Enumerable.Range(0, 12).Select(i => i % 3).ToArray();
        DataSet train = DataSet.FromClassLabels(features, [4], labels);
        DataSet validation = DataSet.FromClassLabels(features[..(6 * 4)], [4], labels[..6]);
        using var callback = new TensorBoardCallback(logs.Path);

        History history = model.Fit(train, new FitOptions
        {
            Epochs = 3, BatchSize = 4, StepsPerEpoch = 2, ValidationData = validation, Callbacks = [callback], Verbose = Verbosity.Silent,
        });

        var evaluationSteps = Scalars(EventFileReader.ReadEvents(LogDirectory.SingleEventFile(logs.Validation)))
            .Where(s => s.Tag == "evaluation_loss_vs_iterations")
            .Select(s => (s.Step, s.Value));
        Assert.Equal([(2L, (float)history["val_loss"][0]), (4L, (float)history["val_loss"][1]), (6L, (float)history["val_loss"][2])], evaluationSteps);
    }

    /// <summary>The (tag, step, value) of every scalar event after the file_version record, checking each is a TF2 scalar.</summary>
    private static List<(string Tag, long Step, float Value)> Scalars(List<DecodedEvent> events)
    {
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var scalars = new List<(string, long, float)>();
        foreach (DecodedEvent e in events.Skip(1))
        {
            DecodedValue value = Assert.Single(e.Values);
            Assert.Equal("scalars", value.PluginName);
            Assert.Equal(1, value.Dtype);
            Assert.Equal(0, value.ShapeDims);
            scalars.Add((value.Tag, e.Step, Assert.Single(value.FloatVal)));
        }
        return scalars;
    }

    /// <summary>Runs <paramref name="count"/> training steps so that <see cref="Model.Iterations"/> moves.</summary>
    private static void TrainSteps(TensorBoardNet model, int count)
    {
        float[] inputs = [0.1f, 0.2f, 0.3f, 0.4f, 0.4f, 0.3f, 0.2f, 0.1f];
        float[] labels = [0f, 2f];
        for (int i = 0; i < count; i++) model.TrainStep(inputs, labels, batch: 2);
    }
}
