using System;

namespace NetGen;

/// <summary>Keras's <c>GlobalMaxPooling2D</c>: (height, width, channels) → (channels), the maximum over height and width.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPooling2DAttribute : LayerAttribute
{
}
