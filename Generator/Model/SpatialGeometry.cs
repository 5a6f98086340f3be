namespace NetGen.Generator.Model;

/// <summary>Keras's output sizes and padding of sliding windows (convolution and pooling), along one axis.</summary>
internal static class SpatialGeometry
{
    /// <summary>The extent of a window of <paramref name="window"/> taps <paramref name="dilation"/> apart.</summary>
    public static int Extent(int window, int dilation) => (window - 1) * dilation + 1;

    /// <summary>The input extent that <paramref name="outputs"/> windows cover.</summary>
    public static int SpanOf(int outputs, int window, int stride, int dilation) => (outputs - 1) * stride + Extent(window, dilation);

    /// <summary>
    /// The output size: valid ⌊(n − extent) / stride⌋ + 1 (0 when the window does not fit), same ⌈n / stride⌉.
    /// </summary>
    public static int OutputSize(int input, int window, int stride, int dilation, bool same) =>
        same ? (input + stride - 1) / stride : input < Extent(window, dilation) ? 0 : (input - Extent(window, dilation)) / stride + 1;

    /// <summary>Same padding's zeros before the input: half the total, rounded down (TensorFlow puts the odd one after).</summary>
    public static int PadBefore(int input, int window, int stride, int dilation) => PadTotal(input, window, stride, dilation) / 2;

    /// <summary>Same padding's zeros after the input.</summary>
    public static int PadAfter(int input, int window, int stride, int dilation) =>
        PadTotal(input, window, stride, dilation) - PadBefore(input, window, stride, dilation);

    private static int PadTotal(int input, int window, int stride, int dilation)
    {
        int outputs = OutputSize(input, window, stride, dilation, same: true);
        int total = SpanOf(outputs, window, stride, dilation) - input;
        return total > 0 ? total : 0;
    }
}
