using System;

namespace NetGen;

/// <summary>Flattens each sample to one dimension in row-major, channels-last order (Keras's <c>Flatten</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
    /// <summary>The Keras layer name; by default <c>flatten</c>, <c>flatten_1</c>, …</summary>
    public string? Name { get; set; }
}
