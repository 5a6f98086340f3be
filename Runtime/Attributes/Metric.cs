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
}
