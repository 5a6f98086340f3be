using System;

namespace NetGen;

/// <summary>
/// The base of the merge layers (Keras's <c>Concatenate</c>, <c>Add</c>, <c>Subtract</c>, <c>Multiply</c>,
/// <c>Average</c>, <c>Maximum</c>, <c>Minimum</c>): they read the inputs and layers named in their constructor, in
/// that order, instead of <see cref="LayerAttribute.From"/>.
/// </summary>
public abstract class MergeAttribute : LayerAttribute
{
    /// <summary>Declares a merge of the named inputs or layers (at least two).</summary>
    protected MergeAttribute(string[] inputs) => Inputs = inputs;

    /// <summary>The names of the merged inputs or layers, in order.</summary>
    public string[] Inputs { get; }
}
