using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras's <c>EarlyStopping</c>, with tf.keras 2's
/// semantics). At each epoch end:
/// <list type="number">
/// <item>Skip the epoch if it is before <see cref="StartFromEpoch"/>, or if the logs do not have <see cref="Monitor"/>
/// (a warning is written once per training run).</item>
/// <item>If restoring and no snapshot exists yet, snapshot the current weights.</item>
/// <item><c>wait += 1</c>.</item>
/// <item>If the value improved on the best, (cur + δ) &lt; best when minimizing, (cur − δ) &gt; best when maximizing,
/// with δ = |<see cref="MinDelta"/>| and the best starting at ±∞: it becomes the best (and the snapshot, if restoring);
/// <c>wait</c> is reset to 0 only if there is no <see cref="Baseline"/> or the value also improves on it. Done.</item>
/// <item>Otherwise, if <c>wait ≥ patience</c> and the epoch is not the first (epoch &gt; 0): set
/// <see cref="Model.StopTraining"/> and <see cref="StoppedEpoch"/>.</item>
/// </list>
/// With patience p, training stops after p consecutive epochs without improvement. With a baseline, only values that
/// also beat it reset the count, so training stops at the first epoch without improvement once p monitored epochs have
/// passed without beating the baseline (an epoch that improves on the best never stops training, as in Keras).
/// </summary>
/// <remarks>
/// <para><b>Auto mode</b> (tf.keras 2's EarlyStopping rule): maximize when the monitored name ends with <c>acc</c>,
/// <c>accuracy</c> or <c>auc</c> (<c>val_acc</c>, <c>val_accuracy</c>, <c>val_auc</c>), else minimize.</para>
/// <para><b>Restoring the best weights.</b> NetGen restores the snapshot at the end of training whenever one exists, as
/// Keras 3 and tf-keras 2.16+ do. tf.keras ≤ 2.15 restored it only at the moment it stopped training early, so a run
/// that used every epoch kept its last weights even though <c>restore_best_weights=True</c> promised the best ones;
/// Keras fixed that, and NetGen follows the fix. The snapshot is a copy of <see cref="Model.Parameters"/> in a buffer
/// allocated once, and the epoch reported as the best is the snapshot's epoch (also as in the fixed versions).</para>
/// <para>Messages (when <see cref="Verbose"/> &gt; 0) and warnings go to the writer given to the constructor.</para>
/// </remarks>
public sealed class EarlyStopping : Callback, IResumableCallback
{
    private readonly MetricMonitor _monitor;
    private readonly TextWriter? _output;
    private float[]? _bestWeights;
    private bool _hasSnapshot;

    /// <summary>Creates the callback; the parameters and their defaults are Keras's.</summary>
    /// <param name="monitor">The log key to monitor, e.g. <c>val_loss</c> or <c>val_accuracy</c>.</param>
    /// <param name="minDelta">The least change that counts as an improvement; its sign is ignored.</param>
    /// <param name="patience">Epochs without improvement after which training stops.</param>
    /// <param name="verbose">0 = silent, 1 = write a message when stopping and when restoring.</param>
    /// <param name="mode">Whether the quantity should decrease or increase; <see cref="MonitorMode.Auto"/> infers it from the name.</param>
    /// <param name="baseline">A value to reach: until the monitored value improves on it, <c>wait</c> is never reset.</param>
    /// <param name="restoreBestWeights">Whether to restore the weights of the best epoch at the end of training.</param>
    /// <param name="startFromEpoch">Epochs to let pass (warm-up) before monitoring starts.</param>
    /// <param name="output">Where messages and warnings go (default <see cref="Console.Out"/>).</param>
    /// <exception cref="ArgumentException">The monitor is empty, min_delta or the baseline is NaN, or the mode is undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The patience or the start epoch is negative.</exception>
    public EarlyStopping(
        string monitor = "val_loss",
        double minDelta = 0,
        int patience = 0,
        int verbose = 0,
        MonitorMode mode = MonitorMode.Auto,
        double? baseline = null,
        bool restoreBestWeights = false,
        int startFromEpoch = 0,
        TextWriter? output = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(startFromEpoch);
        if (baseline is double b && double.IsNaN(b))
            throw new ArgumentException("The baseline must be a number or null; found NaN.", nameof(baseline));
        _monitor = new MetricMonitor(monitor, mode, minDelta, AutoModeRule.EarlyStopping);
        Mode = mode;
        Patience = patience;
        Verbose = verbose;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
        _output = output;
        Best = _monitor.InitialBest;
    }

