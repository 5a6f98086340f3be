using System;

namespace NetGen;

/// <summary>Keras's <c>Maximum</c>: the elementwise maximum of inputs of one shape (the gradient goes to the first input that holds it).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaximumAttribute : MergeAttribute
{
    /// <summary>Declares a Maximum layer over the named inputs or layers, e.g. <c>[Maximum("a", "b")]</c>.</summary>
    public MaximumAttribute(params string[] inputs) : base(inputs) { }
}
