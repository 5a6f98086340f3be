using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Metrics;

/// <summary>7 classes, so that k = 5 leaves two classes outside the top k.</summary>
[Network]
[Input(4)]
[Dense(7, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, Metrics = [Metric.Accuracy, Metric.SparseTopKCategoricalAccuracy])]
public partial class TopKSparseNet;

/// <summary>The one-hot twin of <see cref="TopKSparseNet"/>.</summary>
[Network]
[Input(4)]
[Dense(7, Activation.Softmax)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd, Metrics = [Metric.TopKCategoricalAccuracy])]
public partial class TopKOneHotNet;

/// <summary>Keras's top-k accuracies (k = 5) with TensorFlow's in_top_k tie rule.</summary>
public sealed class TopKAccuracyTests
{
    [Fact]
    public void CountsTheTrueClassWhenFewerThanKOutputsAreStrictlyGreater()
    {
        float[] outputs =
        [
            0.70f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, // class 0 is the top: inside
            0.30f, 0.20f, 0.15f, 0.12f, 0.10f, 0.08f, 0.05f, // class 6 is 7th: outside
            0.30f, 0.20f, 0.15f, 0.12f, 0.10f, 0.08f, 0.05f, // class 4 is exactly 5th: inside
            0.30f, 0.20f, 0.15f, 0.12f, 0.10f, 0.08f, 0.05f, // class 5 is 6th: outside
            0.40f, 0.10f, 0.10f, 0.10f, 0.10f, 0.10f, 0.10f, // class 6 ties 2nd..7th: 1 greater, inside
        ];
        float[] labels = [0, 6, 4, 5, 6];
        var counter = new TopKAccuracyCounter();
        counter.Update(outputs, labels, 5, 7, 1, sparse: true);
        Assert.Equal(3.0 / 5, counter.Result, 12);

        float[] oneHot = new float[5 * 7];
        for (int b = 0; b < 5; b++) oneHot[b * 7 + (int)labels[b]] = 1;
        var categorical = new TopKAccuracyCounter();
        categorical.Update(outputs, oneHot, 5, 7, 7, sparse: false, weights: [1, 1, 2, 3, 1]);
        Assert.Equal((1 + 2 + 1) / 8.0, categorical.Result, 12);
    }

    [Fact]
    public void FitAndEvaluate_LogTheKerasNames_WithValuesCountedFromPredict()
    {
        var random = new SeededRandom(3);
        var features = new float[40 * 4];
        for (int i = 0; i < features.Length; i++) features[i] = 2 * random.NextSingle() - 1;
        var sparseLabels = Enumerable.Range(0, 40).Select(i => (float)(i % 7)).ToArray();
        var sparse = new DataSet(features, [4], sparseLabels);
        var oneHotLabels = new float[40 * 7];
        for (int i = 0; i < 40; i++) oneHotLabels[i * 7 + i % 7] = 1;
        var oneHot = new DataSet(features, [4], oneHotLabels, 7);

        var sparseNet = new TopKSparseNet(seed: 1);
        History history = sparseNet.Fit(sparse, epochs: 1, batchSize: 8, validationData: sparse, verbose: 0);
        Assert.Equal(["loss", "accuracy", "sparse_top_k_categorical_accuracy", "val_loss", "val_accuracy", "val_sparse_top_k_categorical_accuracy"], history.Keys);
        double expected = CountTopFive(sparseNet.Predict(features), i => i % 7);
        Assert.Equal(expected, sparseNet.Evaluate(sparse).Metrics["sparse_top_k_categorical_accuracy"], 12);
        Assert.Equal(expected, history["val_sparse_top_k_categorical_accuracy"][0], 12);
        Assert.True(expected is > 0 and < 1, $"the test data should separate inside from outside; got {expected}");

        var oneHotNet = new TopKOneHotNet(seed: 1);
        oneHotNet.Fit(oneHot, epochs: 1, batchSize: 8, verbose: 0);
        Assert.Equal(CountTopFive(oneHotNet.Predict(features), i => i % 7), oneHotNet.Evaluate(oneHot).Metrics["top_k_categorical_accuracy"], 12);
    }

    private static double CountTopFive(float[] outputs, Func<int, int> label)
    {
        int samples = outputs.Length / 7, inside = 0;
        for (int i = 0; i < samples; i++)
        {
            float[] row = outputs.AsSpan(i * 7, 7).ToArray();
            float[] sorted = row.OrderByDescending(v => v).ToArray();
            if (row[label(i)] >= sorted[4]) inside++; // at least the 5th highest, ties included
        }
        return (double)inside / samples;
    }
}
