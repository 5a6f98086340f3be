using System;

namespace NetGen;

/// <summary>
/// Keras's <c>MaxPooling1D</c> over (steps, channels): the maximum of each window of <see cref="PoolingAttribute.PoolWidth"/>
/// steps, per channel. With <see cref="Padding.Same"/> padded steps never win.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPooling1DAttribute : PoolingAttribute
{
    /// <summary>Declares a MaxPooling1D layer with a window of <paramref name="poolSize"/> steps (Keras's default 2).</summary>
    public MaxPooling1DAttribute(int poolSize = 2) : base(1, poolSize) { }
}
