using System;

namespace NetGen;

/// <summary>
/// Counts samples whose true class is among the <see cref="K"/> highest outputs, as Keras's top-k accuracies do with
/// TensorFlow's <c>in_top_k</c>: the class is inside when fewer than k outputs are strictly greater than its own, so
/// ties at the boundary count as inside.
/// </summary>
internal struct TopKAccuracyCounter
{
    /// <summary>Keras's default k.</summary>
    public const int K = 5;

    private double _correct;
    private double _count;

    public readonly double Result => _count == 0 ? 0 : _correct / _count;

    public void Reset() => (_correct, _count) = (0, 0);

    /// <summary>Adds a batch; <paramref name="sparse"/> says whether labels are class indices (else one-hot: the class is the largest label value).</summary>
    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, int batch, int outputSize, int labelWidth, bool sparse, ReadOnlySpan<float> weights = default)
    {
        for (int b = 0; b < batch; b++)
        {
            double weight = weights.IsEmpty ? 1 : weights[b];
            ReadOnlySpan<float> output = outputs.Slice(b * outputSize, outputSize);
            ReadOnlySpan<float> label = labels.Slice(b * labelWidth, labelWidth);
            int target = sparse ? (int)label[0] : ArgMax(label);
            float score = output[target];
            int greater = 0;
            for (int j = 0; j < output.Length; j++)
            {
                if (output[j] > score) greater++;
            }
            if (greater < K) _correct += weight;
            _count += weight;
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
