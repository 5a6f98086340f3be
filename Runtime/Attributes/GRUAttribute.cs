using System;

namespace NetGen;

/// <summary>
/// Gated recurrent unit (Keras's <c>GRU</c> with <c>reset_after=True</c>, its default): gates ordered z, r, h;
/// z, r = recurrent_activation(x·W + b_in + h·U + b_rec), ĥ = activation(x·W_h + b_in,h + r⊙(h·U_h + b_rec,h)),
/// h = z⊙h_prev + (1 − z)⊙ĥ. Weights: kernel (features, 3·units), recurrent_kernel (units, 3·units), bias (2, 3·units).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GRUAttribute : RecurrentAttribute
{
    /// <summary>Declares a GRU with <paramref name="units"/> units.</summary>
    public GRUAttribute(int units) : base(units)
    {
    }

    /// <summary>The activation of the gates z and r (default <see cref="NetGen.Activation.Sigmoid"/>).</summary>
    public Activation RecurrentActivation { get; set; } = Activation.Sigmoid;
}
