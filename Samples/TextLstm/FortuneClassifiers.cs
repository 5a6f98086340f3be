using NetGen;

namespace NetGen.Samples.TextLstm;

/// <summary>The sizes both classifiers are compiled for.</summary>
public static class FortuneText
{
    /// <summary>Token ids 0 (padding) … 4,999: the 4,999 most frequent words of the training texts (Tokenizer's numWords).</summary>
    public const int Vocabulary = 5000;

    /// <summary>Tokens per padded text: the last 80 words of a longer one (Keras's pad_sequences keeps the end by default).</summary>
    public const int Length = 80;

    /// <summary>The categories (FortuneCorpus.Categories).</summary>
    public const int Classes = 4;
}

/// <summary>Embedding + LSTM over the padded token ids: word order and context.</summary>
[Network]
[Input(FortuneText.Length, Type = InputType.TokenIds)]
[Embedding(FortuneText.Vocabulary, 32)]
[LSTM(32)]
[Dropout(0.5)]
[Dense(FortuneText.Classes, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 2e-3, Metrics = [Metric.Accuracy])]
public partial class FortuneLstm;

/// <summary>The baseline: which words a text contains (Tokenizer.TextsToMatrix, binary), through one hidden Dense layer.</summary>
[Network]
[Input(FortuneText.Vocabulary)]
[Dense(64, Activation.Relu)]
[Dropout(0.5)]
[Dense(FortuneText.Classes, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class FortuneBagOfWords;
