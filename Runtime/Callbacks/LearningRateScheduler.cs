using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// Sets the learning rate at the start of every epoch from a schedule (Keras's <c>LearningRateScheduler</c>):
/// <c>lr = schedule(epoch, currentLr)</c> with the 0-based epoch, and writes the learning rate into the epoch's logs
/// under tf.keras 2's key <c>lr</c> at the epoch end, so that it reaches the callbacks after this one
/// (<see cref="CSVLogger"/>, <see cref="History"/>).
/// </summary>
/// <remarks>Messages (when <see cref="Verbose"/> &gt; 0, Keras's wording) go to the writer given to the constructor.</remarks>
public sealed class LearningRateScheduler : Callback
{
    /// <summary>The log key of the learning rate (tf.keras 2's; Keras 3 writes <c>learning_rate</c>).</summary>
    public const string LearningRateKey = "lr";

    private readonly Func<int, double, double> _schedule;
    private readonly TextWriter? _output;

    /// <summary>Creates the callback with a schedule of the epoch and the current learning rate (Keras's current API).</summary>
    /// <param name="schedule">Returns the learning rate of an epoch from its 0-based index and the current learning rate.</param>
    /// <param name="verbose">0 = silent, 1 = a message at every epoch start.</param>
    /// <param name="output">Where messages go (default <see cref="Console.Out"/>).</param>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _schedule = schedule;
        Verbose = verbose;
        _output = output;
    }

    /// <summary>Creates the callback with a schedule of the epoch only (Keras's older API, still accepted by Keras).</summary>
    /// <param name="schedule">Returns the learning rate of an epoch from its 0-based index.</param>
    /// <param name="verbose">0 = silent, 1 = a message at every epoch start.</param>
    /// <param name="output">Where messages go (default <see cref="Console.Out"/>).</param>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0, TextWriter? output = null)
        : this(WithoutCurrentRate(schedule), verbose, output)
    {
    }

    /// <summary>0 = silent, 1 = messages.</summary>
    public int Verbose { get; }

    private TextWriter Output => _output ?? Console.Out;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The schedule returned a negative, infinite or NaN learning rate.</exception>
    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs)
    {
        double lr = _schedule(epoch, Model.LearningRate);
        if (!double.IsFinite(lr) || lr < 0)
            throw new InvalidOperationException(FormattableString.Invariant(
                $"The learning-rate schedule returned {PythonFloat.Repr(lr)} for epoch {epoch}; expected a finite, non-negative learning rate."));
        Model.LearningRate = lr;
        if (Verbose > 0)
        {
            Output.WriteLine(FormattableString.Invariant($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFloat.Repr(lr)}."));
            Output.Flush();
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => logs[LearningRateKey] = Model.LearningRate;

    private static Func<int, double, double> WithoutCurrentRate(Func<int, double> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return (epoch, _) => schedule(epoch);
    }
}
