using System;

namespace NetGen;

/// <summary>Keras's <c>Multiply</c>: the elementwise product of inputs of one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MultiplyAttribute : MergeAttribute
{
    /// <summary>Declares a Multiply layer over the named inputs or layers, e.g. <c>[Multiply("a", "b")]</c>.</summary>
    public MultiplyAttribute(params string[] inputs) : base(inputs) { }
}
