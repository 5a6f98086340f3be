using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// A callback made of delegates, the quick way to write one (Keras's <c>LambdaCallback</c>). Every delegate is
/// optional; the arguments are those of the <see cref="Callback"/> methods: the 0-based epoch or batch and the logs.
/// </summary>
/// <example>
/// <code>
/// var losses = new List&lt;double&gt;();
/// var recorder = new LambdaCallback(onEpochEnd: (epoch, logs) =&gt; losses.Add(logs["loss"]));
/// model.Fit(train, epochs: 5, callbacks: [recorder]);
/// </code>
/// </example>
public sealed class LambdaCallback : Callback
{
    private readonly Action<int, IDictionary<string, double>>? _onEpochBegin;
    private readonly Action<int, IDictionary<string, double>>? _onEpochEnd;
    private readonly Action<int, IDictionary<string, double>>? _onBatchBegin;
    private readonly Action<int, IDictionary<string, double>>? _onBatchEnd;
    private readonly Action<IDictionary<string, double>>? _onTrainBegin;
    private readonly Action<IDictionary<string, double>>? _onTrainEnd;

    /// <summary>Creates the callback; the parameters are in Keras's order.</summary>
    /// <param name="onEpochBegin">Called at the start of each epoch.</param>
    /// <param name="onEpochEnd">Called at the end of each epoch, with the epoch's logs.</param>
    /// <param name="onBatchBegin">Called before each training batch.</param>
    /// <param name="onBatchEnd">Called after each training batch, with the running epoch values.</param>
    /// <param name="onTrainBegin">Called once before the first epoch.</param>
    /// <param name="onTrainEnd">Called once after the last epoch.</param>
    public LambdaCallback(
        Action<int, IDictionary<string, double>>? onEpochBegin = null,
        Action<int, IDictionary<string, double>>? onEpochEnd = null,
        Action<int, IDictionary<string, double>>? onBatchBegin = null,
        Action<int, IDictionary<string, double>>? onBatchEnd = null,
        Action<IDictionary<string, double>>? onTrainBegin = null,
        Action<IDictionary<string, double>>? onTrainEnd = null)
    {
        _onEpochBegin = onEpochBegin;
        _onEpochEnd = onEpochEnd;
        _onBatchBegin = onBatchBegin;
        _onBatchEnd = onBatchEnd;
        _onTrainBegin = onTrainBegin;
        _onTrainEnd = onTrainEnd;
    }

    /// <inheritdoc/>
    public override void OnTrainBegin(IDictionary<string, double> logs) => _onTrainBegin?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnTrainEnd(IDictionary<string, double> logs) => _onTrainEnd?.Invoke(logs);

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => _onEpochBegin?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => _onEpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnTrainBatchBegin(int batch, IDictionary<string, double> logs) => _onBatchBegin?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) => _onBatchEnd?.Invoke(batch, logs);
}
