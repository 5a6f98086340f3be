using System;

namespace NetGen;

/// <summary>
/// Long short-term memory (Keras's <c>LSTM</c>): z = x·W + h·U + b with gates ordered i, f, c, o;
/// c = f⊙c + i⊙activation(z_c), h = o⊙activation(c), the gates through <see cref="RecurrentActivation"/>.
/// Weights: kernel (features, 4·units), recurrent_kernel (units, 4·units), bias (4·units).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LSTMAttribute : RecurrentAttribute
{
    /// <summary>Declares an LSTM with <paramref name="units"/> units.</summary>
    public LSTMAttribute(int units) : base(units)
    {
    }

    /// <summary>The activation of the gates i, f and o (default <see cref="NetGen.Activation.Sigmoid"/>).</summary>
    public Activation RecurrentActivation { get; set; } = Activation.Sigmoid;

    /// <summary>Whether the forget gate's bias starts at 1 (Keras's <c>unit_forget_bias</c>, default true).</summary>
    public bool UnitForgetBias { get; set; } = true;
}
