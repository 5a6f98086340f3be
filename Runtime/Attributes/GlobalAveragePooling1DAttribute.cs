using System;

namespace NetGen;

/// <summary>Keras's <c>GlobalAveragePooling1D</c>: (steps, channels) → (channels), the mean over the steps.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePooling1DAttribute : LayerAttribute
{
}
