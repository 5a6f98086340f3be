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
