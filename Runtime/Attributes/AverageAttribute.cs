using System;

namespace NetGen;

/// <summary>Keras's <c>Average</c>: the elementwise mean of inputs of one shape.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AverageAttribute : MergeAttribute
{
    /// <summary>Declares a Average layer over the named inputs or layers, e.g. <c>[Average("a", "b")]</c>.</summary>
    public AverageAttribute(params string[] inputs) : base(inputs) { }
}
