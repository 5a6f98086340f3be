using System;

namespace NetGen;

/// <summary>
/// Inverted dropout (Keras's <c>Dropout</c>): in training each value is kept with probability 1 − rate and
/// scaled by 1 / (1 − rate); at inference the layer is the identity.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Declares a Dropout layer; <paramref name="rate"/> must be in [0, 1).</summary>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>The fraction of values dropped in training.</summary>
    public double Rate { get; }
}
