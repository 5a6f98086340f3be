namespace NetGen;

/// <summary>How a convolution or pooling window treats the borders (Keras's <c>padding</c>).</summary>
public enum Padding
{
    /// <summary>No padding: windows stay inside the input, so the output shrinks (Keras's <c>"valid"</c>, the default).</summary>
    Valid,

    /// <summary>
    /// Zeros around the input so that the output has ⌈input / stride⌉ positions (Keras's <c>"same"</c>); when the
    /// padding is odd, the extra row or column goes at the end (bottom, right), as in TensorFlow.
    /// </summary>
    Same,
}
