using System;

namespace NetGen.Tests.Runtime;

/// <summary>Keras's fit options: validation_split, initial_epoch, validation_freq.</summary>
public sealed class FitOptionsTests
{
    [Fact]
    public void ValidationSplitHoldsOutTheLastSamplesBeforeShuffling()
    {
        var (train, _) = FashionMnistSubset.Load();
        DataSet data = train.Slice(0, 100);
        var split = new EndToEnd.EndToEndMlp(seed: 4);
        History history = split.Fit(data, epochs: 1, batchSize: 16, verbose: 0, validationSplit: 0.25);

        // The same as training on the first 75 with the last 25 as validation data.
        var explicitly = new EndToEnd.EndToEndMlp(seed: 4);
        History expected = explicitly.Fit(data.Slice(0, 75), epochs: 1, batchSize: 16, verbose: 0, validationData: data.Slice(75, 25));

        Assert.Equal(expected["val_loss"][0], history["val_loss"][0]);
        Assert.Equal(expected["loss"][0], history["loss"][0]);
        Assert.True(split.Parameters.SequenceEqual(explicitly.Parameters));
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void AValidationSplitThatEmptiesASideIsRejected(double fraction)
    {
        var (train, _) = FashionMnistSubset.Load();
        var model = new EndToEnd.EndToEndMlp();
        Exception error = Assert.ThrowsAny<ArgumentException>(() => model.Fit(train.Slice(0, 10), verbose: 0, validationSplit: fraction));
        Assert.Contains("validationSplit", error.Message);
    }

    [Fact]
    public void InitialEpochContinuesTheEpochNumbering()
    {
        var (train, _) = FashionMnistSubset.Load();
        var model = new EndToEnd.EndToEndMlp();
        History history = model.Fit(train.Slice(0, 64), epochs: 5, initialEpoch: 3, batchSize: 32, verbose: 0);
        Assert.Equal(new[] { 3, 4 }, history.Epochs);
    }

    [Fact]
    public void ValidationFreqValidatesEveryNthEpoch()
    {
        var (train, test) = FashionMnistSubset.Load();
        var model = new EndToEnd.EndToEndMlp();
        History history = model.Fit(train.Slice(0, 64), epochs: 4, batchSize: 32, verbose: 0, validationData: test.Slice(0, 32), validationFreq: 2);
        Assert.Equal(4, history["loss"].Count);
        Assert.Equal(2, history["val_loss"].Count); // after epochs 2 and 4 (1-based), as Keras
    }
}
