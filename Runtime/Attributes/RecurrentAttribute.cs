namespace NetGen;

/// <summary>
/// What the recurrent layers (<see cref="LSTMAttribute"/>, <see cref="GRUAttribute"/>, <see cref="SimpleRNNAttribute"/>)
/// share, with Keras's names and defaults. The input is a sequence (B, T, features) with T a compile-time constant;
/// the output is the last state (B, units), or every state (B, T, units) with <see cref="ReturnSequences"/>.
/// </summary>
public abstract class RecurrentAttribute : LayerAttribute
{
    /// <summary>Declares a recurrent layer with <paramref name="units"/> units.</summary>
    protected RecurrentAttribute(int units) => Units = units;

    /// <summary>The size of the state (Keras's <c>units</c>).</summary>
    public int Units { get; }

    /// <summary>The activation of the candidate state and of the output (default <see cref="NetGen.Activation.Tanh"/>).</summary>
    public Activation Activation { get; set; } = Activation.Tanh;

    /// <summary>Whether the layer has a bias (default true).</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Whether the output is the state after every step, (B, T, units), rather than the last one (default false).</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>Whether the layer reads the sequence from its last step to its first (default false); the returned sequence is then in that reversed order, as in Keras.</summary>
    public bool GoBackwards { get; set; }

    /// <summary>The input kernel's initializer (default glorot uniform).</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>The recurrent kernel's initializer (default orthogonal).</summary>
    public Initializer RecurrentInitializer { get; set; } = Initializer.Orthogonal;

    /// <summary>The bias initializer (default zeros).</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;

    /// <summary>The recurrent kernel's gain for <see cref="Initializer.Orthogonal"/> (Keras's <c>gain</c>; default 1).</summary>
    public double RecurrentGain { get; set; } = 1.0;

    /// <summary>Kernel L1 factor: adds l1·Σ|W| to the loss (Keras's <c>kernel_regularizer=L1(l1)</c>); default 0 (off).</summary>
    public double KernelL1 { get; set; }

    /// <summary>Kernel L2 factor: adds l2·ΣW² to the loss; default 0 (off).</summary>
    public double KernelL2 { get; set; }

    /// <summary>Recurrent kernel L1 factor: adds l1·Σ|U| to the loss (Keras's <c>recurrent_regularizer</c>); default 0 (off).</summary>
    public double RecurrentL1 { get; set; }

    /// <summary>Recurrent kernel L2 factor: adds l2·ΣU² to the loss; default 0 (off).</summary>
    public double RecurrentL2 { get; set; }

    /// <summary>Bias L1 factor: adds l1·Σ|b| to the loss (Keras's <c>bias_regularizer</c>); default 0 (off).</summary>
    public double BiasL1 { get; set; }

    /// <summary>Bias L2 factor: adds l2·Σb² to the loss; default 0 (off).</summary>
    public double BiasL2 { get; set; }
}
