using System;

namespace NetGen;

/// <summary>Keras's <c>GlobalAveragePooling2D</c>: (height, width, channels) → (channels), the mean over height and width.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePooling2DAttribute : LayerAttribute
{
}
