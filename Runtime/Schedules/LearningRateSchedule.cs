namespace NetGen;

/// <summary>
/// A learning rate that depends on the optimizer step (Keras's <c>keras.optimizers.schedules.LearningRateSchedule</c>).
/// Set one on <see cref="Model.LearningRateSchedule"/>; the model evaluates it at <see cref="Model.Iterations"/> before
/// every update.
/// </summary>
/// <remarks>Keras computes schedules in float32; NetGen computes them in double and rounds the rate to float32 in the update.</remarks>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate of the update at <paramref name="step"/> (0 for the first update; steps count batches).</summary>
    /// <param name="step">The optimizer's iteration count before the update (non-negative).</param>
    public abstract double Evaluate(long step);
}
