namespace NetGen.Generator.Model;

/// <summary>
/// The geometry of a convolution over (height, width, channels) maps, everything fixed at generation time. A Conv1D is
/// the same with height 1. The kernels read the input through its padded view (<see cref="PaddedHeight"/> ×
/// <see cref="PaddedWidth"/>), so every window lies inside it.
/// </summary>
/// <remarks>The incremental-generation cache boundary: immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record ConvolutionGeometry(
    int InputHeight, int InputWidth, int Channels, int Filters,
    int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth, int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft, int OutputHeight, int OutputWidth)
{
    /// <summary>The input height after the zeros above and below: every window lies inside it.</summary>
    public int PaddedHeight => InputHeight + PadTop + PadBottom;

    /// <summary>The input width after the zeros left and right.</summary>
    public int PaddedWidth => InputWidth + PadLeft + PadRight;

    /// <summary>The zero rows below the input that windows reach (Keras's same padding puts the odd one here).</summary>
    public int PadBottom { get; init; }

    /// <summary>The zero columns right of the input that windows reach.</summary>
    public int PadRight { get; init; }

    /// <summary>Whether the kernels read a padded copy of the input rather than the input itself.</summary>
    public bool IsPadded => PadTop + PadBottom + PadLeft + PadRight > 0;

    /// <summary>One output position's multiply-adds: the kernel's taps times the filters.</summary>
    public long MultiplyAddsPerPosition => (long)KernelHeight * KernelWidth * Channels * Filters;

    /// <summary>The rows of the kernel matrix: Keras's (kh, kw, in, out) kernel is a (kh·kw·in, out) matrix.</summary>
    public int KernelRows => KernelHeight * KernelWidth * Channels;
}

/// <summary>
/// Keras's <c>Conv1D</c> and <c>Conv2D</c> (channels last): y = activation(conv(x, W) + b), computed as a product of
/// the (B·Ho·Wo, kh·kw·in) patch matrix, never materialized, with the (kh·kw·in, out) kernel.
/// </summary>
internal sealed record ConvolutionSpec : LayerSpec
{
    /// <summary>1 for Conv1D (sequences (steps, channels)), 2 for Conv2D (maps (h, w, channels)).</summary>
    public required int Rank { get; init; }

    public required int Filters { get; init; }

    public required int KernelHeight { get; init; }

    public required int KernelWidth { get; init; }

    public required int Strides { get; init; }

    public required int DilationRate { get; init; }

    public required bool SamePadding { get; init; }

    public required ActivationKind Activation { get; init; }

    public required bool UseBias { get; init; }

    public required InitializerKind KernelInitializer { get; init; }

    public required InitializerKind BiasInitializer { get; init; }

    public InitializerArgumentsSpec? KernelInitializerArguments { get; init; }

    public InitializerArgumentsSpec? BiasInitializerArguments { get; init; }

    public RegularizerSpec? KernelRegularizer { get; init; }

    public RegularizerSpec? BiasRegularizer { get; init; }

    /// <summary>Keras's activity_regularizer (on the output after the activation, divided by the batch size), or null.</summary>
    public RegularizerSpec? ActivityRegularizer { get; init; }

    /// <summary>The geometry, set by the shape pass (null before it).</summary>
    public ConvolutionGeometry? Geometry { get; init; }

    public override string KerasType => Rank == 1 ? "Conv1D" : "Conv2D";

    public override long MultiplyAddsPerSample => Geometry is { } g ? g.MultiplyAddsPerPosition * g.OutputHeight * g.OutputWidth : 0;
}
