namespace NetGen;

/// <summary>Loss functions, reduced as Keras's default <c>sum_over_batch_size</c>.</summary>
/// <remarks>The numeric values are part of the contract with the source generator; never renumber them.</remarks>
public enum Loss
{
    /// <summary>Cross-entropy against integer class labels (one label value per sample).</summary>
    SparseCategoricalCrossentropy = 0,
    /// <summary>Cross-entropy against one-hot (or probability) label rows.</summary>
    CategoricalCrossentropy = 1,
    /// <summary>Binary cross-entropy, averaged over the output units.</summary>
    BinaryCrossentropy = 2,
    /// <summary>Mean squared error, averaged over the output units.</summary>
    MeanSquaredError = 3,
    /// <summary>Mean absolute error, |p − y| averaged over the output units; its gradient is sign(p − y) (0 where p = y).</summary>
    MeanAbsoluteError = 4,
    /// <summary>
    /// Huber loss, averaged over the output units: with e = p − y, ½e² where |e| ≤ δ and δ|e| − ½δ² elsewhere (quadratic
    /// near the target, linear beyond δ, so outliers pull with a bounded gradient). δ is <see cref="CompileAttribute.HuberDelta"/>.
    /// </summary>
    Huber = 5,
}
