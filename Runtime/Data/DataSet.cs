using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// An in-memory data set: <see cref="Count"/> samples of features (row-major, float32) and their labels. The features
/// are one array, or for a network with several inputs one named array per input (<see cref="Inputs"/>).
/// </summary>
/// <remarks>
/// Labels are stored as float32 rows of <see cref="LabelWidth"/> values: a class index (exact as a float)
/// for sparse categorical labels, a one-hot or probability row for categorical labels, or regression
/// targets. The constructor checks sizes and finiteness; <see cref="Model.Fit"/> checks the labels
/// against the model (class range, width) and matches the inputs to the network's by name.
/// </remarks>
public sealed class DataSet
{
    private readonly DataSetInput[] _inputs;
    private readonly int[] _sampleSizes;

    /// <summary>Where each output's labels sit in a label row, when they were given by output name; else null.</summary>
    private readonly LabelPart[]? _labelParts;

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
        ThrowIfNotFinite(features, sampleSize, "feature", null, nameof(features));
        ThrowIfNotFinite(labels, labelWidth, "label", null, nameof(labels));

        _inputs = [new DataSetInput(ModelDescription.DefaultInputName, features, (int[])sampleShape.Clone())];
        _sampleSizes = [sampleSize];
        Labels = labels;
        LabelWidth = labelWidth;
        Count = count;
    }

    /// <summary>
    /// Creates a data set with several named inputs, each a flat array whose samples are vectors (Keras's
    /// <c>fit({"wide": x_wide, "deep": x_deep}, y)</c>). The sample count is <c>labels.Length / labelWidth</c>, and the
    /// sample shape of each input is <c>(Values.Length / count,)</c>.
    /// </summary>
    /// <param name="inputs">One (name, values) pair per input; the names are matched to the network's inputs.</param>
    /// <param name="labels">All labels, row-major: <c>Count × labelWidth</c> values.</param>
    /// <param name="labelWidth">Values per label: 1 for a class index or a scalar target.</param>
    /// <exception cref="ArgumentException">
    /// No inputs, an empty or repeated name, an input whose length is not a whole positive number of values per sample,
    /// labels that are not a whole number of rows, or a value that is NaN or infinite; the message names the input.
    /// </exception>
    public DataSet(IReadOnlyList<(string Name, float[] Values)> inputs, float[] labels, int labelWidth = 1)
        : this(VectorInputs(inputs, labels, labelWidth), labels, labelWidth)
    {
    }

    /// <summary>
    /// Creates a data set with several named inputs of explicit sample shapes, e.g. an image input of shape
    /// <c>[28, 28]</c> beside a vector input of shape <c>[3]</c>.
    /// </summary>
    /// <param name="inputs">The inputs; each holds <c>Count × Π SampleShape</c> values. The data set keeps its own copies of the shapes.</param>
    /// <param name="labels">All labels, row-major: <c>Count × labelWidth</c> values.</param>
    /// <param name="labelWidth">Values per label: 1 for a class index or a scalar target.</param>
    /// <exception cref="ArgumentException">
    /// No inputs, an empty or repeated name, a shape with a dimension that is not positive, an input that is not a whole
    /// number of its samples, inputs with different sample counts, labels that do not match the count, or a value that
    /// is NaN or infinite; the message names the input.
    /// </exception>
    public DataSet(IReadOnlyList<DataSetInput> inputs, float[] labels, int labelWidth = 1)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (labelWidth <= 0)
            throw new ArgumentException($"The label width must be positive; found {labelWidth}.", nameof(labelWidth));
        if (inputs.Count == 0)
            throw new ArgumentException("Expected at least one input; found none.", nameof(inputs));
        var copies = new DataSetInput[inputs.Count];
        var sizes = new int[inputs.Count];
        int count = -1;
        for (int i = 0; i < copies.Length; i++)
        {
            DataSetInput input = inputs[i] ?? throw new ArgumentException($"Input {i} is null.", nameof(inputs));
            CheckName(inputs, i, input.Name);
            if (input.Values is null)
                throw new ArgumentException($"The values of input '{input.Name}' are null.", nameof(inputs));
            if (input.SampleShape is null || input.SampleShape.Length == 0)
                throw new ArgumentException($"The sample shape of input '{input.Name}' must have at least one dimension.", nameof(inputs));
            int size = 1;
            foreach (int d in input.SampleShape)
            {
                if (d <= 0)
                    throw new ArgumentException(
                        $"Every sample dimension must be positive; input '{input.Name}' has shape {FormatShape(input.SampleShape)}.", nameof(inputs));
                size = checked(size * d);
            }
            if (input.Values.Length % size != 0)
                throw new ArgumentException(
                    $"Expected the length of input '{input.Name}' to be a multiple of its sample size {size} (shape {FormatShape(input.SampleShape)}); found {input.Values.Length} values.",
                    nameof(inputs));
            int samples = input.Values.Length / size;
            if (samples == 0)
                throw new ArgumentException($"The data set is empty: input '{input.Name}' holds no sample; expected at least one.", nameof(inputs));
            if (count >= 0 && samples != count)
                throw new ArgumentException(
                    $"Every input needs the same number of samples: input '{input.Name}' holds {samples}; input '{copies[0].Name}' holds {count}.",
                    nameof(inputs));
            count = samples;
            copies[i] = new DataSetInput(input.Name, input.Values, (int[])input.SampleShape.Clone());
            sizes[i] = size;
        }
        if (labels.Length != (long)count * labelWidth)
            throw new ArgumentException(
                $"Expected {count} labels of width {labelWidth} ({(long)count * labelWidth} values) for {count} samples; found {labels.Length} values.",
                nameof(labels));
        for (int i = 0; i < copies.Length; i++) ThrowIfNotFinite(copies[i].Values, sizes[i], "feature", copies[i].Name, nameof(inputs));
        ThrowIfNotFinite(labels, labelWidth, "label", null, nameof(labels));

        _inputs = copies;
        _sampleSizes = sizes;
        Labels = labels;
        LabelWidth = labelWidth;
        Count = count;
    }

    /// <summary>
    /// A data set with one feature array and labels per output, for a network with several outputs (Keras's
    /// <c>fit(x, {"main_output": y, "aux_output": y_aux})</c>); the labels are matched to the outputs by name.
    /// </summary>
    /// <param name="features">All samples, row-major: <c>Count × Π sampleShape</c> values.</param>
    /// <param name="sampleShape">The shape of one sample, without the batch dimension.</param>
    /// <param name="labels">One <see cref="OutputLabels"/> per output of the network, in any order.</param>
    /// <exception cref="ArgumentException">
    /// No labels, an empty or repeated output name, labels that are not a whole number of rows or hold a different number
    /// of samples than the features or the other outputs' (the message names the output), or a value that is not finite.
    /// </exception>
    public static DataSet FromOutputLabels(float[] features, int[] sampleShape, IReadOnlyList<OutputLabels> labels) =>
        new(features, sampleShape, LabelRows.Of(labels, nameof(labels)));

    /// <summary>
    /// A data set with several named vector inputs and labels per output (Keras's
    /// <c>fit({"wide": x_wide, "deep": x_deep}, {"main_output": y, "aux_output": y})</c>): the count is the labels'
    /// sample count; inputs and labels are matched to the network's by name.
    /// </summary>
    /// <param name="inputs">One (name, values) pair per input.</param>
    /// <param name="labels">One <see cref="OutputLabels"/> per output of the network, in any order.</param>
    /// <exception cref="ArgumentException">As for the other constructors; the message names the input or output.</exception>
    public static DataSet FromOutputLabels(IReadOnlyList<(string Name, float[] Values)> inputs, IReadOnlyList<OutputLabels> labels) =>
        new(inputs, LabelRows.Of(labels, nameof(labels)));

    /// <summary>A data set with several named inputs of explicit sample shapes and labels per output.</summary>
    /// <param name="inputs">The inputs; each holds <c>Count × Π SampleShape</c> values.</param>
    /// <param name="labels">One <see cref="OutputLabels"/> per output of the network, in any order.</param>
    /// <exception cref="ArgumentException">As for the other constructors; the message names the input or output.</exception>
    public static DataSet FromOutputLabels(IReadOnlyList<DataSetInput> inputs, IReadOnlyList<OutputLabels> labels) =>
        new(inputs, LabelRows.Of(labels, nameof(labels)));

    private DataSet(float[] features, int[] sampleShape, LabelRows rows)
        : this(features, sampleShape, rows.Values, rows.Width) => _labelParts = rows.Parts;

    private DataSet(IReadOnlyList<(string Name, float[] Values)> inputs, LabelRows rows)
        : this(inputs, rows.Values, rows.Width) => _labelParts = rows.Parts;

    private DataSet(IReadOnlyList<DataSetInput> inputs, LabelRows rows)
        : this(inputs, rows.Values, rows.Width) => _labelParts = rows.Parts;

    /// <summary>A data set of already checked parts (<see cref="Slice"/>).</summary>
    private DataSet(DataSetInput[] inputs, int[] sampleSizes, float[] labels, int labelWidth, int count, LabelPart[]? labelParts = null)
    {
        _inputs = inputs;
        _sampleSizes = sampleSizes;
        Labels = labels;
        LabelWidth = labelWidth;
        Count = count;
        _labelParts = labelParts;
    }

    /// <summary>The same samples with other label rows (already checked): the model's label layout, for <see cref="Model.Fit"/>.</summary>
    internal DataSet WithLabels(float[] labels, int labelWidth, LabelPart[]? labelParts) =>
        new(_inputs, _sampleSizes, labels, labelWidth, Count, labelParts);

    /// <summary>Where each output's labels sit in a label row (offset, width), when labels were given by output name; else null.</summary>
    internal IReadOnlyList<LabelPart>? LabelParts => _labelParts;

    /// <summary>
    /// The outputs whose labels this data set holds, in the order of the label columns, when they were given by name
    /// (<see cref="OutputLabels"/>, <see cref="FromOutputLabels(float[], int[], IReadOnlyList{OutputLabels})"/>); empty when the labels are one unnamed array.
    /// </summary>
    public IReadOnlyList<string> LabelNames
    {
        get
        {
            if (_labelParts is null) return [];
            var names = new string[_labelParts.Length];
            for (int k = 0; k < names.Length; k++) names[k] = _labelParts[k].Name;
            return names;
        }
    }

    /// <summary>The labels of output <paramref name="name"/> (given by name), <see cref="Count"/> rows of its width, as a new array.</summary>
    /// <exception cref="KeyNotFoundException">The data set holds no labels of that name; the message lists the ones it holds.</exception>
    public float[] GetOutputLabels(string name)
    {
        if (_labelParts is not null)
        {
            foreach (LabelPart part in _labelParts)
            {
                if (!string.Equals(part.Name, name, StringComparison.Ordinal)) continue;
                var values = new float[Count * part.Width];
                for (int i = 0; i < Count; i++) Labels.AsSpan(i * LabelWidth + part.Offset, part.Width).CopyTo(values.AsSpan(i * part.Width));
                return values;
            }
        }
        throw new KeyNotFoundException(
            $"The data set holds no labels of the output '{name}'{(_labelParts is null ? "; its labels are one unnamed array" : $"; it holds labels of {string.Join(", ", LabelNames)}")}.");
    }

    /// <summary>The inputs of the vector-input constructor, with their shapes worked out from the label count.</summary>
    private static DataSetInput[] VectorInputs(IReadOnlyList<(string Name, float[] Values)> inputs, float[] labels, int labelWidth)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (labelWidth <= 0)
            throw new ArgumentException($"The label width must be positive; found {labelWidth}.", nameof(labelWidth));
        if (labels.Length % labelWidth != 0)
            throw new ArgumentException(
                $"Expected the label count to be a multiple of the label width {labelWidth}; found {labels.Length} values.", nameof(labels));
        int count = labels.Length / labelWidth;
        if (count == 0)
            throw new ArgumentException("The data set is empty: expected at least one sample (one label row).", nameof(labels));
        var result = new DataSetInput[inputs.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var (name, values) = inputs[i];
            if (values is null)
                throw new ArgumentException($"The values of input '{name}' are null.", nameof(inputs));
            if (values.Length == 0 || values.Length % count != 0)
                throw new ArgumentException(
                    $"Expected the length of input '{name}' to be a positive multiple of the {count} samples that the labels give ({labels.Length} values of width {labelWidth}); found {values.Length} values.",
                    nameof(inputs));
            result[i] = new DataSetInput(name!, values, [values.Length / count]);
        }
        return result;
    }

    private static void CheckName(IReadOnlyList<DataSetInput> inputs, int index, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"Input {index} has an empty name; every input needs the name of the network input it feeds.", nameof(inputs));
        for (int j = 0; j < index; j++)
        {
            if (string.Equals(inputs[j].Name, name, StringComparison.Ordinal))
                throw new ArgumentException($"The input name '{name}' appears twice (inputs {j} and {index}); names must be unique.", nameof(inputs));
        }
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

    /// <summary>All features, row-major, <see cref="Count"/> × <see cref="SampleSize"/> values (of the first input, when there are several).</summary>
    public float[] Features => _inputs[0].Values;

    /// <summary>
    /// The inputs in the order given: one named <c>input</c> for a data set built from one feature array, else the
    /// named arrays the network's inputs are matched to.
    /// </summary>
    public IReadOnlyList<DataSetInput> Inputs => _inputs;

    /// <summary>All labels, row-major, <see cref="Count"/> × <see cref="LabelWidth"/> values.</summary>
    public float[] Labels { get; }

    /// <summary>The number of values in one label row.</summary>
    public int LabelWidth { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The number of feature values in one sample (of the first input, when there are several).</summary>
    public int SampleSize => _sampleSizes[0];

    /// <summary>The shape of one sample, without the batch dimension (of the first input, when there are several).</summary>
    public IReadOnlyList<int> SampleShape => _inputs[0].SampleShape;

    /// <summary>The features of sample <paramref name="index"/> (of the first input, when there are several).</summary>
    public ReadOnlySpan<float> GetFeatures(int index) => Features.AsSpan(checked(index * SampleSize), SampleSize);

    /// <summary>The values of input <paramref name="input"/> (its index in <see cref="Inputs"/>) for sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="input"/> or <paramref name="index"/> is out of range.</exception>
    public ReadOnlySpan<float> GetFeatures(int input, int index)
    {
        if ((uint)input >= (uint)_inputs.Length)
            throw new ArgumentOutOfRangeException(nameof(input), input, $"Expected an input index in [0, {_inputs.Length}).");
        int size = _sampleSizes[input];
        return _inputs[input].Values.AsSpan(checked(index * size), size);
    }

    /// <summary>The index in <see cref="Inputs"/> of the input named <paramref name="name"/>, or −1.</summary>
    internal int IndexOfInput(string name)
    {
        for (int i = 0; i < _inputs.Length; i++)
        {
            if (string.Equals(_inputs[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>The label row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> GetLabel(int index) => Labels.AsSpan(checked(index * LabelWidth), LabelWidth);

    /// <summary>A copy of <paramref name="count"/> samples starting at <paramref name="start"/>.</summary>
    public DataSet Slice(int start, int count)
    {
        if (start < 0 || count <= 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Expected a non-empty range inside [0, {Count}); found start {start}, count {count}.");
        var inputs = new DataSetInput[_inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            int size = _sampleSizes[i];
            inputs[i] = new DataSetInput(_inputs[i].Name, _inputs[i].Values.AsSpan(start * size, count * size).ToArray(), (int[])_inputs[i].SampleShape.Clone());
        }
        return new DataSet(inputs, (int[])_sampleSizes.Clone(), Labels.AsSpan(start * LabelWidth, count * LabelWidth).ToArray(), LabelWidth, count, _labelParts);
    }

    /// <summary>
    /// The same samples viewed with another sample shape of the same size, sharing the feature and label arrays (no
    /// copy), as Keras users write <c>x.reshape(-1, 28, 28, 1)</c>: Fashion-MNIST's (28, 28) images become the
    /// (28, 28, 1) maps a <c>[Conv2D]</c> network reads.
    /// </summary>
    /// <param name="sampleShape">The new shape of one sample, without the batch dimension; its size must be the old one's.</param>
    /// <exception cref="InvalidOperationException">The data set has several inputs (reshape each before combining them).</exception>
    /// <exception cref="ArgumentException">A dimension is not positive, or the size differs from the current sample size.</exception>
    public DataSet Reshape(params int[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (_inputs.Length != 1)
            throw new InvalidOperationException($"Reshape views a single-input data set; this one has {_inputs.Length} inputs.");
        long size = 1;
        foreach (int d in sampleShape)
        {
            if (d <= 0)
                throw new ArgumentException($"Every sample dimension must be positive; found shape {FormatShape(sampleShape)}.", nameof(sampleShape));
            size *= d;
        }
        if (sampleShape.Length == 0 || size != _sampleSizes[0])
            throw new ArgumentException(
                $"Expected a shape of {_sampleSizes[0]} values per sample, like the current {FormatShape(_inputs[0].SampleShape)}; found {FormatShape(sampleShape)} ({size} values).",
                nameof(sampleShape));
        var input = new DataSetInput(_inputs[0].Name, _inputs[0].Values, (int[])sampleShape.Clone());
        return new DataSet([input], (int[])_sampleSizes.Clone(), Labels, LabelWidth, Count, _labelParts);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string labels = _labelParts is null ? $"labels of width {LabelWidth}" : "labels of " + string.Join(", ", LabelNames);
        if (_inputs.Length == 1) return $"DataSet({Count} samples of shape {FormatShape(_inputs[0].SampleShape)}, {labels})";
        var parts = new string[_inputs.Length];
        for (int i = 0; i < parts.Length; i++) parts[i] = $"'{_inputs[i].Name}' {FormatShape(_inputs[i].SampleShape)}";
        return $"DataSet({Count} samples of inputs {string.Join(", ", parts)}, {labels})";
    }

    internal static string FormatShape(IReadOnlyList<int> shape)
    {
        var parts = new string[shape.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        return "(" + string.Join(", ", parts) + (parts.Length == 1 ? ",)" : ")");
    }

    private static void ThrowIfNotFinite(float[] values, int rowSize, string what, string? input, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(
                    $"Expected finite {what} values{(input is null ? "" : $" in input '{input}'")}; found {values[i].ToString(CultureInfo.InvariantCulture)} in sample {i / rowSize} (value {i % rowSize}).",
                    parameter);
        }
    }
}

/// <summary>
/// The labels of one output of a network with several (Keras's <c>y={"main_output": y, …}</c>): <see cref="Values"/>
/// holds the data set's samples' labels, <see cref="Width"/> values each (1 for a class index or a scalar target).
/// </summary>
/// <param name="Name">The name of the network output these labels belong to, e.g. <c>main_output</c>.</param>
/// <param name="Values">All samples' labels, row-major: <c>Count × Width</c> values.</param>
/// <param name="Width">Values per label.</param>
public sealed record OutputLabels(string Name, float[] Values, int Width = 1);

/// <summary>Where one output's labels sit in a label row of a <see cref="DataSet"/>.</summary>
internal readonly record struct LabelPart(string Name, int Offset, int Width);

/// <summary>Labels given per output, as rows of every output's labels concatenated (in the given order).</summary>
internal sealed class LabelRows
{
    private LabelRows(float[] values, int width, LabelPart[] parts)
    {
        Values = values;
        Width = width;
        Parts = parts;
    }

    public float[] Values { get; }

    public int Width { get; }

    public LabelPart[] Parts { get; }

    /// <summary>Checks the labels (names, widths, equal sample counts) and concatenates them row by row.</summary>
    public static LabelRows Of(IReadOnlyList<OutputLabels> labels, string parameter)
    {
        ArgumentNullException.ThrowIfNull(labels, parameter);
        if (labels.Count == 0)
            throw new ArgumentException("Expected the labels of at least one output; found none.", parameter);
        var parts = new LabelPart[labels.Count];
        int width = 0, count = -1;
        for (int k = 0; k < labels.Count; k++)
        {
            OutputLabels output = labels[k] ?? throw new ArgumentException($"The labels of output {k} are null.", parameter);
            if (string.IsNullOrWhiteSpace(output.Name))
                throw new ArgumentException($"The labels of output {k} have an empty name; every output's labels need the name of the output they belong to.", parameter);
            for (int j = 0; j < k; j++)
            {
                if (string.Equals(parts[j].Name, output.Name, StringComparison.Ordinal))
                    throw new ArgumentException($"The labels of output '{output.Name}' are given twice; each output's labels are given once.", parameter);
            }
            if (output.Values is null)
                throw new ArgumentException($"The labels of output '{output.Name}' are null.", parameter);
            if (output.Width <= 0)
                throw new ArgumentException($"The label width of output '{output.Name}' must be positive; found {output.Width}.", parameter);
            if (output.Values.Length == 0 || output.Values.Length % output.Width != 0)
                throw new ArgumentException(
                    $"Expected the labels of output '{output.Name}' to be a positive multiple of its width {output.Width}; found {output.Values.Length} values.", parameter);
            int samples = output.Values.Length / output.Width;
            if (count >= 0 && samples != count)
                throw new ArgumentException(
                    $"Every output needs labels for the same samples: output '{output.Name}' has {samples}; output '{parts[0].Name}' has {count}.", parameter);
            count = samples;
            parts[k] = new LabelPart(output.Name, width, output.Width);
            width += output.Width;
        }
        var values = new float[checked(count * width)];
        for (int k = 0; k < labels.Count; k++)
        {
            LabelPart part = parts[k];
            float[] source = labels[k].Values;
            for (int i = 0; i < count; i++) source.AsSpan(i * part.Width, part.Width).CopyTo(values.AsSpan(i * width + part.Offset));
        }
        return new LabelRows(values, width, parts);
    }
}

/// <summary>One named input of a <see cref="DataSet"/>: the features that feed the network input of the same name.</summary>
/// <param name="Name">The name of the network input these features feed, e.g. <c>wide</c>.</param>
/// <param name="Values">All samples, row-major: <c>Count × Π SampleShape</c> values.</param>
/// <param name="SampleShape">The shape of one sample, without the batch dimension, e.g. <c>[5]</c> or <c>[28, 28]</c>.</param>
public sealed record DataSetInput(string Name, float[] Values, int[] SampleShape);
