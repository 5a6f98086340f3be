using System.Linq;
using NetGen.Samples.FashionCnn;
using NetGen.Samples.SequenceConv1D;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// The convolution samples' networks (Samples/FashionCnn's FashionCnn.cs and Samples/SequenceConv1D's
/// SequenceClassifier.cs, compiled into this assembly): their layers and parameter counts as Keras reports them, and a
/// short training run that must beat chance clearly. The samples' full figures (≥ 0.92 test accuracy for the CNN) are
/// measured by running them; see the README.
/// </summary>
public sealed class ConvolutionSampleTests
{
    [Fact]
    public void FashionCnn_IsTheTutorialsVggLikeNetwork()
    {
        ModelDescription description = new FashionCnn(seed: 1).Description;

        string[] block = ["Conv2D", "Conv2D", "MaxPooling2D", "Dropout"];
        Assert.Equal([.. block, .. block, "Flatten", "Dense", "Dropout", "Dense"], description.Layers.Select(l => l.Type));
        Assert.Equal("(None, 4, 4, 64)", description.Layers.Single(l => l.Name == "max_pooling2d_1").OutputShape);
        // Keras's summary: 320 + 9,248 + 18,496 + 36,928 + 262,400 + 2,570.
        Assert.Equal(329_962, description.ParameterCount);
        Assert.Equal([3, 3, 32, 64], description.GetWeight("conv2d_2/kernel").Shape);
    }

    [Fact]
    public void FashionCnn_OneEpochOnTheBundledSubset_BeatsChanceClearly()
    {
        var (images, testImages) = FashionMnistSubset.Load();
        DataSet train = images.Reshape(28, 28, 1), test = testImages.Reshape(28, 28, 1);
        var model = new FashionCnn(seed: 42);

        History history = model.Fit(train, epochs: 1, batchSize: 32, verbose: 0);
        var (loss, accuracy) = model.Evaluate(test);

        Assert.True(double.IsFinite(history["loss"][0]), $"training loss {history["loss"][0]}");
        // Ten classes: chance is 0.1; one epoch on 2,000 images reaches about 0.65.
        Assert.True(accuracy > 0.45, $"test accuracy {accuracy} (loss {loss}) after one epoch");
    }

    [Fact]
    public void SequenceClassifier_IsTheKerasGuidesConv1DNetwork()
    {
        ModelDescription description = new SequenceClassifier(seed: 1).Description;

        Assert.Equal(["Conv1D", "Conv1D", "MaxPooling1D", "Conv1D", "Conv1D", "GlobalAveragePooling1D", "Dropout", "Dense"],
            description.Layers.Select(l => l.Type));
        Assert.Equal("(None, 32, 64)", description.Layers.Single(l => l.Name == "max_pooling1d").OutputShape);
        // 100·3·64 + 64, 64·3·64 + 64, 64·3·128 + 128, 128·3·128 + 128, 128 + 1.
        Assert.Equal(19_264 + 12_352 + 24_704 + 49_280 + 129, description.ParameterCount);
    }

    [Fact]
    public void SequenceClassifier_LearnsTheSyntheticTask()
    {
        DataSet train = SyntheticSequences.Create(2_000, seed: 1), test = SyntheticSequences.Create(500, seed: 2);
        var model = new SequenceClassifier(seed: 42);

        model.Fit(train, epochs: 3, batchSize: 32, verbose: 0);
        var (loss, accuracy) = model.Evaluate(test);

        // Two balanced classes: chance is 0.5.
        Assert.True(accuracy > 0.6, $"test accuracy {accuracy} (loss {loss}) after three epochs on 2,000 sequences");
    }

    [Fact]
    public void SyntheticSequences_AreLabelledByTheSignOfFeatureZerosSum()
    {
        DataSet data = SyntheticSequences.Create(50, seed: 3);

        Assert.Equal([100, 100], data.SampleShape);
        for (int n = 0; n < data.Count; n++)
        {
            float[] sample = data.GetFeatures(n).ToArray();
            double sum = Enumerable.Range(0, 100).Sum(t => (double)sample[t * 100]);
            Assert.Equal(sum > 0 ? 1f : 0f, data.GetLabel(n)[0]);
        }
        Assert.InRange(data.Labels.Count(label => label == 1f), 10, 40);
    }
}
