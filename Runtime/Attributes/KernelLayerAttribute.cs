namespace NetGen;

/// <summary>
/// The base of the layers with a kernel and an optional bias (Dense, Conv1D, Conv2D): Keras's <c>use_bias</c>,
/// initializers, their arguments and regularizers, with Keras's defaults.
/// </summary>
public abstract class KernelLayerAttribute : LayerAttribute
{
    /// <summary>Whether the layer has a bias vector (default true).</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>The kernel initializer (default glorot uniform).</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>The bias initializer (default zeros).</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;

    // Regularizers (Keras's kernel_regularizer, bias_regularizer, activity_regularizer). Attributes cannot take
    // regularizer objects, so each is two factors: 0 is off; L1 alone is Keras's L1(l1), L2 alone L2(l2), both L1L2.
    // A factor must be a non-negative finite number (NG0020).

    /// <summary>Kernel L1 factor: adds l1·Σ|W| to the loss (Keras's <c>kernel_regularizer=L1(l1)</c>); default 0 (off).</summary>
    public double KernelL1 { get; set; }

    /// <summary>Kernel L2 factor: adds l2·ΣW² to the loss, no ½ (Keras's <c>kernel_regularizer=L2(l2)</c>); default 0 (off).</summary>
    public double KernelL2 { get; set; }

    /// <summary>Bias L1 factor: adds l1·Σ|b| to the loss (Keras's <c>bias_regularizer=L1(l1)</c>); default 0 (off).</summary>
    public double BiasL1 { get; set; }

    /// <summary>Bias L2 factor: adds l2·Σb² to the loss (Keras's <c>bias_regularizer=L2(l2)</c>); default 0 (off).</summary>
    public double BiasL2 { get; set; }

    /// <summary>
    /// Activity L1 factor: adds l1·Σ|y| / batch size to the loss, y the layer's output after its activation
    /// (Keras's <c>activity_regularizer=L1(l1)</c>, which Keras divides by the batch size); default 0 (off).
    /// </summary>
    public double ActivityL1 { get; set; }

    /// <summary>Activity L2 factor: adds l2·Σy² / batch size to the loss (Keras's <c>activity_regularizer=L2(l2)</c>); default 0 (off).</summary>
    public double ActivityL2 { get; set; }

    // Arguments of the initializers that take some (Keras's constructor arguments, with Keras's defaults). Setting
    // one for an initializer that does not read it is an error (NG0022).

    /// <summary>The kernel's value for <see cref="Initializer.Constant"/> (Keras's <c>Constant(value)</c>; default 0).</summary>
    public double KernelConstant { get; set; }

    /// <summary>The bias's value for <see cref="Initializer.Constant"/> (default 0).</summary>
    public double BiasConstant { get; set; }

    /// <summary>The kernel's lower bound for <see cref="Initializer.RandomUniform"/> (Keras's <c>minval</c>; default −0.05).</summary>
    public double KernelMinVal { get; set; } = -0.05;

    /// <summary>The kernel's upper bound for <see cref="Initializer.RandomUniform"/> (Keras's <c>maxval</c>; default 0.05).</summary>
    public double KernelMaxVal { get; set; } = 0.05;

    /// <summary>The bias's lower bound for <see cref="Initializer.RandomUniform"/> (default −0.05).</summary>
    public double BiasMinVal { get; set; } = -0.05;

    /// <summary>The bias's upper bound for <see cref="Initializer.RandomUniform"/> (default 0.05).</summary>
    public double BiasMaxVal { get; set; } = 0.05;

    /// <summary>The kernel's mean for <see cref="Initializer.RandomNormal"/> (Keras's <c>mean</c>; default 0).</summary>
    public double KernelMean { get; set; }

    /// <summary>The kernel's standard deviation for <see cref="Initializer.RandomNormal"/> (Keras's <c>stddev</c>; default 0.05).</summary>
    public double KernelStddev { get; set; } = 0.05;

    /// <summary>The bias's mean for <see cref="Initializer.RandomNormal"/> (default 0).</summary>
    public double BiasMean { get; set; }

    /// <summary>The bias's standard deviation for <see cref="Initializer.RandomNormal"/> (default 0.05).</summary>
    public double BiasStddev { get; set; } = 0.05;

    /// <summary>The kernel's gain for <see cref="Initializer.Orthogonal"/> (Keras's <c>gain</c>; default 1).</summary>
    public double KernelGain { get; set; } = 1.0;
}
