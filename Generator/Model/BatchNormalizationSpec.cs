namespace NetGen.Generator.Model;

/// <summary>
/// Keras's <c>BatchNormalization</c> over the last axis: <see cref="Channels"/> statistics, each over every other
/// axis (the batch, and later the spatial axes of feature maps).
/// </summary>
/// <remarks>The incremental-generation cache boundary: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record BatchNormalizationSpec : LayerSpec
{
    public required double Momentum { get; init; }

    public required double Epsilon { get; init; }

    /// <summary>Whether there is a β (Keras's <c>center</c>).</summary>
    public required bool Center { get; init; }

    /// <summary>Whether there is a γ (Keras's <c>scale</c>).</summary>
    public required bool Scale { get; init; }

    /// <summary>False for a frozen layer: moving statistics in training too, and γ, β non-trainable.</summary>
    public required bool Trainable { get; init; }

    public required InitializerKind GammaInitializer { get; init; }

    public required InitializerKind BetaInitializer { get; init; }

    public required InitializerKind MovingMeanInitializer { get; init; }

    public required InitializerKind MovingVarianceInitializer { get; init; }

    public override bool PassesGradientInPlace => true;

    public override string KerasType => "BatchNormalization";

    public int Channels => OutputShape.Last;

    /// <summary>The values one channel's statistics are taken over, per sample (1 after Dense; H·W for feature maps).</summary>
    public int RowsPerSample => OutputShape.Size / Channels;

    /// <summary>
    /// Whether the moving variance takes the Bessel-corrected batch variance: tf.keras 2.x runs rank-4 batches (maps
    /// after Conv2D) through TF's fused kernel, which does; rank-2 and rank-3 batches take the non-fused path, which
    /// does not.
    /// </summary>
    public bool BesselCorrectedMovingVariance => OutputShape.Rank == 3;

    public override int TrainableParameterCount => Trainable ? ((Scale ? 1 : 0) + (Center ? 1 : 0)) * Channels : 0;
}
