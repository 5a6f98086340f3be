using System;

namespace NetGen;

/// <summary>
/// A 2-D convolution over (height, width, channels) feature maps, <c>y = activation(conv(x, kernel) + bias)</c>
/// (Keras's <c>Conv2D</c>, channels last). The kernel has Keras's shape (kernel height, kernel width, input channels,
/// filters).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : KernelLayerAttribute
{
    /// <summary>Declares a Conv2D layer with <paramref name="filters"/> output channels and a square kernel.</summary>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear)
        : this(filters, kernelSize, kernelSize, activation)
    {
    }

    /// <summary>Declares a Conv2D layer with a <paramref name="kernelHeight"/> × <paramref name="kernelWidth"/> kernel.</summary>
    public Conv2DAttribute(int filters, int kernelHeight, int kernelWidth, Activation activation = Activation.Linear)
    {
        Filters = filters;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Activation = activation;
    }

    /// <summary>The number of output channels (Keras's <c>filters</c>).</summary>
    public int Filters { get; }

    /// <summary>The kernel's height.</summary>
    public int KernelHeight { get; }

    /// <summary>The kernel's width.</summary>
    public int KernelWidth { get; }

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; }

    /// <summary>The step between windows along both axes (Keras's <c>strides</c>; default 1).</summary>
    public int Strides { get; set; } = 1;

    /// <summary>The spacing between kernel taps along both axes (Keras's <c>dilation_rate</c>; default 1). Keras refuses strides and dilation both above 1.</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>How the borders are treated (default <see cref="Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
