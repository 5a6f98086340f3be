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
    /// <summary>N(0, s) truncated at 2s (redrawn), s = √(2 / (fan_in + fan_out)) / 0.8796…, so the actual std is √(2 / (fan_in + fan_out)).</summary>
    GlorotNormal = 5,
    /// <summary>N(0, s) truncated at 2s, s = √(2 / fan_in) / 0.8796… (actual std √(2 / fan_in)).</summary>
    HeNormal = 6,
    /// <summary>N(0, s) truncated at 2s, s = √(1 / fan_in) / 0.8796… (actual std √(1 / fan_in)); the natural choice for <see cref="Activation.Selu"/>.</summary>
    LecunNormal = 7,
    /// <summary>
    /// A (semi-)orthogonal matrix times the gain (Keras's <c>Orthogonal</c>): the Q of the QR decomposition of a standard
    /// normal matrix, with the signs of R's diagonal folded in. Kernels only (rank 2).
    /// </summary>
    Orthogonal = 8,
    /// <summary>Every value the layer's constant (Keras's <c>Constant(value)</c>, default 0).</summary>
    Constant = 9,
    /// <summary>U(minval, maxval), Keras's defaults −0.05 and 0.05 (Keras's <c>'uniform'</c>).</summary>
    RandomUniform = 10,
    /// <summary>N(mean, stddev), not truncated; Keras's defaults 0 and 0.05 (Keras's <c>'normal'</c>).</summary>
    RandomNormal = 11,
}
