using System;

namespace NetGen;

/// <summary>Keras's <c>GlobalMaxPooling1D</c>: (steps, channels) → (channels), the maximum over the steps.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPooling1DAttribute : LayerAttribute
{
}
