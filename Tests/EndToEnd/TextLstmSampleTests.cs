using System.Linq;
using NetGen.Samples.TextLstm;

namespace NetGen.Tests.EndToEnd;

/// <summary>Samples/TextLstm: padded synthetic reviews (Sequences.Pad) through Embedding, LSTM and a sigmoid unit.</summary>
public sealed class TextLstmSampleTests
{
    [Fact]
    public void Reviews_ArePaddedTokenIdsWithBothLabels()
    {
        DataSet data = SentimentData.Make(500, seed: 3);
        Assert.Equal([SentimentData.Length], data.SampleShape.ToArray());
        Assert.All(data.Features, id => Assert.True(id >= 0 && id < SentimentData.Vocabulary && id == (int)id, $"id {id}"));
        Assert.Contains(0f, data.Features.ToArray()); // short reviews are padded with 0
        double positives = data.Labels.ToArray().Average();
        Assert.InRange(positives, 0.3, 0.7);
    }

    [Fact]
    public void OneShortEpoch_BeatsChance()
    {
        DataSet train = SentimentData.Make(3000, seed: 1), test = SentimentData.Make(1000, seed: 2);
        var model = new SentimentLstm(seed: 42);

        History history = model.Fit(train, epochs: 1, batchSize: 32, verbose: 0);
        var (loss, accuracy) = model.Evaluate(test);

        Assert.True(double.IsFinite(history["loss"][0]), $"training loss {history["loss"][0]}");
        // Two roughly balanced classes: chance is about 0.5 (the sample reaches 0.88 after one epoch on 10,000 reviews).
        Assert.True(accuracy > 0.6, $"test accuracy {accuracy} (loss {loss}) after one epoch");
    }
}
