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

    /// <summary>
    /// δ of <see cref="Loss.Huber"/>, where the loss turns from quadratic to linear (Keras's <c>delta</c>, default 1.0); a
    /// finite number &gt; 0, and set only with <see cref="Loss.Huber"/>.
    /// </summary>
    public double HuberDelta { get; set; } = 1.0;

    /// <summary>
    /// The learning rate; NaN (the default) means Keras's default for the optimizer (SGD 0.01, every other optimizer
    /// 0.001). Runtime-settable through <see cref="Model.LearningRate"/> or a <see cref="Model.LearningRateSchedule"/>.
    /// </summary>
    public double LearningRate { get; set; } = double.NaN;

    /// <summary>Momentum of <see cref="Optimizer.Sgd"/> and <see cref="Optimizer.RmsProp"/> (default 0, in [0, 1]); a value above 0 adds the <c>momentum</c> slot.</summary>
    public double Momentum { get; set; }

    /// <summary>SGD Nesterov momentum (default false; requires <see cref="Momentum"/> &gt; 0).</summary>
    public bool Nesterov { get; set; }

    /// <summary>β1 of <see cref="Optimizer.Adam"/>, <see cref="Optimizer.AdamW"/> and <see cref="Optimizer.Nadam"/> (default 0.9).</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>β2 of <see cref="Optimizer.Adam"/>, <see cref="Optimizer.AdamW"/> and <see cref="Optimizer.Nadam"/> (default 0.999).</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>ε of every optimizer but SGD (default 1e-7, Keras's; placed where Keras places it, see <see cref="NetGen.Optimizer"/>).</summary>
    public double Epsilon { get; set; } = 1e-7;

    /// <summary>AMSGrad variant of <see cref="Optimizer.Adam"/> / <see cref="Optimizer.AdamW"/> (default false): v̂ = max(v̂, v) replaces v, in the <c>velocity_hat</c> slot.</summary>
    public bool Amsgrad { get; set; }

    /// <summary>ρ, the decay of the moving averages of <see cref="Optimizer.RmsProp"/> and <see cref="Optimizer.Adadelta"/>; NaN (the default) means Keras's default (RMSprop 0.9, Adadelta 0.95).</summary>
    public double Rho { get; set; } = double.NaN;

    /// <summary>Centered <see cref="Optimizer.RmsProp"/> (default false): divides by an estimate of the variance, v − ḡ², with ḡ in the <c>average_gradient</c> slot.</summary>
    public bool Centered { get; set; }

    /// <summary>The value <see cref="Optimizer.Adagrad"/>'s accumulators start at (default 0.1, Keras's); used once, when the network is created.</summary>
    public double InitialAccumulatorValue { get; set; } = 0.1;

    /// <summary>
    /// Decoupled weight decay, w ← w − w·wd·lr before each update, on every weight (Keras's <c>weight_decay</c>, which every
    /// optimizer accepts). NaN (the default) means none, except for <see cref="Optimizer.AdamW"/>, whose default is 0.004.
    /// </summary>
    public double WeightDecay { get; set; } = double.NaN;

    /// <summary>Clips each weight tensor's gradient to this L2 norm: g·c/max(‖g‖, c) (Keras's <c>clipnorm</c>). NaN (the default) means no clipping.</summary>
    public double ClipNorm { get; set; } = double.NaN;

    /// <summary>Clips every gradient element to [−c, c] (Keras's <c>clipvalue</c>). NaN (the default) means no clipping.</summary>
    public double ClipValue { get; set; } = double.NaN;

    /// <summary>Scales all gradients by c/max(G, c), G = the L2 norm over all of them (Keras's <c>global_clipnorm</c>). NaN (the default) means no clipping.</summary>
    public double GlobalClipNorm { get; set; } = double.NaN;

    /// <summary>
    /// One loss per output, in the order of <see cref="NetworkAttribute.Outputs"/> (Keras's list of losses). Null (the
    /// default): the positional loss applies to every output, as Keras's single loss does. When set, it replaces the
    /// positional loss; <see cref="FromLogits"/> then applies to the cross-entropy outputs and <see cref="HuberDelta"/>
    /// to the Huber ones.
    /// </summary>
    public Loss[]? Losses { get; set; }

    /// <summary>
    /// The weight of each output's loss in the total, in the order of <see cref="NetworkAttribute.Outputs"/> (Keras's
    /// <c>loss_weights</c>): loss = Σ weight_k · loss_k, and output k's gradient is scaled by weight_k. Null (the
    /// default): every weight is 1. Each weight is a finite number ≥ 0.
    /// </summary>
    public double[]? LossWeights { get; set; }

    /// <summary>The metrics to report besides the loss.</summary>
    public Metric[] Metrics { get; set; } = [];
}
