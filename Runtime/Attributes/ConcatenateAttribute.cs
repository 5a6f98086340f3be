using System;

namespace NetGen;

/// <summary>Keras's <c>Concatenate</c> along the last axis: every input has the same shape but for its last dimension; the output's last dimension is their sum, in input order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatenateAttribute : MergeAttribute
{
    /// <summary>Declares a Concatenate layer over the named inputs or layers, e.g. <c>[Concatenate("a", "b")]</c>.</summary>
    public ConcatenateAttribute(params string[] inputs) : base(inputs) { }
}
