using NetGen;

namespace NetGen.Samples.TextLstm;

/// <summary>
/// A text classifier: reviews padded to 40 token ids (Sequences.Pad), Embedding(1000, 32), LSTM(32) (its last state),
/// Dense(1, sigmoid); binary cross-entropy, Adam.
/// </summary>
[Network]
[Input(SentimentData.Length, Type = InputType.TokenIds)]
[Embedding(SentimentData.Vocabulary, 32)]
[LSTM(32)]
[Dense(1, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Adam, LearningRate = 3e-3, Metrics = [Metric.Accuracy])]
public partial class SentimentLstm;
