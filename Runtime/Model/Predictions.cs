using System;

namespace NetGen;

/// <summary>
/// The outputs of <c>Predict</c>, one row of <see cref="Width"/> values per sample (Keras's <c>predict</c> returns an array
/// of shape <c>(samples, outputs)</c>): <c>predictions[i, j]</c>, <see cref="Row"/>, <see cref="Classes"/>.
/// </summary>
public sealed class Predictions
{
    /// <summary>Wraps <paramref name="values"/> (not copied): <paramref name="count"/> rows of <paramref name="width"/> values.</summary>
    /// <exception cref="ArgumentException">The length is not <paramref name="count"/> × <paramref name="width"/>.</exception>
    public Predictions(float[] values, int count, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length != (long)count * width)
            throw new ArgumentException($"Expected {count} rows of {width} values ({(long)count * width}); found {values.Length} values.", nameof(values));
        Values = values;
        Count = count;
        Width = width;
    }

    /// <summary>Every value, row after row.</summary>
    public float[] Values { get; }

    /// <summary>The number of samples (rows).</summary>
    public int Count { get; }

    /// <summary>The number of values per sample (the network's output size).</summary>
    public int Width { get; }

    /// <summary>Output <paramref name="output"/> of sample <paramref name="sample"/>.</summary>
    public float this[int sample, int output]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(sample);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, Count);
            ArgumentOutOfRangeException.ThrowIfNegative(output);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, Width);
            return Values[sample * Width + output];
        }
    }

    /// <summary>The outputs of sample <paramref name="sample"/>.</summary>
    public ReadOnlySpan<float> Row(int sample) => Values.AsSpan(checked(sample * Width), Width);

    /// <summary>
    /// The predicted class of each sample: the index of the largest output (the first on ties, as NumPy's <c>argmax</c>),
    /// or, for one output (a sigmoid), 1 when it is above 0.5 — Keras's <c>predict(x).argmax(-1)</c> and
    /// <c>(predict(x) &gt; 0.5)</c>.
    /// </summary>
    public int[] Classes()
    {
        var classes = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            ReadOnlySpan<float> row = Row(i);
            if (Width == 1)
            {
                classes[i] = row[0] > 0.5f ? 1 : 0;
                continue;
            }
            int best = 0;
            for (int j = 1; j < row.Length; j++)
            {
                if (row[j] > row[best]) best = j;
            }
            classes[i] = best;
        }
        return classes;
    }

    /// <summary>A copy as a two-dimensional array <c>[sample, output]</c>.</summary>
    public float[,] ToArray()
    {
        var array = new float[Count, Width];
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Width; j++) array[i, j] = Values[i * Width + j];
        return array;
    }
}
