using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>
/// Loss values and their gradients, with Keras's reduction (<c>sum_over_batch_size</c>): the per-sample losses
/// are summed and divided by the number of per-sample values. Values accumulate in double, as TF's tree
/// reductions stay within about 1e-6 relative of the exact sum.
/// </summary>
/// <remarks>
/// "Fused" variants take the logits a softmax or sigmoid output saw (Keras's <c>_keras_logits</c> shortcut, also
/// used for <c>from_logits=True</c>): no clipping, and the gradient with respect to the logits is exactly p − y.
/// The other variants take probabilities, clip them to [ε, 1 − ε] with ε = 1e-7 as Keras does, and return the
/// gradient with respect to the probabilities.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Losses
{
    /// <summary>Keras's backend epsilon.</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>Sparse categorical cross-entropy from logits: mean over rows of logsumexp(z) − z[y].</summary>
    public static double SparseCategoricalFromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> z = logits.Slice(b * units, units);
            total += LogSumExp(z) - z[(int)labels[b]];
        }
        return total / batch;
    }

    /// <summary>Gradient of <see cref="SparseCategoricalFromLogits"/> with respect to the logits: (p − onehot(y)) / B.</summary>
    public static void SparseCategoricalFromLogitsGradient(Span<float> logitsGradient, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length;
        float scale = 1f / batch;
        for (int b = 0; b < batch; b++)
        {
            int label = (int)labels[b];
            for (int j = 0; j < units; j++)
            {
                float p = probabilities[b * units + j];
                logitsGradient[b * units + j] = ((j == label ? p - 1f : p)) * scale;
            }
        }
    }

    /// <summary>Sparse categorical cross-entropy from probabilities (TF path): −log(p̃[y] / Σp̃), p̃ = clip(p, ε, 1 − ε).</summary>
    public static double SparseCategorical(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(b * units, units);
            double sum = 0;
            for (int j = 0; j < units; j++) sum += Clip(p[j]);
            total += Math.Log(sum) - Math.Log(Clip(p[(int)labels[b]]));
        }
        return total / batch;
    }

    /// <summary>Gradient of <see cref="SparseCategorical"/> with respect to the probabilities.</summary>
    public static void SparseCategoricalGradient(Span<float> gradient, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(b * units, units);
            int label = (int)labels[b];
            double sum = 0;
            for (int j = 0; j < units; j++) sum += Clip(p[j]);
            for (int j = 0; j < units; j++)
            {
                double g = 1.0 / sum - (j == label ? 1.0 / Clip(p[j]) : 0.0);
                gradient[b * units + j] = InClipRange(p[j]) ? (float)(g / batch) : 0f;
            }
        }
    }

    /// <summary>Categorical cross-entropy from logits: mean over rows of logsumexp(z)·Σy − Σ y·z.</summary>
    public static double CategoricalFromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length / units;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> z = logits.Slice(b * units, units);
            ReadOnlySpan<float> y = labels.Slice(b * units, units);
            double lse = LogSumExp(z), sumY = 0, dot = 0;
            for (int j = 0; j < units; j++)
            {
                sumY += y[j];
                dot += (double)y[j] * z[j];
            }
            total += lse * sumY - dot;
        }
        return total / batch;
    }

    /// <summary>Gradient of <see cref="CategoricalFromLogits"/> with respect to the logits: (p·Σy − y) / B.</summary>
    public static void CategoricalFromLogitsGradient(Span<float> logitsGradient, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length / units;
        float scale = 1f / batch;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> y = labels.Slice(b * units, units);
            float sumY = 0;
            for (int j = 0; j < units; j++) sumY += y[j];
            for (int j = 0; j < units; j++)
                logitsGradient[b * units + j] = (probabilities[b * units + j] * sumY - y[j]) * scale;
        }
    }

    /// <summary>Categorical cross-entropy from probabilities: q = p / Σp, then −Σ y·log(clip(q, ε, 1 − ε)).</summary>
    public static double Categorical(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length / units;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(b * units, units);
            ReadOnlySpan<float> y = labels.Slice(b * units, units);
            double sum = 0;
            for (int j = 0; j < units; j++) sum += p[j];
            for (int j = 0; j < units; j++) total -= y[j] * Math.Log(Clip(p[j] / sum));
        }
        return total / batch;
    }

    /// <summary>Gradient of <see cref="Categorical"/> with respect to the probabilities (through the renormalisation and the clip).</summary>
    public static void CategoricalGradient(Span<float> gradient, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, int units)
    {
        int batch = labels.Length / units;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(b * units, units);
            ReadOnlySpan<float> y = labels.Slice(b * units, units);
            double sum = 0;
            for (int j = 0; j < units; j++) sum += p[j];
            // g_k = dL/dq_k; dL/dp_j = (g_j − Σ_k g_k q_k) / Σp.
            double weighted = 0;
            for (int k = 0; k < units; k++)
            {
                double q = p[k] / sum;
                double g = InClipRange(q) ? -y[k] / q : 0.0;
                weighted += g * q;
            }
            for (int j = 0; j < units; j++)
            {
                double q = p[j] / sum;
                double g = InClipRange(q) ? -y[j] / q : 0.0;
                gradient[b * units + j] = (float)((g - weighted) / sum / batch);
            }
        }
    }

    /// <summary>Binary cross-entropy from logits: mean over all values of max(z, 0) − z·y + log(1 + e^−|z|).</summary>
    public static double BinaryFromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double z = logits[i];
            total += Math.Max(z, 0) - z * labels[i] + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
        return total / labels.Length;
    }

    /// <summary>Gradient of <see cref="BinaryFromLogits"/> with respect to the logits: (σ(z) − y) / (B·U).</summary>
    public static void BinaryFromLogitsGradient(Span<float> logitsGradient, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
    {
        float scale = 1f / labels.Length;
        for (int i = 0; i < labels.Length; i++) logitsGradient[i] = (probabilities[i] - labels[i]) * scale;
    }

    /// <summary>Binary cross-entropy from probabilities (tf.keras 2.x): −(y·log(p̃ + ε) + (1 − y)·log(1 − p̃ + ε)), p̃ = clip(p, ε, 1 − ε).</summary>
    public static double Binary(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Clip(probabilities[i]), y = labels[i];
            total -= y * Math.Log(p + Epsilon) + (1 - y) * Math.Log(1 - p + Epsilon);
        }
        return total / labels.Length;
    }

    /// <summary>Gradient of <see cref="Binary"/> with respect to the probabilities.</summary>
    public static void BinaryGradient(Span<float> gradient, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Clip(probabilities[i]), y = labels[i];
            double g = -(y / (p + Epsilon) - (1 - y) / (1 - p + Epsilon));
            gradient[i] = InClipRange(probabilities[i]) ? (float)(g / labels.Length) : 0f;
        }
    }

    /// <summary>Mean squared error: mean over all values of (p − y)².</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double e = (double)predictions[i] - labels[i];
            total += e * e;
        }
        return total / labels.Length;
    }

    /// <summary>Gradient of <see cref="MeanSquaredError"/>: 2(p − y) / (B·U).</summary>
    public static void MeanSquaredErrorGradient(Span<float> gradient, ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        float scale = 2f / labels.Length;
        for (int i = 0; i < labels.Length; i++) gradient[i] = (predictions[i] - labels[i]) * scale;
    }

    /// <summary>Mean absolute error: mean over all values of |p − y|.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++) total += Math.Abs((double)predictions[i] - labels[i]);
        return total / labels.Length;
    }

    /// <summary>Gradient of <see cref="MeanAbsoluteError"/>: sign(p − y) / (B·U), 0 where p = y (as TF's sign); NaN stays NaN.</summary>
    public static void MeanAbsoluteErrorGradient(Span<float> gradient, ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        float scale = 1f / labels.Length;
        for (int i = 0; i < labels.Length; i++)
        {
            float e = predictions[i] - labels[i];
            gradient[i] = e > 0 ? scale : e < 0 ? -scale : e * scale;
        }
    }

    /// <summary>Huber loss: mean over all values of ½e² where |e| ≤ δ, δ|e| − ½δ² elsewhere, with e = p − y.</summary>
    public static double Huber(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, float delta)
    {
        double d = delta, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double e = (double)predictions[i] - labels[i], a = Math.Abs(e);
            total += a <= d ? 0.5 * e * e : d * a - 0.5 * d * d;
        }
        return total / labels.Length;
    }

    /// <summary>Gradient of <see cref="Huber"/>: e where |e| ≤ δ, δ·sign(e) elsewhere (e clamped to [−δ, δ]), over (B·U).</summary>
    public static void HuberGradient(Span<float> gradient, ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, float delta)
    {
        float scale = 1f / labels.Length;
        for (int i = 0; i < labels.Length; i++) gradient[i] = Math.Clamp(predictions[i] - labels[i], -delta, delta) * scale;
    }

    private static double LogSumExp(ReadOnlySpan<float> z)
    {
        float max = z[0];
        for (int j = 1; j < z.Length; j++) max = MathF.Max(max, z[j]);
        double sum = 0;
        for (int j = 0; j < z.Length; j++) sum += Math.Exp((double)z[j] - max);
        return max + Math.Log(sum);
    }

    private static double Clip(double p) => Math.Clamp(p, Epsilon, 1 - (double)Epsilon);

    private static bool InClipRange(double p) => p >= Epsilon && p <= 1 - (double)Epsilon;
}
