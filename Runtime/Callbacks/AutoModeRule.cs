namespace NetGen;

/// <summary>
/// tf.keras 2's rules for <see cref="MonitorMode.Auto"/>, which differ between callbacks (Keras 2.15 <c>callbacks.py</c>).
/// </summary>
internal enum AutoModeRule
{
    /// <summary><c>EarlyStopping</c>: max when the name ends with <c>acc</c>, <c>accuracy</c> or <c>auc</c>, else min.</summary>
    EarlyStopping,

    /// <summary><c>ModelCheckpoint</c>: max when <c>acc</c> appears anywhere in the name or the name starts with <c>fmeasure</c>, else min.</summary>
    ModelCheckpoint,

    /// <summary><c>ReduceLROnPlateau</c>: max when <c>acc</c> appears anywhere in the name, else min.</summary>
    ReduceLROnPlateau,
}
