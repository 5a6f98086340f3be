using System;

namespace NetGen;

/// <summary>
/// The optimizer's numeric hyperparameters, readable and settable at run time (by a schedule or a callback).
/// Initial values come from <see cref="CompileAttribute"/>; which of them an optimizer reads depends on its kind.
/// </summary>
public sealed class OptimizerSettings
{
    private double _learningRate = 0.01;

    /// <summary>The learning rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!double.IsFinite(value) || value < 0)
                throw new ArgumentOutOfRangeException(nameof(value), value, "Expected a finite, non-negative learning rate.");
            _learningRate = value;
        }
    }

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; set; }

    /// <summary>Adam's β1.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Adam's β2.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Adam's ε.</summary>
    public double Epsilon { get; set; } = 1e-7;
}
