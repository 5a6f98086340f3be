using System;

namespace NetGen;

/// <summary>
/// Cosine decay (Keras's <c>CosineDecay</c>, tf.keras 2.15 with its optional linear warmup). Without warmup:
/// lr = initialLearningRate · ((1 − alpha) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + alpha). With
/// <c>warmupTarget</c>: the rate goes linearly from initialLearningRate to warmupTarget over warmupSteps steps, then
/// decays from warmupTarget as above over the next decaySteps steps.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule; the parameters are Keras's.</summary>
    /// <param name="initialLearningRate">The rate at step 0.</param>
    /// <param name="decaySteps">The number of steps to decay over.</param>
    /// <param name="alpha">The minimum rate, as a fraction of the rate decayed from.</param>
    /// <param name="warmupTarget">The rate at the end of the warmup, or null for no warmup.</param>
    /// <param name="warmupSteps">The number of warmup steps (used only with <paramref name="warmupTarget"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or not finite, decaySteps is not positive, or warmupSteps is negative.</exception>
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0.0, double? warmupTarget = null, long warmupSteps = 0)
    {
        InitialLearningRate = ScheduleArguments.NonNegative(initialLearningRate, nameof(initialLearningRate));
        DecaySteps = ScheduleArguments.Positive(decaySteps, nameof(decaySteps));
        Alpha = ScheduleArguments.NonNegative(alpha, nameof(alpha));
        if (warmupTarget is { } target) ScheduleArguments.NonNegative(target, nameof(warmupTarget));
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        WarmupTarget = warmupTarget;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The number of steps to decay over.</summary>
    public long DecaySteps { get; }

    /// <summary>The minimum rate as a fraction of the rate decayed from.</summary>
    public double Alpha { get; }

    /// <summary>The rate at the end of the warmup, or null for no warmup.</summary>
    public double? WarmupTarget { get; }

    /// <summary>The number of warmup steps.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public override double Evaluate(long step)
    {
        if (WarmupTarget is not { } target) return Decay(Math.Min(step, DecaySteps), InitialLearningRate);
        double s = Math.Min(step, DecaySteps + WarmupSteps);
        if (s < WarmupSteps) return (target - InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate;
        return Decay(s - WarmupSteps, target);
    }

    private double Decay(double step, double from)
    {
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * (step / DecaySteps)));
        return from * ((1 - Alpha) * cosine + Alpha);
    }
}
