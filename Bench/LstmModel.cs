using NetGen;

namespace NetGen.Bench;

/// <summary>
/// The peer scripts' LSTM (`../shared/peers/lstm.py`): 80 token ids, Embedding(10000, 128), LSTM(128) (its last
/// state), Dense(1, sigmoid); binary cross-entropy, Adam.
/// </summary>
[Network]
[Input(80, Type = InputType.TokenIds)]
[Embedding(10000, 128)]
[LSTM(128)]
[Dense(1, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class TextLstm;

/// <summary>
/// lstm.py's synthetic task, drawn with NetGen's own seeded stream (the same distribution, not the same numbers):
/// sequences of 80 ids in [1, 10000) where about one position in ten is token 7 or 13 (even odds); the label is whether
/// 7 occurs more often than 13, and sequences with a tie are redrawn.
/// </summary>
internal static class SyntheticText
{
    public const int Vocabulary = 10000, Length = 80;

    public static (DataSet Train, DataSet Test) Make() => (Draw(20000, new SeededRandom(1234)), Draw(5000, new SeededRandom(4321)));

    private static DataSet Draw(int count, SeededRandom random)
    {
        var features = new float[count * Length];
        var labels = new float[count];
        var row = new float[Length];
        for (int n = 0; n < count;)
        {
            int sevens = 0, thirteens = 0;
            for (int t = 0; t < Length; t++)
            {
                if (random.NextDouble() < 0.1)
                {
                    bool seven = random.NextDouble() < 0.5;
                    row[t] = seven ? 7 : 13;
                    if (seven) sevens++;
                    else thirteens++;
                }
                else row[t] = 1 + random.NextInt32(Vocabulary - 1);
            }
            if (sevens == thirteens) continue;
            row.CopyTo(features, n * Length);
            labels[n++] = sevens > thirteens ? 1f : 0f;
        }
        return new DataSet(features, [Length], labels);
    }
}
