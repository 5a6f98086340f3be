using System;

namespace NetGen;

/// <summary>Keras's <c>Minimum</c>: the elementwise minimum of inputs of one shape (the gradient goes to the first input that holds it).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MinimumAttribute : MergeAttribute
{
    /// <summary>Declares a Minimum layer over the named inputs or layers, e.g. <c>[Minimum("a", "b")]</c>.</summary>
    public MinimumAttribute(params string[] inputs) : base(inputs) { }
}
