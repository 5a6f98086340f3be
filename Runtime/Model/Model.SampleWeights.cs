using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen;

public abstract partial class Model
{
    // Fit's classWeight, turned into one weight per training sample (Keras: sample_weight = class_weight[class(y)]).
    // The generated loss reads the current batch's weights while _useSampleWeights is set, which only a training
    // step of a weighted Fit does: Evaluate, validation and the public ComputeLoss/Backward stay unweighted.
    private float[] _batchSampleWeights = [];
    private bool _useSampleWeights;

    /// <summary>Whether the current training batch carries sample weights (from <see cref="Fit"/>'s <c>classWeight</c>).</summary>
    protected bool HasSampleWeights => _useSampleWeights;

    /// <summary>The weight of row <paramref name="row"/> of the current batch (1 without sample weights).</summary>
    protected float SampleWeight(int row) => _useSampleWeights ? _batchSampleWeights[row] : 1f;

    /// <summary>
    /// Multiplies each row of the loss gradient by its sample weight, when the batch has weights: Keras's weighted loss
    /// is Σ wᵢ·Lᵢ / B, so row i's gradient is wᵢ times the unweighted one.
    /// </summary>
    protected void ApplySampleWeights(Span<float> outputGradient, int width)
    {
        if (!_useSampleWeights) return;
        int rows = outputGradient.Length / width;
        for (int b = 0; b < rows; b++)
        {
            float weight = _batchSampleWeights[b];
            Span<float> row = outputGradient.Slice(b * width, width);
            for (int j = 0; j < row.Length; j++) row[j] *= weight;
        }
    }

    /// <summary>Checks Keras's <c>sample_weight</c>: one finite, non-negative weight per training sample.</summary>
    /// <exception cref="ArgumentException">The length differs from the sample count, or a weight is negative or not finite.</exception>
    private static void CheckSampleWeights(float[] sampleWeight, int count)
    {
        if (sampleWeight.Length != count)
            throw new ArgumentException(
                $"Expected one sample weight per training sample ({count}); found {sampleWeight.Length}.", nameof(sampleWeight));
        for (int i = 0; i < sampleWeight.Length; i++)
        {
            if (!float.IsFinite(sampleWeight[i]) || sampleWeight[i] < 0)
                throw new ArgumentException(
                    $"Expected finite, non-negative sample weights; found {sampleWeight[i].ToString(CultureInfo.InvariantCulture)} at index {i}.", nameof(sampleWeight));
        }
    }

    /// <summary>Class weights (or none) times sample weights, per sample: Keras multiplies the two.</summary>
    private static float[] CombineSampleWeights(float[]? classWeights, float[] sampleWeight)
    {
        if (classWeights is null) return sampleWeight;
        var combined = new float[sampleWeight.Length];
        for (int i = 0; i < combined.Length; i++) combined[i] = classWeights[i] * sampleWeight[i];
        return combined;
    }

    /// <summary>
    /// One weight per sample of <paramref name="train"/> from Keras-style class weights: the class of a sample is its
    /// label (sparse), the index of its largest label value (one-hot) or its rounded label (binary, one output).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The keys are not exactly 0 … K−1, a weight is negative or not finite, or a sample's class has no weight.
    /// </exception>
    private float[] ClassSampleWeights(DataSet train, IReadOnlyDictionary<int, double> classWeight)
    {
        int classes = classWeight.Count;
        for (int c = 0; c < classes; c++)
        {
            if (!classWeight.ContainsKey(c))
                throw new ArgumentException(
                    $"Expected classWeight keys from 0 to {classes - 1} (one per class, as Keras requires); found [{string.Join(", ", classWeight.Keys.Order())}].",
                    nameof(classWeight));
        }
        foreach (var (c, weight) in classWeight)
        {
            if (!double.IsFinite(weight) || weight < 0)
                throw new ArgumentException($"Expected finite, non-negative class weights; class {c} has {weight.ToString(CultureInfo.InvariantCulture)}.", nameof(classWeight));
        }

        var weights = new float[train.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            ReadOnlySpan<float> label = train.GetLabel(i);
            int c = label.Length > 1 ? ArgMax(label) : (int)MathF.Round(label[0]);
            if (!classWeight.TryGetValue(c, out double weight))
                throw new ArgumentException($"Training sample {i} is of class {c}, which has no entry in classWeight (classes 0 to {classes - 1}).", nameof(classWeight));
            weights[i] = (float)weight;
        }
        return weights;
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
