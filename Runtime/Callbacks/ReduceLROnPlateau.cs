using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// Multiplies the learning rate by <see cref="Factor"/> when a monitored quantity has stopped improving (Keras's
/// <c>ReduceLROnPlateau</c>, tf.keras 2 semantics). At each epoch end:
/// <list type="number">
/// <item>Write the current learning rate into the logs under tf.keras 2's key <c>lr</c> (Keras 3: <c>learning_rate</c>),
/// so that it reaches the callbacks after this one (<see cref="CSVLogger"/>, <see cref="History"/>).</item>
/// <item>Skip the rest if the logs do not have <see cref="Monitor"/> (a warning is written once per training run).</item>
/// <item>If in cooldown: <c>cooldown_counter -= 1</c>, <c>wait = 0</c>.</item>
/// <item>If the value improved (cur &lt; best − δ when minimizing, cur &gt; best + δ when maximizing; the best starts
/// at ±∞): best = cur, <c>wait = 0</c>.</item>
/// <item>Else, if not in cooldown: <c>wait += 1</c>; if <c>wait ≥ patience</c> and the learning rate is above
/// <see cref="MinLr"/> (both compared as float32, as tf.keras 2 compares its float32 variable with
/// <c>np.float32(min_lr)</c>): lr = max(lr × factor, min_lr), <c>cooldown_counter = cooldown</c>, <c>wait = 0</c>.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para><b>Auto mode</b> (tf.keras 2's ReduceLROnPlateau rule): maximize when <c>acc</c> appears anywhere in the
/// monitored name, else minimize.</para>
/// <para><b>min_delta.</b> NetGen uses δ = |min_delta| like the other monitoring callbacks and Keras 3; tf.keras 2's
/// ReduceLROnPlateau used min_delta with its sign, so a negative value there made every change an "improvement".</para>
/// <para><b>Learning rate precision.</b> NetGen keeps the learning rate as a double and reduces it in double: 0.001
/// becomes 0.001 × 0.1 = 0.0001, where tf.keras 2 multiplies the value of its float32 variable and reports
/// 0.00010000000474974513. The comparison with min_lr is done in float32 as tf.keras 2 does it.</para>
/// <para>Messages (when <see cref="Verbose"/> &gt; 0, Keras's wording) and warnings go to the writer given to the constructor.</para>
/// </remarks>
public sealed class ReduceLROnPlateau : Callback, IResumableCallback
{
    /// <summary>The log key of the learning rate (tf.keras 2's; Keras 3 writes <c>learning_rate</c>).</summary>
    public const string LearningRateKey = "lr";

    private readonly MetricMonitor _monitor;
    private readonly TextWriter? _output;

