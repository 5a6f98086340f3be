namespace NetGen;

/// <summary>
/// The arguments of the initializers that take some, with Keras's defaults. Generated code sets only those the
/// weight's initializer reads.
/// </summary>
public sealed record InitializerArguments
{
    /// <summary>The value of <see cref="Initializer.Constant"/> (default 0).</summary>
    public double Value { get; init; }

    /// <summary>The lower bound of <see cref="Initializer.RandomUniform"/> (default −0.05).</summary>
    public double MinVal { get; init; } = -0.05;

    /// <summary>The upper bound of <see cref="Initializer.RandomUniform"/> (default 0.05).</summary>
    public double MaxVal { get; init; } = 0.05;

    /// <summary>The mean of <see cref="Initializer.RandomNormal"/> (default 0).</summary>
    public double Mean { get; init; }

    /// <summary>The standard deviation of <see cref="Initializer.RandomNormal"/> (default 0.05).</summary>
    public double Stddev { get; init; } = 0.05;

    /// <summary>The gain of <see cref="Initializer.Orthogonal"/> (default 1).</summary>
    public double Gain { get; init; } = 1.0;

    /// <summary>
    /// When positive, an LSTM bias under Keras's <c>unit_forget_bias</c>: after the fill, the forget gate's block
    /// [units, 2·units) is set to ones (default 0: off).
    /// </summary>
    public int UnitForgetBiasUnits { get; init; }

    /// <summary>Keras's defaults.</summary>
    public static InitializerArguments Default { get; } = new();
}
