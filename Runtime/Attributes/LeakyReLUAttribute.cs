using System;

namespace NetGen;

/// <summary>
/// Keras's <c>LeakyReLU</c> layer: <c>y = x if x &gt; 0 else Alpha·x</c>. The layer's default slope is 0.3 (tf.keras 2's
/// <c>alpha</c>, Keras 3's <c>negative_slope</c>); the activation <see cref="Activation.LeakyRelu"/> (Keras's string
/// <c>'leaky_relu'</c>) has slope 0.2 instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute : LayerAttribute
{
    /// <summary>The slope for x ≤ 0 (default 0.3); a non-negative finite number (NG0021).</summary>
    public double Alpha { get; set; } = 0.3;
}
