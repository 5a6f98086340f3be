using System;

namespace NetGen;

/// <summary>
/// Keras's <c>Reshape</c>: the same values in a new sample shape (row-major, so a view: nothing is copied). One
/// dimension may be −1, inferred from the others.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <summary>Declares the target sample shape, without the batch dimension, e.g. <c>[Reshape(7, 112)]</c>.</summary>
    public ReshapeAttribute(params int[] targetShape) => TargetShape = targetShape;

    /// <summary>The target sample shape.</summary>
    public int[] TargetShape { get; }
}
