using System;

namespace NetGen;

/// <summary>The shape of one input sample, without the batch dimension (Keras's <c>Input(shape=...)</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares the input shape, e.g. <c>[Input(28, 28)]</c>.</summary>
    public InputAttribute(params int[] shape) => Shape = shape;

    /// <summary>The sample shape.</summary>
    public int[] Shape { get; }
}
