using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// An in-memory data set: <see cref="Count"/> samples of features (row-major, float32) and their labels.
/// </summary>
/// <remarks>
/// Labels are stored as float32 rows of <see cref="LabelWidth"/> values: a class index (exact as a float)
/// for sparse categorical labels, a one-hot or probability row for categorical labels, or regression
/// targets. The constructor checks sizes and finiteness; <see cref="Model.Fit"/> checks the labels
/// against the model (class range, width).
/// </remarks>
public sealed class DataSet
{
    private readonly int[] _sampleShape;

    /// <summary>Creates a data set from flat features and float labels (targets, one-hot rows, or class indices).</summary>
    /// <param name="features">All samples, row-major: <c>Count × Π sampleShape</c> values.</param>
    /// <param name="sampleShape">The shape of one sample, without the batch dimension, e.g. <c>[28, 28]</c>.</param>
    /// <param name="labels">All labels, row-major: <c>Count × labelWidth</c> values.</param>
    /// <param name="labelWidth">Values per label: 1 for a class index or a scalar target.</param>
    /// <exception cref="ArgumentException">Sizes disagree, a dimension is not positive, or a value is NaN or infinite.</exception>
    public DataSet(float[] features, int[] sampleShape, float[] labels, int labelWidth = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(labels);
        if (sampleShape.Length == 0)
            throw new ArgumentException("The sample shape must have at least one dimension.", nameof(sampleShape));
        int sampleSize = 1;
        foreach (int d in sampleShape)
        {
            if (d <= 0)
                throw new ArgumentException($"Every sample dimension must be positive; found shape {FormatShape(sampleShape)}.", nameof(sampleShape));
            sampleSize = checked(sampleSize * d);
        }
        if (labelWidth <= 0)
            throw new ArgumentException($"The label width must be positive; found {labelWidth}.", nameof(labelWidth));
        if (features.Length % sampleSize != 0)
            throw new ArgumentException(
                $"Expected the feature count to be a multiple of the sample size {sampleSize} (shape {FormatShape(sampleShape)}); found {features.Length} values.",
                nameof(features));
        int count = features.Length / sampleSize;
        if (count == 0)
            throw new ArgumentException("The data set is empty: expected at least one sample.", nameof(features));
        if (labels.Length != (long)count * labelWidth)
            throw new ArgumentException(
                $"Expected {count} labels of width {labelWidth} ({(long)count * labelWidth} values) for {count} samples; found {labels.Length} values.",
                nameof(labels));
        ThrowIfNotFinite(features, sampleSize, "feature", nameof(features));
        ThrowIfNotFinite(labels, labelWidth, "label", nameof(labels));

        Features = features;
        Labels = labels;
        LabelWidth = labelWidth;
        SampleSize = sampleSize;
        Count = count;
        _sampleShape = (int[])sampleShape.Clone();
    }

    /// <summary>Creates a classification data set with integer class labels (sparse categorical).</summary>
    /// <exception cref="ArgumentException">Sizes disagree or a label is negative.</exception>
    public static DataSet FromClassLabels(float[] features, int[] sampleShape, ReadOnlySpan<int> classLabels)
    {
        var labels = new float[classLabels.Length];
        for (int i = 0; i < classLabels.Length; i++)
        {
            if (classLabels[i] < 0)
                throw new ArgumentException($"Class labels must be non-negative; found {classLabels[i]} at index {i}.", nameof(classLabels));
            labels[i] = classLabels[i];
        }
        return new DataSet(features, sampleShape, labels, 1);
    }

    /// <summary>All features, row-major, <see cref="Count"/> × <see cref="SampleSize"/> values.</summary>
    public float[] Features { get; }

    /// <summary>All labels, row-major, <see cref="Count"/> × <see cref="LabelWidth"/> values.</summary>
    public float[] Labels { get; }

    /// <summary>The number of values in one label row.</summary>
    public int LabelWidth { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The number of feature values in one sample.</summary>
    public int SampleSize { get; }

    /// <summary>The shape of one sample, without the batch dimension.</summary>
    public IReadOnlyList<int> SampleShape => _sampleShape;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> GetFeatures(int index) => Features.AsSpan(checked(index * SampleSize), SampleSize);

    /// <summary>The label row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> GetLabel(int index) => Labels.AsSpan(checked(index * LabelWidth), LabelWidth);

    /// <summary>A copy of <paramref name="count"/> samples starting at <paramref name="start"/>.</summary>
    public DataSet Slice(int start, int count)
    {
        if (start < 0 || count <= 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Expected a non-empty range inside [0, {Count}); found start {start}, count {count}.");
        return new DataSet(
            Features.AsSpan(start * SampleSize, count * SampleSize).ToArray(), _sampleShape,
            Labels.AsSpan(start * LabelWidth, count * LabelWidth).ToArray(), LabelWidth);
    }

    /// <inheritdoc/>
    public override string ToString() => $"DataSet({Count} samples of shape {FormatShape(_sampleShape)}, labels of width {LabelWidth})";

    internal static string FormatShape(IReadOnlyList<int> shape)
    {
        var parts = new string[shape.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        return "(" + string.Join(", ", parts) + (parts.Length == 1 ? ",)" : ")");
    }

    private static void ThrowIfNotFinite(float[] values, int rowSize, string what, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(
                    $"Expected finite {what} values; found {values[i].ToString(CultureInfo.InvariantCulture)} in sample {i / rowSize} (value {i % rowSize}).",
                    parameter);
        }
    }
}
