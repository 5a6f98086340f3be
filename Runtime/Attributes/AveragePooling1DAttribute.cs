using System;

namespace NetGen;

/// <summary>
/// Keras's <c>AveragePooling1D</c> over (steps, channels): the mean of each window, per channel. With
/// <see cref="Padding.Same"/> the mean is over the window's real (unpadded) steps, as TensorFlow computes it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePooling1DAttribute : PoolingAttribute
{
    /// <summary>Declares an AveragePooling1D layer with a window of <paramref name="poolSize"/> steps (Keras's default 2).</summary>
    public AveragePooling1DAttribute(int poolSize = 2) : base(1, poolSize) { }
}
