using System;

namespace NetGen;

/// <summary>Keras's <c>Subtract</c>: the first input minus the second (exactly two inputs of one shape).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SubtractAttribute : MergeAttribute
{
    /// <summary>Declares a Subtract layer over the named inputs or layers, e.g. <c>[Subtract("a", "b")]</c>.</summary>
    public SubtractAttribute(params string[] inputs) : base(inputs) { }
}
