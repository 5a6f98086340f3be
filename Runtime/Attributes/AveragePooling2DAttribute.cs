using System;

namespace NetGen;

/// <summary>
/// Keras's <c>AveragePooling2D</c> over (height, width, channels): the mean of each window, per channel. With
/// <see cref="Padding.Same"/> the mean is over the window's real (unpadded) cells, as TensorFlow computes it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePooling2DAttribute : PoolingAttribute
{
    /// <summary>Declares an AveragePooling2D layer with a square window (tf.keras 2's default 2 × 2).</summary>
    public AveragePooling2DAttribute(int poolSize = 2) : base(poolSize, poolSize) { }

    /// <summary>Declares an AveragePooling2D layer with a <paramref name="poolHeight"/> × <paramref name="poolWidth"/> window.</summary>
    public AveragePooling2DAttribute(int poolHeight, int poolWidth) : base(poolHeight, poolWidth) { }
}
