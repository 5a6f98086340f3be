using System;

namespace NetGen;

public abstract partial class Model
{
    private LearningRateSchedule? _learningRateSchedule;

    /// <summary>
    /// A learning-rate schedule (Keras's <c>learning_rate=ExponentialDecay(...)</c>), or null for the constant
    /// <see cref="LearningRate"/>. As in Keras, it is evaluated at <see cref="Iterations"/> (0 at the first update, counting
    /// batches) before each update, and the rate it gives is used by that update (and its weight decay) and reported by
    /// <see cref="LearningRate"/>.
    /// </summary>
    /// <remarks>
    /// While a schedule is set the learning rate is not settable: setting <see cref="LearningRate"/> — which
    /// <see cref="LearningRateScheduler"/> does at each epoch start and <see cref="ReduceLROnPlateau"/> when it reduces —
    /// throws <see cref="InvalidOperationException"/>, as Keras raises a TypeError; <see cref="ReduceLROnPlateau"/> checks
    /// it when training begins. Set the schedule to null to go back to a settable, constant rate (the last scheduled one).
    /// A checkpoint stores <see cref="Iterations"/> but not the schedule: set the same schedule on the model that loads it.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The schedule gives a negative, NaN or infinite rate at the current step.</exception>
    public LearningRateSchedule? LearningRateSchedule
    {
        get => _learningRateSchedule;
        set
        {
            _learningRateSchedule = value;
            ApplyLearningRateSchedule();
        }
    }

    private void ThrowIfScheduled()
    {
        if (_learningRateSchedule is { } schedule)
            throw new InvalidOperationException(
                $"The learning rate of {Description.Name} follows its LearningRateSchedule ({schedule.GetType().Name}), so it is not settable " +
                "(Keras raises the same way). Set LearningRateSchedule = null first, or do not combine a schedule with LearningRateScheduler or ReduceLROnPlateau.");
    }

    /// <summary>Sets the learning rate of the next step from the schedule, if there is one.</summary>
    private void ApplyLearningRateSchedule()
    {
        if (_learningRateSchedule is not { } schedule) return;
        double rate = schedule.Evaluate(Iterations);
        if (!double.IsFinite(rate) || rate < 0)
            throw new InvalidOperationException(FormattableString.Invariant(
                $"The learning-rate schedule {schedule.GetType().Name} gave {rate} at step {Iterations}; expected a finite, non-negative learning rate."));
        OptimizerSettings.LearningRate = rate;
    }
}
