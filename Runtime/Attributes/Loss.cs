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
}
