namespace NetGen.Generator.Model;

/// <summary>What a pooling window computes.</summary>
internal enum PoolKind
{
    Max,
    Average,
}

/// <summary>
/// Keras's windowed and global pooling layers over channels-last feature maps: <c>MaxPooling1D/2D</c>,
/// <c>AveragePooling1D/2D</c>, <c>GlobalMaxPooling1D/2D</c>, <c>GlobalAveragePooling1D/2D</c>. A 1-D layer is the 2-D
/// case with height 1; a global one is a single window over the whole input (output (channels)).
/// </summary>
/// <remarks>The incremental-generation cache boundary: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record PoolingSpec : LayerSpec
{
    public required PoolKind Kind { get; init; }

    /// <summary>1 or 2: the spatial axes of the input (steps; height and width).</summary>
    public required int SpatialRank { get; init; }

    /// <summary>Whether the layer pools over every position (GlobalMaxPooling…, GlobalAveragePooling…).</summary>
    public required bool Global { get; init; }

    /// <summary>The window's height (1 for 1-D layers); for global layers set by the shape pass.</summary>
    public int PoolHeight { get; init; }

    public int PoolWidth { get; init; }

    public int StrideHeight { get; init; }

    public int StrideWidth { get; init; }

    public PaddingKind Padding { get; init; }

    /// <summary>The window's height as the kernels see it: the whole input's for a global layer.</summary>
    public int WindowHeight => Global ? InputHeight : PoolHeight;

    public int WindowWidth => Global ? InputWidth : PoolWidth;

    /// <summary>The steps between windows as the kernels see them (a global layer has one window).</summary>
    public int WindowStrideHeight => Global ? InputHeight : StrideHeight;

    public int WindowStrideWidth => Global ? InputWidth : StrideWidth;

    public override string KerasType => (Global ? "Global" : "") + Kind + "Pooling" + SpatialRank + "D";

    /// <summary>The input's height (1 for 1-D inputs).</summary>
    public int InputHeight => SpatialRank == 2 ? InputShape.Dimensions[0] : 1;

    /// <summary>The input's width (its steps for 1-D inputs).</summary>
    public int InputWidth => InputShape.Dimensions[SpatialRank - 1];

    public int Channels => InputShape.Last;

    public int OutputHeight => Global ? 1 : SpatialGeometry.OutputSize(InputHeight, PoolHeight, StrideHeight, 1, Padding);

    public int OutputWidth => Global ? 1 : SpatialGeometry.OutputSize(InputWidth, PoolWidth, StrideWidth, 1, Padding);

    public int PadTop => Global ? 0 : SpatialGeometry.PadBefore(InputHeight, PoolHeight, StrideHeight, 1, Padding);

    public int PadLeft => Global ? 0 : SpatialGeometry.PadBefore(InputWidth, PoolWidth, StrideWidth, 1, Padding);
}

/// <summary>Keras's <c>ZeroPadding1D</c> and <c>ZeroPadding2D</c> (a 1-D layer pads no rows).</summary>
internal sealed record ZeroPaddingSpec : LayerSpec
{
    public required int SpatialRank { get; init; }

    public required int Top { get; init; }

    public required int Bottom { get; init; }

    public required int Left { get; init; }

    public required int Right { get; init; }

    public override string KerasType => "ZeroPadding" + SpatialRank + "D";
}

/// <summary>Keras's <c>SpatialDropout1D</c> and <c>SpatialDropout2D</c>: one keep-mask value per sample and channel.</summary>
internal sealed record SpatialDropoutSpec : LayerSpec
{
    public required int SpatialRank { get; init; }

    public required double Rate { get; init; }

    public override bool PassesGradientInPlace => true;

    public override string KerasType => "SpatialDropout" + SpatialRank + "D";

    public int Channels => InputShape.Last;
}