    /// <summary>Creates the callback; the parameters and their defaults are Keras's.</summary>
    /// <param name="monitor">The log key to monitor.</param>
    /// <param name="factor">The factor the learning rate is multiplied by: new_lr = lr × factor. Must be below 1.</param>
    /// <param name="patience">Epochs without improvement after which the learning rate is reduced.</param>
    /// <param name="verbose">0 = silent, 1 = a message at each reduction.</param>
    /// <param name="mode">Whether the quantity should decrease or increase; <see cref="MonitorMode.Auto"/> infers it from the name.</param>
    /// <param name="minDelta">The least change that counts as an improvement; its sign is ignored.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting epochs without improvement again.</param>
    /// <param name="minLr">The lower bound of the learning rate.</param>
    /// <param name="output">Where messages and warnings go (default <see cref="Console.Out"/>).</param>
    /// <exception cref="ArgumentException">The factor is 1 or more (Keras: ValueError), negative or NaN; the monitor is empty; min_delta is NaN; or the mode is undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The patience or the cooldown is negative, or min_lr is negative or not finite.</exception>
    public ReduceLROnPlateau(
        string monitor = "val_loss",
        double factor = 0.1,
        int patience = 10,
        int verbose = 0,
        MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4,
        int cooldown = 0,
        double minLr = 0,
        TextWriter? output = null)
    {
        if (factor >= 1.0)
            throw new ArgumentException($"ReduceLROnPlateau does not support a factor >= 1.0 (it must reduce the learning rate); found {PythonFloat.Repr(factor)}.", nameof(factor));
        if (!(factor >= 0))
            throw new ArgumentException($"Expected a factor in [0, 1); found {PythonFloat.Repr(factor)}.", nameof(factor));
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!double.IsFinite(minLr) || minLr < 0)
            throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "Expected a finite, non-negative minimum learning rate.");
        _monitor = new MetricMonitor(monitor, mode, minDelta, AutoModeRule.ReduceLROnPlateau);
        _output = output;
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Mode = mode;
        Cooldown = cooldown;
        MinLr = minLr;
        Best = _monitor.InitialBest;
    }

    /// <summary>The monitored log key.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>The factor the learning rate is multiplied by at each reduction.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement after which the learning rate is reduced.</summary>
    public int Patience { get; }

    /// <summary>0 = silent, 1 = messages.</summary>
    public int Verbose { get; }

    /// <summary>The mode as given (see <see cref="Maximize"/> for the resolved direction).</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether higher values of the monitored quantity are better (the mode, resolved).</summary>
    public bool Maximize => _monitor.Maximize;

    /// <summary>δ = |min_delta|.</summary>
    public double MinDelta => _monitor.MinDelta;

    /// <summary>Epochs after a reduction during which epochs without improvement are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The lower bound of the learning rate.</summary>
    public double MinLr { get; }

    /// <summary>The best monitored value so far (±∞ before the first).</summary>
    public double Best { get; private set; }

    /// <summary>Epochs without improvement since the last improvement or reduction (Keras's <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>Remaining cooldown epochs (Keras's <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    private bool InCooldown => CooldownCounter > 0;

    private TextWriter Output => _output ?? Console.Out;

    string IResumableCallback.StateKind => "reduce_lr_on_plateau";

    void IResumableCallback.SaveState(CallbackState state)
    {
        state.Set("best", Best);
        state.Set("wait", Wait);
        state.Set("cooldown_counter", CooldownCounter);
    }

    void IResumableCallback.RestoreState(CallbackState state)
    {
        double best = state.GetDouble("best");
        int wait = state.GetInt("wait"), cooldown = state.GetInt("cooldown_counter");
        Best = best;
        Wait = wait;
        CooldownCounter = cooldown;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The model has a <see cref="Model.LearningRateSchedule"/>, whose rate this callback cannot set (Keras raises when it tries).</exception>
    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        if (Model.LearningRateSchedule is { } schedule)
            throw new InvalidOperationException(
                $"ReduceLROnPlateau cannot reduce the learning rate of {Model.Description.Name}: it follows a LearningRateSchedule ({schedule.GetType().Name}). " +
                "Use one or the other (Keras raises a TypeError at the first reduction; NetGen refuses before training).");
        Best = _monitor.InitialBest;
        CooldownCounter = 0;
        Wait = 0;
        _monitor.ResetWarning();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        logs[LearningRateKey] = Model.LearningRate;
        if (!_monitor.TryRead(logs, out double current))
        {
            _monitor.WarnOnce(Output,
                $"Learning rate reduction is conditioned on metric `{Monitor}` which is not available. Available metrics are: {MetricMonitor.Keys(logs)}");
            return;
        }

        if (InCooldown)
        {
            CooldownCounter--;
            Wait = 0;
        }

        if (_monitor.IsImprovementOverThreshold(current, Best))
        {
            Best = current;
            Wait = 0;
        }
        else if (!InCooldown)
        {
            Wait++;
            if (Wait >= Patience)
            {
                double oldLr = Model.LearningRate;
                if ((float)oldLr > (float)MinLr)
                {
                    double newLr = Math.Max(oldLr * Factor, MinLr);
                    Model.LearningRate = newLr;
                    if (Verbose > 0)
                    {
                        Output.WriteLine(FormattableString.Invariant(
                            $"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFloat.Repr(newLr)}."));
                        Output.Flush();
                    }
                    CooldownCounter = Cooldown;
                    Wait = 0;
                }
            }
        }
    }
}
