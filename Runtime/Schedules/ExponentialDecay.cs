using System;

namespace NetGen;

/// <summary>
/// lr = initialLearningRate · decayRate^(step / decaySteps), with the exponent floored when <see cref="Staircase"/>
/// (Keras's <c>ExponentialDecay</c>).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; the parameters are Keras's.</summary>
    /// <param name="initialLearningRate">The rate at step 0.</param>
    /// <param name="decaySteps">The number of steps over which the rate is multiplied by <paramref name="decayRate"/> once.</param>
    /// <param name="decayRate">The factor per <paramref name="decaySteps"/> steps.</param>
    /// <param name="staircase">Whether the rate changes in steps, every <paramref name="decaySteps"/> steps.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or not finite, or decaySteps is not positive.</exception>
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false)
    {
        InitialLearningRate = ScheduleArguments.NonNegative(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = ScheduleArguments.Positive(decaySteps, nameof(decaySteps));
        DecayRate = ScheduleArguments.NonNegative(decayRate, nameof(decayRate));
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The number of steps per factor of <see cref="DecayRate"/>.</summary>
    public long DecaySteps { get; }

    /// <summary>The factor per <see cref="DecaySteps"/> steps.</summary>
    public double DecayRate { get; }

    /// <summary>Whether the exponent is floored.</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public override double Evaluate(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate * Math.Pow(DecayRate, p);
    }
}
