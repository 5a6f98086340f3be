namespace NetGen;

/// <summary>Weight initializers, with Keras's definitions.</summary>
/// <remarks>The numeric values are part of the contract with the source generator; never renumber them.</remarks>
public enum Initializer
{
    /// <summary>U(−L, L) with L = √(6 / (fan_in + fan_out)); Keras's default for kernels.</summary>
    GlorotUniform = 0,
    /// <summary>All zeros; Keras's default for biases.</summary>
    Zeros = 1,
    /// <summary>All ones.</summary>
    Ones = 2,
    /// <summary>U(−L, L) with L = √(6 / fan_in).</summary>
    HeUniform = 3,
    /// <summary>U(−L, L) with L = √(3 / fan_in).</summary>
    LecunUniform = 4,
}
