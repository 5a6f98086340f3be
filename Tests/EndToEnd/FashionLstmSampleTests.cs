using System.Linq;
using NetGen.Samples.FashionLstm;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// Samples/FashionLstm's network (its FashionLstmNetwork.cs, compiled into this assembly): three stacked LSTMs over the
/// image rows, and one short epoch on the bundled subset that must beat chance clearly.
/// </summary>
public sealed class FashionLstmSampleTests
{
    [Fact]
    public void FashionLstm_IsThreeStackedLstmsThenSoftmax()
    {
        ModelDescription description = new FashionLstmNetwork(seed: 1).Description;

        Assert.Equal(["LSTM", "LSTM", "LSTM", "Dense"], description.Layers.Select(l => l.Type));
        Assert.Equal(["(None, 28, 32)", "(None, 28, 32)", "(None, 32)", "(None, 10)"], description.Layers.Select(l => l.OutputShape));
        // Keras: LSTM 4·(d·u + u² + u) with d = 28, then 32 twice; Dense 32·10 + 10.
        Assert.Equal(4 * (28 * 32 + 32 * 32 + 32) + 2 * 4 * (32 * 32 + 32 * 32 + 32) + 330, description.ParameterCount);
        Assert.Equal(["lstm/lstm_cell/kernel", "lstm/lstm_cell/recurrent_kernel", "lstm/lstm_cell/bias"], description.Weights.Take(3).Select(w => w.Name));
        Assert.Equal(Optimizer.Adam, description.Optimizer);
    }

    /// <summary><c>--cell gru|simple</c>: the same stack with Keras's parameter counts for each cell.</summary>
    [Fact]
    public void TheOtherCells_HaveKerasParameterCounts()
    {
        ModelDescription gru = new FashionGruNetwork(seed: 1).Description;
        ModelDescription simple = new FashionSimpleRnnNetwork(seed: 1).Description;

        Assert.Equal(["GRU", "GRU", "GRU", "Dense"], gru.Layers.Select(l => l.Type));
        Assert.Equal(["SimpleRNN", "SimpleRNN", "SimpleRNN", "Dense"], simple.Layers.Select(l => l.Type));
        // Keras: GRU (reset_after) 3·(d·u + u² + 2u); SimpleRNN d·u + u² + u; d = 28, then 32 twice.
        Assert.Equal(3 * (28 * 32 + 32 * 32 + 64) + 2 * 3 * (32 * 32 + 32 * 32 + 64) + 330, gru.ParameterCount);
        Assert.Equal((28 * 32 + 32 * 32 + 32) + 2 * (32 * 32 + 32 * 32 + 32) + 330, simple.ParameterCount);
    }

    [Fact]
    public void OneEpochOnTheBundledSubset_BeatsChanceClearly()
    {
        var (train, test) = FashionMnistSubset.Load();
        var model = new FashionLstmNetwork(seed: 42);

        History history = model.Fit(train, epochs: 1, batchSize: 32, verbose: 0);
        var (loss, accuracy) = model.Evaluate(test);

        Assert.Equal((train.Count + 31) / 32, model.Iterations);
        Assert.True(double.IsFinite(history["loss"][0]), $"training loss {history["loss"][0]}");
        // Ten classes: chance is 0.1; one epoch on 2,000 images reaches about 0.5.
        Assert.True(accuracy > 0.3, $"test accuracy {accuracy} (loss {loss}) after one epoch");
    }
}
