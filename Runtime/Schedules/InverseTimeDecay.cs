using System;

namespace NetGen;

/// <summary>
/// lr = initialLearningRate / (1 + decayRate · step / decaySteps), with step / decaySteps floored when
/// <see cref="Staircase"/> (Keras's <c>InverseTimeDecay</c>).
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; the parameters are Keras's.</summary>
    /// <param name="initialLearningRate">The rate at step 0.</param>
    /// <param name="decaySteps">How often the decay is applied.</param>
    /// <param name="decayRate">The decay rate.</param>
    /// <param name="staircase">Whether to decay in discrete intervals of <paramref name="decaySteps"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or not finite, or decaySteps is not positive.</exception>
    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false)
    {
        InitialLearningRate = ScheduleArguments.NonNegative(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = ScheduleArguments.Positive(decaySteps, nameof(decaySteps));
        DecayRate = ScheduleArguments.NonNegative(decayRate, nameof(decayRate));
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>How often the decay is applied.</summary>
    public long DecaySteps { get; }

    /// <summary>The decay rate.</summary>
    public double DecayRate { get; }

    /// <summary>Whether step / decaySteps is floored.</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public override double Evaluate(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate / (1 + DecayRate * p);
    }
}
