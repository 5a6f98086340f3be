namespace NetGen;

/// <summary>Activation functions, with Keras's names and definitions (tf.keras 2.x).</summary>
/// <remarks>The numeric values are part of the contract with the source generator; never renumber them.</remarks>
public enum Activation
{
    /// <summary>The identity, Keras's <c>None</c> / <c>'linear'</c>.</summary>
    Linear = 0,
    /// <summary><c>max(x, 0)</c>; derivative 0 at 0.</summary>
    Relu = 1,
    /// <summary><c>1 / (1 + e^-x)</c>.</summary>
    Sigmoid = 2,
    /// <summary><c>tanh(x)</c>.</summary>
    Tanh = 3,
    /// <summary>Softmax over the last axis.</summary>
    Softmax = 4,
}
