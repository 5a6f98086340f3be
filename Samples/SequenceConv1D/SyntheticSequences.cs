using System;

namespace NetGen.Samples.SequenceConv1D;

/// <summary>
/// The Conv1D peer's task (the PyTorch benchmark peer conv1d.py): sequences of 100 steps × 100 features drawn from a standard
/// normal distribution, labelled 1 when feature 0 summed over the steps is positive. The same distribution and rule as
/// the peer, from NetGen's own seeded generator (PyTorch's stream cannot be reproduced here), so the classes are
/// balanced and the task needs the whole sequence.
/// </summary>
public static class SyntheticSequences
{
    /// <summary>Steps per sequence.</summary>
    public const int Steps = 100;

    /// <summary>Features per step.</summary>
    public const int Features = 100;

    /// <summary>Creates <paramref name="count"/> labelled sequences of shape (100, 100).</summary>
    public static DataSet Create(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new SeededRandom(seed);
        var values = new float[count * Steps * Features];
        var labels = new float[count];
        for (int i = 0; i < values.Length; i += 2)
        {
            // Box–Muller: two independent standard normal values from two uniform ones.
            double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())), angle = 2.0 * Math.PI * random.NextDouble();
            values[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < values.Length) values[i + 1] = (float)(radius * Math.Sin(angle));
        }
        for (int n = 0; n < count; n++)
        {
            double sum = 0;
            for (int t = 0; t < Steps; t++) sum += values[(n * Steps + t) * Features];
            labels[n] = sum > 0 ? 1f : 0f;
        }
        return new DataSet(values, [Steps, Features], labels);
    }
}
