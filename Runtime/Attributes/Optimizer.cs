namespace NetGen;

/// <summary>Optimizers; the kind is a compile-time choice, the hyperparameters are runtime-settable.</summary>
/// <remarks>
/// The formulas are tf.keras 2's (TF ≥ 2.11 "new" optimizers, the same maths as Keras 3). The numeric values are part
/// of the contract with the source generator; never renumber them.
/// </remarks>
public enum Optimizer
{
    /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum. Keras default learning rate 0.01.</summary>
    Sgd = 0,
    /// <summary>Adam with Keras's epsilon placement (ε added to the uncorrected √v), optionally AMSGrad. Keras default learning rate 0.001.</summary>
    Adam = 1,
    /// <summary>Adagrad: accumulators start at <see cref="CompileAttribute.InitialAccumulatorValue"/> (0.1); w −= lr·g/√(a + ε). Keras default learning rate 0.001.</summary>
    Adagrad = 2,
    /// <summary>RMSprop (ρ = 0.9, ε inside the root), optionally with momentum and centered. Keras default learning rate 0.001.</summary>
    RmsProp = 3,
    /// <summary>Adadelta (ρ = 0.95). Keras default learning rate 0.001 (Keras scales the Adadelta step by it).</summary>
    Adadelta = 4,
    /// <summary>Adam with decoupled weight decay w ← w − w·wd·lr applied to every weight (Keras default weight decay 0.004, learning rate 0.001).</summary>
    AdamW = 5,
    /// <summary>Nadam (Keras's momentum cache u_t = β1(1 − 0.5·0.96ᵗ)). Keras default learning rate 0.001.</summary>
    Nadam = 6,
}
