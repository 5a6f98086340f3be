using System;

namespace NetGen;

/// <summary>
/// Batch normalization over the last axis (Keras's <c>BatchNormalization</c>, axis −1): in training,
/// y = γ·(x − μ)/√(σ² + ε) + β with the batch's mean μ and biased variance σ², and the moving statistics are updated
/// as moving = moving·momentum + batch·(1 − momentum); at inference (Evaluate, Predict, validation) the moving
/// statistics replace the batch's. Weights, in Keras's order: <c>gamma</c>, <c>beta</c> (trainable),
/// <c>moving_mean</c>, <c>moving_variance</c> (non-trainable).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormalizationAttribute : LayerAttribute
{
    /// <summary>The weight of the old value in the moving statistics (default 0.99; PyTorch's momentum is 1 − this).</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Added to the variance before the square root (default 1e-3).</summary>
    public double Epsilon { get; set; } = 1e-3;

    /// <summary>Whether the layer adds the offset β (default true).</summary>
    public bool Center { get; set; } = true;

    /// <summary>Whether the layer multiplies by the scale γ (default true).</summary>
    public bool Scale { get; set; } = true;

    /// <summary>The initializer of β (default zeros).</summary>
    public Initializer BetaInitializer { get; set; } = Initializer.Zeros;

    /// <summary>The initializer of γ (default ones).</summary>
    public Initializer GammaInitializer { get; set; } = Initializer.Ones;

    /// <summary>The initializer of the moving mean (default zeros).</summary>
    public Initializer MovingMeanInitializer { get; set; } = Initializer.Zeros;

    /// <summary>The initializer of the moving variance (default ones).</summary>
    public Initializer MovingVarianceInitializer { get; set; } = Initializer.Ones;

    /// <summary>
    /// Whether γ and β are trained (default true). A frozen layer (false) normalizes with the moving statistics in
    /// training too, never updates them, and its γ and β are non-trainable (Keras's <c>layer.trainable = False</c>).
    /// </summary>
    public bool Trainable { get; set; } = true;
}
