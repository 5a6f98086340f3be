namespace NetGen.Generator.Model;

/// <summary>
/// The arguments of an initializer that takes some (mirrors the runtime's <c>InitializerArguments</c>, Keras's
/// defaults: value 0, minval −0.05, maxval 0.05, mean 0, stddev 0.05, gain 1).
/// </summary>
/// <remarks>A cache-boundary value: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record InitializerArgumentsSpec(double Value, double MinVal, double MaxVal, double Mean, double Stddev, double Gain)
{
    /// <summary>When positive, an LSTM bias's forget block [units, 2·units) starts at ones (Keras's <c>unit_forget_bias</c>).</summary>
    public int UnitForgetBiasUnits { get; init; }

    /// <summary>Keras's defaults, for a weight whose initializer takes no arguments but needs <see cref="UnitForgetBiasUnits"/>.</summary>
    public static InitializerArgumentsSpec Default { get; } = new(0, -0.05, 0.05, 0, 0.05, 1);
}
