using System;
using System.IO;

namespace NetGen.Tests.EndToEnd;

/// <summary>The sample's model, declared here as a user would, trained end to end on the bundled subset.</summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(128, Activation.Relu)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class EndToEndMlp;

public sealed class FashionMlpTrainingTests
{
    [Fact]
    public void TwoSeededEpochsOnTheBundledSubsetReachWellAboveChance()
    {
        var (train, test) = FashionMnistSubset.Load();
        var model = new EndToEndMlp(seed: 42);

        History history = model.Fit(train, epochs: 2, batchSize: 32, validationData: test, verbose: 0);
        var (loss, accuracy) = model.Evaluate(test);

        Assert.True(accuracy >= 0.70, $"test accuracy {accuracy:0.0000} after 2 epochs on 2,000 images; expected >= 0.70 (chance is 0.10)");
        Assert.True(history["loss"][1] < history["loss"][0], "the training loss should fall from epoch 1 to epoch 2");
        Assert.Equal(history["val_loss"][1], loss, 6);
        Assert.Equal(history["val_accuracy"][1], accuracy, 6);
    }

    [Fact]
    public void TrainingIsBitIdenticalForTheSameSeed()
    {
        var (train, _) = FashionMnistSubset.Load();
        var subset = train.Slice(0, 256);
        var first = new EndToEndMlp(seed: 7);
        var second = new EndToEndMlp(seed: 7);
        first.Fit(subset, epochs: 1, batchSize: 32, verbose: 0);
        second.Fit(subset, epochs: 1, batchSize: 32, verbose: 0);
        Assert.True(first.Parameters.SequenceEqual(second.Parameters), "same seed, same data, same thread count must give bit-identical weights");
    }

    [Fact]
    public void SummaryPrintsTheKerasTable()
    {
        var writer = new StringWriter();
        new EndToEndMlp().Summary(writer);
        string summary = writer.ToString();
        Assert.Contains(" dense (Dense)               (None, 128)               100480    ", summary);
        Assert.Contains("Total params: 101770 (397.54 KB)", summary);
    }
}
