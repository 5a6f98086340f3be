using System;

namespace NetGen;

/// <summary>
/// The optimizer's numeric hyperparameters, readable and settable at run time (by a schedule or a callback).
/// Initial values come from <see cref="CompileAttribute"/>; which of them an optimizer reads depends on its kind and on
/// the features compiled in: the clipping thresholds and <see cref="WeightDecay"/> are read only when the network was
/// compiled with that option (the emitted update has no clipping or decay code otherwise), and <see cref="Momentum"/>
/// only when it was compiled with a momentum above 0 (which adds the momentum slot).
/// </summary>
public sealed class OptimizerSettings
{
    private double _learningRate = 0.01;
    private double _rho = 0.9;
    private double _weightDecay = double.NaN;
    private double _clipNorm = double.NaN;
    private double _clipValue = double.NaN;
    private double _globalClipNorm = double.NaN;

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

    /// <summary>Momentum of SGD and RMSprop.</summary>
    public double Momentum { get; set; }

    /// <summary>β1 of Adam, AdamW and Nadam.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>β2 of Adam, AdamW and Nadam.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>ε of every optimizer but SGD.</summary>
    public double Epsilon { get; set; } = 1e-7;

    /// <summary>ρ of RMSprop and Adadelta.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1) or NaN.</exception>
    public double Rho
    {
        get => _rho;
        set
        {
            if (!(value >= 0 && value < 1))
                throw new ArgumentOutOfRangeException(nameof(value), value, "Expected ρ in [0, 1).");
            _rho = value;
        }
    }

    /// <summary>Decoupled weight decay (w ← w − w·wd·lr); NaN = none. Read only when compiled with a weight decay (or AdamW).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or infinite.</exception>
    public double WeightDecay
    {
        get => _weightDecay;
        set => _weightDecay = NonNegativeOrNaN(value, "weight decay");
    }

    /// <summary>The per-tensor gradient norm limit; NaN = none. Read only when compiled with <see cref="CompileAttribute.ClipNorm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive, or is infinite.</exception>
    public double ClipNorm
    {
        get => _clipNorm;
        set => _clipNorm = PositiveOrNaN(value, "clipnorm");
    }

    /// <summary>The elementwise gradient limit; NaN = none. Read only when compiled with <see cref="CompileAttribute.ClipValue"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive, or is infinite.</exception>
    public double ClipValue
    {
        get => _clipValue;
        set => _clipValue = PositiveOrNaN(value, "clipvalue");
    }

    /// <summary>The global gradient norm limit; NaN = none. Read only when compiled with <see cref="CompileAttribute.GlobalClipNorm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive, or is infinite.</exception>
    public double GlobalClipNorm
    {
        get => _globalClipNorm;
        set => _globalClipNorm = PositiveOrNaN(value, "global_clipnorm");
    }

    private static double NonNegativeOrNaN(double value, string what) =>
        double.IsNaN(value) || (value >= 0 && !double.IsInfinity(value))
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Expected a finite, non-negative {what} (or NaN for none).");

    private static double PositiveOrNaN(double value, string what) =>
        double.IsNaN(value) || (value > 0 && !double.IsInfinity(value))
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Expected a finite, positive {what} (or NaN for none).");
}
