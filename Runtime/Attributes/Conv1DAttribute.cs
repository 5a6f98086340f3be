using System;

namespace NetGen;

/// <summary>
/// A 1-D convolution over (steps, channels) sequences, <c>y = activation(conv(x, kernel) + bias)</c> (Keras's
/// <c>Conv1D</c>, channels last). The kernel has Keras's shape (kernel size, input channels, filters).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute : KernelLayerAttribute
{
    /// <summary>Declares a Conv1D layer with <paramref name="filters"/> output channels and a window of <paramref name="kernelSize"/> steps.</summary>
    public Conv1DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>The number of output channels (Keras's <c>filters</c>).</summary>
    public int Filters { get; }

    /// <summary>The window length in steps.</summary>
    public int KernelSize { get; }

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; }

    /// <summary>The step between windows (Keras's <c>strides</c>; default 1).</summary>
    public int Strides { get; set; } = 1;

    /// <summary>The spacing between kernel taps (Keras's <c>dilation_rate</c>; default 1). Keras refuses strides and dilation both above 1.</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>How the borders are treated (default <see cref="Padding.Valid"/>; Keras's <c>"causal"</c> is not supported).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
