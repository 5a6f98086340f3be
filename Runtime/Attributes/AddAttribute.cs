using System;

namespace NetGen;

/// <summary>Keras's <c>Add</c>: the elementwise sum of inputs of one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : MergeAttribute
{
    /// <summary>Declares a Add layer over the named inputs or layers, e.g. <c>[Add("a", "b")]</c>.</summary>
    public AddAttribute(params string[] inputs) : base(inputs) { }
}
