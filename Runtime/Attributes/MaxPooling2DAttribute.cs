using System;

namespace NetGen;

/// <summary>
/// Keras's <c>MaxPooling2D</c> over (height, width, channels): the maximum of each window, per channel. With
/// <see cref="Padding.Same"/> padded cells never win.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPooling2DAttribute : PoolingAttribute
{
    /// <summary>Declares a MaxPooling2D layer with a square window (Keras's default 2 × 2).</summary>
    public MaxPooling2DAttribute(int poolSize = 2) : base(poolSize, poolSize) { }

    /// <summary>Declares a MaxPooling2D layer with a <paramref name="poolHeight"/> × <paramref name="poolWidth"/> window.</summary>
    public MaxPooling2DAttribute(int poolHeight, int poolWidth) : base(poolHeight, poolWidth) { }
}
