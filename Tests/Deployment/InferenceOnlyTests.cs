using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Tests.Checkpoints;
using Served = NetGen.Tests.Deployment.Served;
using Trained = NetGen.Tests.Deployment.Trained;

namespace NetGen.Tests.Deployment;

/// <summary>
/// [Network(InferenceOnly = true)]: a twin of a trained network (same class name and layers) loads the trained
/// network's weights file and predicts exactly what it predicts, holds no gradient or optimizer state, and refuses
/// everything that would train.
/// </summary>
public sealed class InferenceOnlyTests
{
    [Fact]
    public void Cnn_WithBatchNormalizationAndDropouts_PredictsWhatTheTrainedNetworkPredicts()
    {
        var trained = new Trained.ServedCnn(seed: 3);
        float[] x = Values(40 * 64, seed: 1);
        float[] labels = Labels(40, classes: 3);
        trained.Fit(new DataSet(x, [8, 8, 1], labels), epochs: 2, batchSize: 8, verbose: 0);
        AssertServedTwinPredictsTheSame(trained, new Served.ServedCnn(), x);
    }

    [Fact]
    public void StackedRecurrentLayers_PredictWhatTheTrainedNetworkPredicts()
    {
        var trained = new Trained.ServedSequence(seed: 5);
        float[] x = Values(24 * 6 * 4, seed: 2);
        float[] labels = Values(24 * 2, seed: 3, min: 0, max: 1);
        trained.Fit(new DataSet(x, [6, 4], labels, labelWidth: 2), epochs: 2, batchSize: 6, verbose: 0);
        AssertServedTwinPredictsTheSame(trained, new Served.ServedSequence(), x);
    }

    [Fact]
    public void GraphWithTwoInputs_PredictsWhatTheTrainedNetworkPredicts()
    {
        var trained = new Trained.ServedWideAndDeep(seed: 7);
        float[] wide = Values(30 * 5, seed: 4), deep = Values(30 * 7, seed: 5);
        float[] labels = Values(30, seed: 6);
        trained.Fit(new DataSet([("wide", wide), ("deep", deep)], labels), epochs: 2, batchSize: 10, verbose: 0);

        using var folder = new TemporaryFolder();
        string path = folder.File("wide-and-deep.weights.safetensors");
        trained.SaveWeights(path);
        var served = new Served.ServedWideAndDeep();
        served.LoadWeights(path);
        var inputs = new List<(string Name, float[] Values)> { ("wide", wide), ("deep", deep) };
        Assert.Equal(trained.Predict(inputs), served.Predict(inputs));
    }

    [Fact]
    public void Embedding_PredictsWhatTheTrainedNetworkPredicts()
    {
        var trained = new Trained.ServedEmbedding(seed: 9);
        var random = new Random(7);
        float[] tokens = new float[32 * 10];
        for (int i = 0; i < tokens.Length; i++) tokens[i] = random.Next(20);
        float[] labels = Labels(32, classes: 2);
        trained.Fit(new DataSet(tokens, [10], labels), epochs: 2, batchSize: 8, verbose: 0);
        AssertServedTwinPredictsTheSame(trained, new Served.ServedEmbedding(), tokens);
    }

    [Fact]
    public void HoldsNoGradientsOrOptimizerState()
    {
        var served = new Served.ServedCnn();
        var trained = new Trained.ServedCnn();
        Assert.True(served.IsInferenceOnly);
        Assert.False(trained.IsInferenceOnly);
        Assert.Equal(0, served.Gradients.Length);
        Assert.Equal(trained.Parameters.Length, served.Parameters.Length);
        Assert.Equal(0, served.Description.OptimizerSlotCount);
        // The same initial weights from the same seed: the layout and initializers are the trained network's.
        Assert.Equal(new Trained.ServedCnn(seed: 4).Parameters.ToArray(), new Served.ServedCnn(seed: 4).Parameters.ToArray());
    }

    [Fact]
    public void RefusesEverythingThatTrains_NamingTheNetworkAndTheWayOut()
    {
        var served = new Served.ServedCnn(seed: 1);
        float[] before = served.Parameters.ToArray();
        float[] x = Values(4 * 64, seed: 8);
        float[] labels = Labels(4, classes: 3);
        var data = new DataSet(x, [8, 8, 1], labels);
        using var folder = new TemporaryFolder();

        var errors = new List<InvalidOperationException>
        {
            Assert.Throws<InvalidOperationException>(() => served.Fit(data, epochs: 1, verbose: 0)),
            Assert.Throws<InvalidOperationException>(() => served.Fit(data, new FitOptions { Epochs = 1 })),
            Assert.Throws<InvalidOperationException>(() => served.Evaluate(data)),
            Assert.Throws<InvalidOperationException>(() => served.TrainStep(x, labels, 4)),
            Assert.Throws<InvalidOperationException>(() => served.Forward(x, 4, training: true).Length),
            Assert.Throws<InvalidOperationException>(() => served.ComputeLoss(labels)),
            Assert.Throws<InvalidOperationException>(() => served.Backward(labels)),
            Assert.Throws<InvalidOperationException>(() => served.ApplyGradients()),
            Assert.Throws<InvalidOperationException>(() => served.SaveCheckpoint(folder.File("checkpoint.safetensors"))),
            Assert.Throws<InvalidOperationException>(() => served.LoadCheckpoint(folder.File("checkpoint.safetensors"))),
        };
        foreach (InvalidOperationException error in errors)
        {
            Assert.Contains("ServedCnn is declared [Network(InferenceOnly = true)]", error.Message, StringComparison.Ordinal);
            Assert.Contains("LoadWeights", error.Message, StringComparison.Ordinal);
        }
        Assert.Empty(folder.Entries());
        Assert.Equal(before, served.Parameters.ToArray());
        Assert.Equal(0, served.Iterations);
        // Inference still works after the refusals.
        Assert.Equal(4 * 3, served.Predict(x).Length);
    }

    [Fact]
    public void WeightsOfAnotherNetwork_AreRefusedAsForAnyNetwork()
    {
        var trained = new Trained.ServedCnn(seed: 2);
        using var folder = new TemporaryFolder();
        string path = folder.File("cnn.weights.safetensors");
        trained.SaveWeights(path);
        var other = new Served.ServedCnnWithoutDropout();
        float[] before = other.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => other.LoadWeights(path));
        Assert.Contains("ServedCnn", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, other.Parameters.ToArray());
    }

    private static void AssertServedTwinPredictsTheSame(Model trained, Model served, float[] x)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File(trained.Description.Name + ".weights.safetensors");
        trained.SaveWeights(path);
        served.LoadWeights(path);
        Assert.Equal(trained.Parameters.ToArray(), served.Parameters.ToArray());
        float[] expected = trained.Predict(x, batchSize: 7);
        Assert.Equal(expected, served.Predict(x, batchSize: 7));
        // One sample at a time, as a server answers requests.
        int size = trained.InputSize, outputs = trained.OutputSize;
        for (int n = 0; n < 3; n++)
            Assert.Equal(expected.AsSpan(n * outputs, outputs).ToArray(), served.Predict(x.AsSpan(n * size, size)));
    }

    private static float[] Values(int count, int seed, float min = -1, float max = 1)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = min + (max - min) * (float)random.NextDouble();
        return values;
    }

    private static float[] Labels(int count, int classes)
    {
        var labels = new float[count];
        for (int i = 0; i < count; i++) labels[i] = i % classes;
        return labels;
    }
}
