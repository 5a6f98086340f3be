using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Callbacks;

// Small networks and helpers for the callback tests. Most tests drive a callback directly with fabricated epoch logs;
// the network only supplies StopTraining, LearningRate and Parameters. Each callback also has one end-to-end Fit.

/// <summary>4 inputs, 3 classes, SGD with learning rate 0.1: the network the callbacks are attached to.</summary>
[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.1, Metrics = [Metric.Accuracy])]
public partial class CbClassifier;

/// <summary>A linear regression on 2 inputs: a huge learning rate makes its loss overflow.</summary>
[Network]
[Input(2)]
[Dense(1)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.01)]
public partial class CbRegression;

/// <summary>Helpers shared by the callback tests.</summary>
internal static class CallbackTestKit
{
    /// <summary>Attaches <paramref name="callback"/> to <paramref name="model"/> as <see cref="Model.Fit"/> does.</summary>
    public static T Attach<T>(T callback, Model model, int epochs = 100) where T : Callback
    {
        callback.Model = model;
        callback.Parameters = new TrainingParameters(epochs, Steps: 1, BatchSize: 32, Samples: 32, Verbose: 0);
        return callback;
    }

    /// <summary>
    /// Runs the epoch loop of <see cref="Model.Fit"/> without training: OnTrainBegin, then for each value one epoch whose
    /// logs hold it under <paramref name="key"/> (and a loss), stopping like Fit when StopTraining is set, then OnTrainEnd.
    /// <paramref name="beforeEpochEnd"/> runs before each OnEpochEnd, e.g. to change the weights; each epoch's logs, as
    /// OnEpochEnd left them, are added to <paramref name="epochLogs"/>. Returns the number of epochs run.
    /// </summary>
    public static int Drive(
        Callback callback, double[] values, string key = "val_loss", Action<int>? beforeEpochEnd = null,
        List<Dictionary<string, double>>? epochLogs = null)
    {
        callback.Model.StopTraining = false;
        callback.OnTrainBegin(new Dictionary<string, double>());
        int epoch = 0;
        for (; epoch < values.Length && !callback.Model.StopTraining; epoch++)
        {
            var logs = new Dictionary<string, double>();
            callback.OnEpochBegin(epoch, logs);
            beforeEpochEnd?.Invoke(epoch);
            logs["loss"] = 1.0;
            logs[key] = values[epoch];
            callback.OnEpochEnd(epoch, logs);
            epochLogs?.Add(logs);
        }
        callback.OnTrainEnd(new Dictionary<string, double>());
        return epoch;
    }

    /// <summary>The logs of one epoch, from name/value pairs.</summary>
    public static Dictionary<string, double> Logs(params (string Key, double Value)[] entries)
    {
        var logs = new Dictionary<string, double>();
        foreach (var (key, value) in entries) logs[key] = value;
        return logs;
    }

    /// <summary>A learnable classification set for <see cref="CbClassifier"/>: the features point at the class.</summary>
    public static DataSet Classification(int count, int seed)
    {
        var random = new SeededRandom(seed);
        var features = new float[count * 4];
        var labels = new float[count];
        for (int i = 0; i < count; i++)
        {
            int label = random.NextInt32(3);
            labels[i] = label;
            for (int j = 0; j < 4; j++)
                features[i * 4 + j] = (j % 3 == label ? 1f : 0f) + 0.5f * (2f * random.NextSingle() - 1f);
        }
        return new DataSet(features, [4], labels);
    }

    /// <summary>A fresh, empty temporary folder, deleted by <see cref="TempFolder.Dispose"/>.</summary>
    public static TempFolder NewTempFolder() => new();

    /// <summary>A temporary folder for files the tests write.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-callbacks-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        /// <summary>The folder.</summary>
        public string Path { get; }

        /// <summary>A path inside the folder.</summary>
        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file may still be open on some platforms.
            }
        }
    }
}