    /// <summary>The monitored log key.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>δ = |min_delta|, the least change that counts as an improvement.</summary>
    public double MinDelta => _monitor.MinDelta;

    /// <summary>Epochs without improvement after which training stops.</summary>
    public int Patience { get; }

    /// <summary>0 = silent, 1 = messages.</summary>
    public int Verbose { get; }

    /// <summary>The mode as given (see <see cref="Maximize"/> for the resolved direction).</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether higher values of the monitored quantity are better (the mode, resolved).</summary>
    public bool Maximize => _monitor.Maximize;

    /// <summary>The value to improve on before <c>wait</c> is ever reset, or null.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the weights of the best epoch are restored at the end of training.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Epochs of warm-up before monitoring starts.</summary>
    public int StartFromEpoch { get; }

    /// <summary>The 0-based epoch at which training was stopped, or 0 if it was not (Keras's <c>stopped_epoch</c>).</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The best monitored value so far (±∞ before the first).</summary>
    public double Best { get; private set; }

    /// <summary>The 0-based epoch of <see cref="Best"/> (or of the snapshot, when no epoch improved).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Monitored epochs since the last reset of the counter (Keras's <c>wait</c>).</summary>
    public int Wait { get; private set; }

    private TextWriter Output => _output ?? Console.Out;

    /// <inheritdoc/>
    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        // Keras resets everything here so that one instance can serve several fit calls.
        Wait = 0;
        StoppedEpoch = 0;
        Best = _monitor.InitialBest;
        BestEpoch = 0;
        _hasSnapshot = false;
        _monitor.ResetWarning();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (!_monitor.TryRead(logs, out double current))
        {
            _monitor.WarnOnce(Output,
                $"Early stopping conditioned on metric `{Monitor}` which is not available. Available metrics are: {MetricMonitor.Keys(logs)}");
            return;
        }
        if (epoch < StartFromEpoch) return;

        if (RestoreBestWeights && !_hasSnapshot)
        {
            // The weights after the first monitored epoch, in case no epoch ever improves.
            TakeSnapshot();
            BestEpoch = epoch;
        }

        Wait++;
        if (_monitor.IsImprovement(current, Best))
        {
            Best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) TakeSnapshot();
            // Only restart the count when the value also beats the baseline.
            if (Baseline is not double baseline || _monitor.IsImprovement(current, baseline)) Wait = 0;
            return;
        }

        // Only after the first epoch.
        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model.StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        if (StoppedEpoch > 0 && Verbose > 0)
            Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {StoppedEpoch + 1}: early stopping"));
        if (RestoreBestWeights && _hasSnapshot)
        {
            if (Verbose > 0)
                Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Restoring model weights from the end of the best epoch: {BestEpoch + 1}."));
            _bestWeights.AsSpan().CopyTo(Model.Parameters);
        }
        if (Verbose > 0) Output.Flush();
    }

    string IResumableCallback.StateKind => "early_stopping";

    void IResumableCallback.SaveState(CallbackState state)
    {
        state.Set("best", Best);
        state.Set("best_epoch", BestEpoch);
        state.Set("wait", Wait);
        if (_hasSnapshot) state.SetTensor("best_weights", _bestWeights!);
    }

    void IResumableCallback.RestoreState(CallbackState state)
    {
        double best = state.GetDouble("best");
        int bestEpoch = state.GetInt("best_epoch"), wait = state.GetInt("wait");
        float[]? snapshot = state.GetTensor("best_weights", Model.Parameters.Length);
        Best = best;
        BestEpoch = bestEpoch;
        Wait = wait;
        _hasSnapshot = snapshot is not null;
        _bestWeights = snapshot is null ? null : (float[])snapshot.Clone();
    }

    private void TakeSnapshot()
    {
        Span<float> parameters = Model.Parameters;
        if (_bestWeights is null || _bestWeights.Length != parameters.Length) _bestWeights = new float[parameters.Length];
        parameters.CopyTo(_bestWeights);
        _hasSnapshot = true;
    }
}
