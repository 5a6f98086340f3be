using System;

namespace NetGen.Generator.Model;

/// <summary>
/// Keras's window arithmetic along one spatial axis, shared by pooling and convolution (keras-reference.md §1,
/// K2 <c>utils/conv_utils.py::conv_output_length</c>, TensorFlow's "same" split). Pure functions.
/// </summary>
internal static class SpatialGeometry
{
    /// <summary>The window's extent once dilated: d·(k − 1) + 1.</summary>
    public static int EffectiveWindow(int window, int dilation) => checked((int)EffectiveWindowLong(window, dilation));

    /// <summary>The dilated extent in 64 bits, for checking it against <see cref="Limits.MaxElements"/> before it is used as an int.</summary>
    public static long EffectiveWindowLong(int window, int dilation) => (long)dilation * (window - 1) + 1;

    /// <summary>
    /// The output length: floor((n − k_eff) / s) + 1 with <see cref="PaddingKind.Valid"/> (0 or less when the window
    /// does not fit), ceil(n / s) with <see cref="PaddingKind.Same"/>.
    /// </summary>
    public static int OutputSize(int input, int window, int stride, int dilation, PaddingKind padding) => padding switch
    {
        PaddingKind.Valid => input >= EffectiveWindow(window, dilation) ? (input - EffectiveWindow(window, dilation)) / stride + 1 : 0,
        PaddingKind.Same => (input + stride - 1) / stride,
        _ => throw new ArgumentOutOfRangeException(nameof(padding)),
    };

    /// <summary>The total padding P = max((out − 1)·s + k_eff − n, 0) ("same"), or 0 ("valid").</summary>
    public static int TotalPadding(int input, int window, int stride, int dilation, PaddingKind padding) =>
        padding == PaddingKind.Valid
            ? 0
            : Math.Max((OutputSize(input, window, stride, dilation, padding) - 1) * stride + EffectiveWindow(window, dilation) - input, 0);

    /// <summary>The padding before the input: floor(P / 2), so the odd one goes at the end, as in TensorFlow.</summary>
    public static int PadBefore(int input, int window, int stride, int dilation, PaddingKind padding) =>
        TotalPadding(input, window, stride, dilation, padding) / 2;

    /// <summary>The padding after the input: P − floor(P / 2).</summary>
    public static int PadAfter(int input, int window, int stride, int dilation, PaddingKind padding) =>
        TotalPadding(input, window, stride, dilation, padding) - PadBefore(input, window, stride, dilation, padding);
}
