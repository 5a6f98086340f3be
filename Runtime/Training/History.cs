using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Records every epoch's logs (Keras's <c>History</c>, always the first callback): <c>history["loss"]</c> is the
/// list of per-epoch losses. Keys appear in Keras 2 order: loss, metrics, val_loss, val_ metrics.
/// </summary>
public sealed class History : Callback
{
    private readonly Dictionary<string, List<double>> _values = new();
    private readonly Dictionary<string, List<int>> _keyEpochs = new();
    private readonly List<string> _keys = new();
    private readonly List<int> _epochs = new();
    private readonly List<TimeSpan> _durations = new();
    private DateTime _epochStart;

    /// <summary>The per-epoch values of one key, e.g. <c>"val_accuracy"</c>.</summary>
    /// <exception cref="KeyNotFoundException">The key was never logged; the message lists the keys that were.</exception>
    public IReadOnlyList<double> this[string key] => _values.TryGetValue(key, out var list)
        ? list
        : throw new KeyNotFoundException($"History has no key '{key}'. Its keys are: {string.Join(", ", _keys)}.");

    /// <summary>The logged keys, in the order they first appeared.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The 0-based index of each recorded epoch (Keras's <c>history.epoch</c>).</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>The wall-clock duration of each recorded epoch, validation included.</summary>
    public IReadOnlyList<TimeSpan> EpochDurations => _durations;

    /// <summary>
    /// The 0-based epochs at which <paramref name="key"/> was logged, one per value of <c>this[key]</c>: every epoch
    /// for training keys, only the validated ones for <c>val_</c> keys when validation is not run every epoch.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The key was never logged; the message lists the keys that were.</exception>
    public IReadOnlyList<int> EpochsOf(string key) => _keyEpochs.TryGetValue(key, out var list)
        ? list
        : throw new KeyNotFoundException($"History has no key '{key}'. Its keys are: {string.Join(", ", _keys)}.");

    /// <summary>Whether a key was logged.</summary>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => _epochStart = DateTime.UtcNow;

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        _durations.Add(DateTime.UtcNow - _epochStart);
        _epochs.Add(epoch);
        foreach (var (key, value) in logs)
        {
            if (!_values.TryGetValue(key, out var list))
            {
                list = new List<double>();
                _values.Add(key, list);
                _keyEpochs.Add(key, new List<int>());
                _keys.Add(key);
            }
            list.Add(value);
            _keyEpochs[key].Add(epoch);
        }
    }
}
