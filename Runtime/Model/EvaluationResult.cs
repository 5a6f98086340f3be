using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>The result of <see cref="Model.Evaluate"/>: the loss and each compiled metric.</summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(double loss, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, double>? outputLosses = null)
    {
        Loss = loss;
        Metrics = metrics;
        OutputLosses = outputLosses ?? new Dictionary<string, double>();
    }

    /// <summary>
    /// For a network with several outputs, each output's own loss (unweighted) by Keras's name <c>{output}_loss</c>, in
    /// output order; empty for a network with one output. <see cref="Loss"/> is their weighted sum (plus penalties).
    /// </summary>
    public IReadOnlyDictionary<string, double> OutputLosses { get; }

    /// <summary>The loss, as Keras reports it (batch losses weighted by batch size).</summary>
    public double Loss { get; }

    /// <summary>Each metric by its Keras name, e.g. <c>accuracy</c>.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>The accuracy.</summary>
    /// <exception cref="KeyNotFoundException">The network was compiled without <see cref="Metric.Accuracy"/>.</exception>
    public double Accuracy => Metrics.TryGetValue("accuracy", out double value)
        ? value
        : throw new KeyNotFoundException("The network was compiled without Metric.Accuracy; add Metrics = [Metric.Accuracy] to [Compile].");

    /// <summary>Deconstructs into loss and accuracy: <c>var (loss, accuracy) = model.Evaluate(test);</c></summary>
    public void Deconstruct(out double loss, out double accuracy)
    {
        loss = Loss;
        accuracy = Accuracy;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string> { "loss: " + Loss.ToString("0.0000", CultureInfo.InvariantCulture) };
        foreach (var pair in OutputLosses) parts.Add(pair.Key + ": " + pair.Value.ToString("0.0000", CultureInfo.InvariantCulture));
        foreach (var pair in Metrics) parts.Add(pair.Key + ": " + pair.Value.ToString("0.0000", CultureInfo.InvariantCulture));
        return string.Join(" - ", parts);
    }
}
