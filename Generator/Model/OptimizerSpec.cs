using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>How gradients are clipped before the update: a compile-time choice (the threshold is runtime-settable).</summary>
internal enum GradientClipKind
{
    None,

    /// <summary>Keras's <c>clipnorm</c>: each weight tensor's gradient to L2 norm ≤ c.</summary>
    ClipNorm,

    /// <summary>Keras's <c>clipvalue</c>: every element to [−c, c].</summary>
    ClipValue,

    /// <summary>Keras's <c>global_clipnorm</c>: all gradients together to L2 norm ≤ c.</summary>
    GlobalClipNorm,
}

/// <summary>
/// The optimizer: its kind and compiled-in features (AMSGrad, centered, Nesterov, momentum slot, clipping mode, weight
/// decay), and the initial values of its runtime-settable hyperparameters, with Keras's defaults already resolved.
/// </summary>
/// <remarks>Part of the incremental-generation cache boundary: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record OptimizerSpec
{
    public required OptimizerKind Kind { get; init; }

    public required double LearningRate { get; init; }

    /// <summary>SGD / RMSprop momentum; above 0 at compile time adds the momentum slot.</summary>
    public required double Momentum { get; init; }

    public required bool Nesterov { get; init; }

    public required double Beta1 { get; init; }

    public required double Beta2 { get; init; }

    public required double Epsilon { get; init; }

    public required bool Amsgrad { get; init; }

    /// <summary>ρ of RMSprop and Adadelta (resolved to Keras's default for the kind).</summary>
    public required double Rho { get; init; }

    public required bool Centered { get; init; }

    public required double InitialAccumulatorValue { get; init; }

    /// <summary>Decoupled weight decay, or NaN for none.</summary>
    public required double WeightDecay { get; init; }

    public required GradientClipKind Clipping { get; init; }

    /// <summary>The clipping threshold (NaN when <see cref="Clipping"/> is None).</summary>
    public required double ClipThreshold { get; init; }

    public bool HasMomentum => Momentum > 0 && Kind is OptimizerKind.Sgd or OptimizerKind.RmsProp;

    public bool HasWeightDecay => !double.IsNaN(WeightDecay);

    public bool UsesRho => Kind is OptimizerKind.RmsProp or OptimizerKind.Adadelta;

    /// <summary>Keras's names of the per-parameter state buffers, in slot order (Keras 3's / tf.keras build order).</summary>
    public string[] SlotNames
    {
        get
        {
            var names = new List<string>();
            switch (Kind)
            {
                case OptimizerKind.Sgd:
                    if (HasMomentum) names.Add("momentum");
                    break;
                case OptimizerKind.Adam or OptimizerKind.AdamW:
                    names.Add("momentum");
                    names.Add("velocity");
                    if (Amsgrad) names.Add("velocity_hat");
                    break;
                case OptimizerKind.Adagrad:
                    names.Add("accumulator");
                    break;
                case OptimizerKind.RmsProp:
                    names.Add("velocity");
                    if (HasMomentum) names.Add("momentum");
                    if (Centered) names.Add("average_gradient");
                    break;
                case OptimizerKind.Adadelta:
                    names.Add("accumulated_grad");
                    names.Add("accumulated_delta_var");
                    break;
                case OptimizerKind.Nadam:
                    names.Add("momentum");
                    names.Add("velocity");
                    break;
            }
            return names.ToArray();
        }
    }

    /// <summary>Keras's names of the scalar state (Nadam's running product of its momentum schedule).</summary>
    public string[] ScalarNames => Kind == OptimizerKind.Nadam ? new[] { "u_product" } : new string[0];

    public int SlotCount => SlotNames.Length;

    /// <summary>The optimizer of an inference-only network: none is generated; SGD's defaults only fill the spec.</summary>
    public static OptimizerSpec Unused { get; } = new()
    {
        Kind = OptimizerKind.Sgd,
        LearningRate = 0.01,
        Momentum = 0,
        Nesterov = false,
        Beta1 = 0.9,
        Beta2 = 0.999,
        Epsilon = 1e-7,
        Amsgrad = false,
        Rho = 0.9,
        Centered = false,
        InitialAccumulatorValue = 0.1,
        WeightDecay = double.NaN,
        Clipping = GradientClipKind.None,
        ClipThreshold = double.NaN,
    };
}
