using System;

namespace NetGen;

/// <summary>
/// Counts correct predictions the way Keras's <c>'accuracy'</c> resolves by shape: one output unit → binary
/// (output &gt; 0.5, applied as-is even to logits); class-index labels → sparse categorical (argmax == label);
/// otherwise categorical (argmax == argmax). Ties in argmax go to the first index.
/// </summary>
internal struct AccuracyCounter
{
    private double _correct;
    private double _count;

    public readonly double Result => _count == 0 ? 0 : _correct / _count;

    public void Reset() => (_correct, _count) = (0, 0);

    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, int batch, int outputSize, int labelWidth, ReadOnlySpan<float> weights = default)
    {
        for (int b = 0; b < batch; b++)
        {
            double weight = weights.IsEmpty ? 1 : weights[b];
            ReadOnlySpan<float> output = outputs.Slice(b * outputSize, outputSize);
            ReadOnlySpan<float> label = labels.Slice(b * labelWidth, labelWidth);
            if (outputSize == 1)
            {
                // Binary accuracy; Keras averages over the last axis first, which is one value here.
                if ((output[0] > 0.5f ? 1f : 0f) == label[0]) _correct += weight;
            }
            else if (labelWidth == 1)
            {
                if (ArgMax(output) == (int)label[0]) _correct += weight;
            }
            else if (ArgMax(output) == ArgMax(label))
            {
                _correct += weight;
            }
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
