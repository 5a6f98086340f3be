using System.Linq;
using NetGen.Samples.ResidualFashionMnist;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// Samples/ResidualFashionMnist's network (its ResidualMlp.cs, compiled into this assembly): a stem and two Dense + Add
/// residual blocks, and one epoch on the bundled subset that must beat chance clearly.
/// </summary>
public sealed class ResidualFashionMnistSampleTests
{
    [Fact]
    public void ResidualMlp_IsAStemThenTwoResidualBlocks()
    {
        ModelDescription description = new ResidualMlp(seed: 1).Description;

        Assert.True(description.IsGraph);
        string[] block = ["Dense", "Dense", "Add", "Activation"];
        Assert.Equal(["Flatten", "Dense", .. block, .. block, "Dense"], description.Layers.Select(l => l.Type));
        LayerInfo Layer(string name) => description.Layers.Single(l => l.Name == name);
        Assert.Equal(["stem", "block1_dense2"], Layer("block1_add").Inbound);
        Assert.Equal(["block1_out", "block2_dense2"], Layer("block2_add").Inbound);
        Assert.Equal("(None, 256)", Layer("block2_out").OutputShape);
        // 784·256 + 256, four times 256·256 + 256, 256·10 + 10.
        Assert.Equal(200_960 + 4 * 65_792 + 2_570, description.ParameterCount);
        Assert.Equal(Optimizer.Adam, description.Optimizer);
        Assert.Equal(Loss.SparseCategoricalCrossentropy, description.Loss);
        Assert.Equal([Metric.Accuracy], description.Metrics);
    }

    [Fact]
    public void OneEpochOnTheBundledSubset_BeatsChanceClearly()
    {
        var (train, test) = FashionMnistSubset.Load();
        var model = new ResidualMlp(seed: 42);

        History history = model.Fit(train, epochs: 1, batchSize: 64, verbose: 0);
        var (loss, accuracy) = model.Evaluate(test);

        Assert.Equal((train.Count + 63) / 64, model.Iterations);
        Assert.True(double.IsFinite(history["loss"][0]), $"training loss {history["loss"][0]}");
        // Ten classes: chance is 0.1; one epoch on 2,000 images reaches about 0.7.
        Assert.True(accuracy > 0.5, $"test accuracy {accuracy} (loss {loss}) after one epoch");
    }
}
