using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>The running metrics a network was compiled with, updated batch by batch and written into Keras-named logs.</summary>
internal sealed class MetricSet
{
    private readonly bool _accuracy, _topK, _sparseTopK;
    private readonly int _outputSize;
    private AccuracyCounter _accuracyCounter;
    private TopKAccuracyCounter _topKCounter, _sparseTopKCounter;

    public MetricSet(IReadOnlyList<Metric> metrics, int outputSize)
    {
        _outputSize = outputSize;
        foreach (Metric metric in metrics)
        {
            switch (metric)
            {
                case Metric.Accuracy: _accuracy = true; break;
                case Metric.TopKCategoricalAccuracy: _topK = true; break;
                case Metric.SparseTopKCategoricalAccuracy: _sparseTopK = true; break;
            }
        }
    }

    public void Reset()
    {
        _accuracyCounter.Reset();
        _topKCounter.Reset();
        _sparseTopKCounter.Reset();
    }

    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, int batch, int labelWidth, ReadOnlySpan<float> weights = default)
    {
        if (_accuracy) _accuracyCounter.Update(outputs, labels, batch, _outputSize, labelWidth, weights);
        if (_topK) _topKCounter.Update(outputs, labels, batch, _outputSize, labelWidth, sparse: false, weights);
        if (_sparseTopK) _sparseTopKCounter.Update(outputs, labels, batch, _outputSize, labelWidth, sparse: true, weights);
    }

    /// <summary>Writes the current values under Keras's names, each prefixed with <paramref name="prefix"/> (e.g. <c>val_</c>).</summary>
    public void WriteTo(IDictionary<string, double> logs, string prefix = "")
    {
        if (_accuracy) logs[prefix + "accuracy"] = _accuracyCounter.Result;
        if (_topK) logs[prefix + "top_k_categorical_accuracy"] = _topKCounter.Result;
        if (_sparseTopK) logs[prefix + "sparse_top_k_categorical_accuracy"] = _sparseTopKCounter.Result;
    }
}

/// <summary>
/// The running metrics of a whole network: one <see cref="MetricSet"/> for a network with one output, else one per
/// output, each fed that output's columns of the output and label rows and logged as <c>{output}_{metric}</c>.
/// </summary>
internal sealed class ModelMetrics
{
    private readonly MetricSet[] _sets;
    private readonly string[] _prefixes;
    private readonly int[] _outputOffsets, _outputSizes, _labelOffsets, _labelWidths;
    private readonly int _outputWidth;
    private readonly bool _any;
    private float[] _outputs = [], _labels = [];

    public ModelMetrics(ModelDescription description)
    {
        IReadOnlyList<OutputInfo> outputs = description.Outputs;
        _any = description.Metrics.Count > 0;
        _outputWidth = description.OutputSize;
        if (outputs.Count == 1)
        {
            _sets = [new MetricSet(description.Metrics, description.OutputSize)];
            _prefixes = [""];
            _outputOffsets = _outputSizes = _labelOffsets = _labelWidths = [];
            return;
        }
        _sets = new MetricSet[outputs.Count];
        _prefixes = new string[outputs.Count];
        _outputOffsets = new int[outputs.Count];
        _outputSizes = new int[outputs.Count];
        _labelOffsets = new int[outputs.Count];
        _labelWidths = new int[outputs.Count];
        int outputOffset = 0, labelOffset = 0;
        for (int k = 0; k < outputs.Count; k++)
        {
            _sets[k] = new MetricSet(description.Metrics, outputs[k].Size);
            _prefixes[k] = outputs[k].Name + "_";
            _outputOffsets[k] = outputOffset;
            _outputSizes[k] = outputs[k].Size;
            _labelOffsets[k] = labelOffset;
            _labelWidths[k] = outputs[k].LabelWidth;
            outputOffset += outputs[k].Size;
            labelOffset += outputs[k].LabelWidth;
        }
    }

    public void Reset()
    {
        foreach (MetricSet set in _sets) set.Reset();
    }

    /// <summary>Updates every output's metrics with a batch of output rows and label rows (<paramref name="labelWidth"/> values each).</summary>
    public void Update(ReadOnlySpan<float> outputs, ReadOnlySpan<float> labels, int batch, int labelWidth, ReadOnlySpan<float> weights = default)
    {
        if (!_any) return;
        if (_sets.Length == 1)
        {
            _sets[0].Update(outputs, labels, batch, labelWidth, weights);
            return;
        }
        for (int k = 0; k < _sets.Length; k++)
        {
            int size = _outputSizes[k], width = _labelWidths[k];
            if (_outputs.Length < batch * size) _outputs = new float[batch * size];
            if (_labels.Length < batch * width) _labels = new float[batch * width];
            for (int b = 0; b < batch; b++)
            {
                outputs.Slice(b * _outputWidth + _outputOffsets[k], size).CopyTo(_outputs.AsSpan(b * size));
                labels.Slice(b * labelWidth + _labelOffsets[k], width).CopyTo(_labels.AsSpan(b * width));
            }
            _sets[k].Update(_outputs.AsSpan(0, batch * size), _labels.AsSpan(0, batch * width), batch, width, weights);
        }
    }

    /// <summary>Writes the current values under Keras's names (<c>accuracy</c>, or <c>{output}_accuracy</c>), prefixed with <paramref name="prefix"/>.</summary>
    public void WriteTo(IDictionary<string, double> logs, string prefix = "")
    {
        for (int k = 0; k < _sets.Length; k++) _sets[k].WriteTo(logs, prefix + _prefixes[k]);
    }
}
