using System;

namespace NetGen;

/// <summary>
/// Keras's <c>SpatialDropout2D</c> over (height, width, channels): in training whole feature maps are dropped, one
/// keep-mask value per sample and channel (Keras's noise shape (batch, 1, 1, channels)), the kept ones scaled by
/// 1 / (1 − rate); at inference the layer is the identity.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SpatialDropout2DAttribute : LayerAttribute
{
    /// <summary>Declares a SpatialDropout2D layer; <paramref name="rate"/> must be in [0, 1).</summary>
    public SpatialDropout2DAttribute(double rate) => Rate = rate;

    /// <summary>The fraction of feature maps dropped in training.</summary>
    public double Rate { get; }
}
