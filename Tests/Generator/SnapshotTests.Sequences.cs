namespace NetGen.Tests.Generator;

/// <summary>Baselines of sequence networks: token ids, Embedding, stacked recurrent layers over a constant T.</summary>
public sealed partial class SnapshotTests
{
    /// <summary>A small text classifier: Embedding → LSTM (every state) → GRU read backwards → softmax.</summary>
    [Fact]
    public void TextRecurrent() => VerifyNetwork(nameof(TextRecurrent), """
        using NetGen;

        namespace Samples.Sequences;

        [Network]
        [Input(12, Type = InputType.TokenIds)]
        [Embedding(50, 8)]
        [LSTM(16, ReturnSequences = true)]
        [GRU(8, GoBackwards = true)]
        [Dense(3, Activation.Softmax)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
        public partial class TextRecurrent;
        """);
}
