namespace NetGen;

/// <summary>Optimizers; the kind is a compile-time choice, the hyperparameters are runtime-settable.</summary>
/// <remarks>The numeric values are part of the contract with the source generator; never renumber them.</remarks>
public enum Optimizer
{
    /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum. Keras default learning rate 0.01.</summary>
    Sgd = 0,
    /// <summary>Adam with Keras's epsilon placement (ε added to the uncorrected √v). Keras default learning rate 0.001.</summary>
    Adam = 1,
}
