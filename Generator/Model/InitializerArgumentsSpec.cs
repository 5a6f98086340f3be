namespace NetGen.Generator.Model;

/// <summary>
/// The arguments of an initializer that takes some (mirrors the runtime's <c>InitializerArguments</c>, Keras's
/// defaults: value 0, minval −0.05, maxval 0.05, mean 0, stddev 0.05, gain 1).
/// </summary>
/// <remarks>A cache-boundary value: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record InitializerArgumentsSpec(double Value, double MinVal, double MaxVal, double Mean, double Stddev, double Gain);
