using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// The logic <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/> and <see cref="ReduceLROnPlateau"/> share
/// (Keras 3 gathers it in <c>callbacks/monitor_callback.py</c>; tf.keras 2 repeats it in each callback): the direction
/// of the monitored quantity, δ = |min_delta|, the improvement test, the initial best (±∞ as in tf.keras 2) and the
/// warning for a monitored key that the logs do not have.
/// </summary>
internal sealed class MetricMonitor
{
    private bool _warned;

    /// <summary>Resolves the direction of <paramref name="name"/> and keeps δ = |<paramref name="minDelta"/>|.</summary>
    /// <exception cref="ArgumentException">The name is empty, the mode is not defined, or min_delta is NaN.</exception>
    public MetricMonitor(string name, MonitorMode mode, double minDelta, AutoModeRule autoRule)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected MonitorMode.Auto, Min or Max.");
        if (double.IsNaN(minDelta))
            throw new ArgumentException("min_delta must be a number; found NaN.", nameof(minDelta));
        Name = name;
        MinDelta = Math.Abs(minDelta);
        Maximize = mode switch
        {
            MonitorMode.Max => true,
            MonitorMode.Min => false,
            _ => AutoMaximizes(name, autoRule),
        };
    }

    /// <summary>The monitored key of the logs, e.g. <c>val_loss</c>.</summary>
    public string Name { get; }

    /// <summary>Whether higher values are better.</summary>
    public bool Maximize { get; }

    /// <summary>δ = |min_delta|.</summary>
    public double MinDelta { get; }

    /// <summary>tf.keras 2's initial best: +∞ when minimizing, −∞ when maximizing.</summary>
    public double InitialBest => Maximize ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>
    /// The improvement test of <c>EarlyStopping</c>, <c>ModelCheckpoint</c> and Keras 3: (cur + δ) &lt; reference when
    /// minimizing, (cur − δ) &gt; reference when maximizing. NaN never improves.
    /// </summary>
    public bool IsImprovement(double current, double reference) =>
        Maximize ? current - MinDelta > reference : current + MinDelta < reference;

    /// <summary>
    /// tf.keras 2 <c>ReduceLROnPlateau</c>'s form of the test, with δ on the reference: cur &lt; reference − δ when
    /// minimizing, cur &gt; reference + δ when maximizing. It equals <see cref="IsImprovement"/> up to the rounding of the
    /// last bit, which this form reproduces.
    /// </summary>
    public bool IsImprovementOverThreshold(double current, double reference) =>
        Maximize ? current > reference + MinDelta : current < reference - MinDelta;

    /// <summary>Reads the monitored value; false when the logs do not have it.</summary>
    public bool TryRead(IDictionary<string, double> logs, out double value) => logs.TryGetValue(Name, out value);

    /// <summary>Forgets that the missing-key warning was written (called at the start of each training run).</summary>
    public void ResetWarning() => _warned = false;

    /// <summary>Writes <paramref name="message"/> as a warning, once per training run.</summary>
    public void WarnOnce(TextWriter output, string message)
    {
        if (_warned) return;
        _warned = true;
        output.WriteLine("WARNING: " + message);
        output.Flush();
    }

    /// <summary>The keys of <paramref name="logs"/> joined with commas, as Keras's warnings list them.</summary>
    public static string Keys(IDictionary<string, double> logs) => string.Join(",", logs.Keys);

    /// <summary>tf.keras 2's <c>mode='auto'</c> rule of one callback: true when <paramref name="name"/> should be maximized.</summary>
    public static bool AutoMaximizes(string name, AutoModeRule rule) => rule switch
    {
        AutoModeRule.EarlyStopping =>
            name.EndsWith("acc", StringComparison.Ordinal)
            || name.EndsWith("accuracy", StringComparison.Ordinal)
            || name.EndsWith("auc", StringComparison.Ordinal),
        AutoModeRule.ModelCheckpoint =>
            name.Contains("acc", StringComparison.Ordinal) || name.StartsWith("fmeasure", StringComparison.Ordinal),
        _ => name.Contains("acc", StringComparison.Ordinal),
    };
}
