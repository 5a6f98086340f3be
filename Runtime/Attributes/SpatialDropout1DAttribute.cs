using System;

namespace NetGen;

/// <summary>
/// Keras's <c>SpatialDropout1D</c> over (steps, channels): in training whole channels are dropped, one keep-mask value
/// per sample and channel (Keras's noise shape (batch, 1, channels)), the kept ones scaled by 1 / (1 − rate); at
/// inference the layer is the identity.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SpatialDropout1DAttribute : LayerAttribute
{
    /// <summary>Declares a SpatialDropout1D layer; <paramref name="rate"/> must be in [0, 1).</summary>
    public SpatialDropout1DAttribute(double rate) => Rate = rate;

    /// <summary>The fraction of channels dropped in training.</summary>
    public double Rate { get; }
}
