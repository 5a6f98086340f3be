namespace NetGen;

/// <summary>
/// Whether a monitored quantity should go down or up (Keras's <c>mode</c> argument of <see cref="EarlyStopping"/>,
/// <see cref="ModelCheckpoint"/> and <see cref="ReduceLROnPlateau"/>).
/// </summary>
public enum MonitorMode
{
    /// <summary>
    /// Inferred from the monitored name with tf.keras 2's rules, which differ between callbacks: see each callback's
    /// documentation.
    /// </summary>
    Auto,

    /// <summary>Lower is better (losses).</summary>
    Min,

    /// <summary>Higher is better (accuracies).</summary>
    Max,
}
