using System;

namespace NetGen;

/// <summary>
/// The loss, optimizer and metrics of a network (Keras's <c>model.compile</c>). The loss and optimizer kind are
/// compiled into the generated code; the numeric hyperparameters set here are initial values that can be
/// changed at run time through <see cref="Model.OptimizerSettings"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CompileAttribute : Attribute
{
    /// <summary>Declares the loss and optimizer.</summary>
    public CompileAttribute(Loss loss, Optimizer optimizer)
    {
        Loss = loss;
        Optimizer = optimizer;
    }

    /// <summary>The loss function.</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Whether the network's output is logits rather than probabilities (cross-entropy losses only).</summary>
    public bool FromLogits { get; set; }

    /// <summary>The learning rate; by default Keras's default for the optimizer (SGD 0.01, Adam 0.001).</summary>
    public double LearningRate { get; set; } = double.NaN;

    /// <summary>SGD momentum (default 0).</summary>
    public double Momentum { get; set; }

    /// <summary>SGD Nesterov momentum (default false; requires <see cref="Momentum"/> &gt; 0).</summary>
    public bool Nesterov { get; set; }

    /// <summary>Adam's β1 (default 0.9).</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Adam's β2 (default 0.999).</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Adam's ε (default 1e-7, Keras's).</summary>
    public double Epsilon { get; set; } = 1e-7;

    /// <summary>The metrics to report besides the loss.</summary>
    public Metric[] Metrics { get; set; } = [];
}
