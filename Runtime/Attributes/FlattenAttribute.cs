using System;

namespace NetGen;

/// <summary>Flattens each sample to one dimension in row-major, channels-last order (Keras's <c>Flatten</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute
{
}
