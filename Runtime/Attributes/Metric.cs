namespace NetGen;

/// <summary>Metrics reported during training and evaluation.</summary>
/// <remarks>The numeric values are part of the contract with the source generator; never renumber them.</remarks>
public enum Metric
{
    /// <summary>
    /// Keras's <c>'accuracy'</c>, resolved by shape: one output unit → binary accuracy (output &gt; 0.5);
    /// class-index labels → sparse categorical accuracy; otherwise categorical accuracy.
    /// </summary>
    Accuracy = 0,

    /// <summary>
    /// Keras's <c>'top_k_categorical_accuracy'</c> (k = 5) for one-hot labels: a sample counts when its true class (the
    /// label's largest value) is among the k highest outputs. As TensorFlow's <c>in_top_k</c>, outputs tied with the
    /// k-th highest count as inside, and a network with k or fewer outputs always scores 1.
    /// </summary>
    TopKCategoricalAccuracy = 1,

    /// <summary>Keras's <c>'sparse_top_k_categorical_accuracy'</c> (k = 5): the same for class-index labels.</summary>
    SparseTopKCategoricalAccuracy = 2,
}
