namespace NetGen.Tests.Runtime;

/// <summary>Same seed, same data: bit-identical weights and histories (initialization, Dropout masks and shuffling are all seeded).</summary>
public sealed class FitDeterminismTests
{
    [Fact]
    public void SameSeed_SameInitialWeights_DifferentSeed_DifferentWeights()
    {
        Assert.Equal(TestData.Bits(new RtDropoutClassifier(seed: 11).Parameters), TestData.Bits(new RtDropoutClassifier(seed: 11).Parameters));
        Assert.NotEqual(TestData.Bits(new RtDropoutClassifier(seed: 11).Parameters), TestData.Bits(new RtDropoutClassifier(seed: 12).Parameters));
    }

    [Fact]
    public void SameSeed_TrainingIsBitIdentical()
    {
        DataSet train = TestData.Classification(50, seed: 21);
        DataSet validation = TestData.Classification(12, seed: 22);
        var first = new RtDropoutClassifier(seed: 7);
        var second = new RtDropoutClassifier(seed: 7);

        History a = first.Fit(train, epochs: 3, batchSize: 8, validationData: validation, verbose: 0);
        History b = second.Fit(train, epochs: 3, batchSize: 8, validationData: validation, verbose: 0);

        Assert.Equal(TestData.Bits(first.Parameters), TestData.Bits(second.Parameters));
        foreach (string key in a.Keys) Assert.Equal(a[key], b[key]);
        Assert.Equal(first.Iterations, second.Iterations);
    }

    [Fact]
    public void DifferentSeeds_TrainToDifferentWeights()
    {
        DataSet train = TestData.Classification(50, seed: 21);
        var first = new RtDropoutClassifier(seed: 7);
        var second = new RtDropoutClassifier(seed: 8);

        first.Fit(train, epochs: 2, batchSize: 8, verbose: 0);
        second.Fit(train, epochs: 2, batchSize: 8, verbose: 0);

        Assert.NotEqual(TestData.Bits(first.Parameters), TestData.Bits(second.Parameters));
    }

    [Fact]
    public void SameInitialWeights_ShuffleSeedChangesTheResult()
    {
        // Two seeds, one set of starting weights: what differs is the shuffling and Dropout stream.
        DataSet train = TestData.Classification(50, seed: 21);
        var first = new RtDropoutClassifier(seed: 7);
        var second = new RtDropoutClassifier(seed: 8);
        first.Parameters.CopyTo(second.Parameters);

        first.Fit(train, epochs: 1, batchSize: 8, verbose: 0);
        second.Fit(train, epochs: 1, batchSize: 8, verbose: 0);

        Assert.NotEqual(TestData.Bits(first.Parameters), TestData.Bits(second.Parameters));
    }
}
