using System;

namespace NetGen.Tests.Runtime;

// Networks for PoolingGradientCheckTests. The Pg… networks put trainable weights before the spatial layer (Conv2D is
// not there yet): a Dense layer on a flat input, reshaped to a feature map, so the finite differences also cover the
// gradient the layer hands back to its input. Tanh and MSE keep the loss smooth except where max pooling changes its
// winner (the checker skips those kinks). The Pf… networks are forward-only: the layer, then Flatten and a Dense layer
// whose kernel the test sets to the identity, so the output is the layer's output.

// ---- Windowed max pooling ----

/// <summary>MaxPooling2D(2) on (6, 7, 3): the last column is left out (valid), channels below a vector's width.</summary>
[Network]
[Input(4)]
[Dense(126, Activation.Tanh, Name = "h")]
[Reshape(6, 7, 3)]
[MaxPooling2D(2)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgMax2D;

/// <summary>MaxPooling2D(3, Strides = 2) on (7, 7, 3): overlapping windows, so one input may win two windows.</summary>
[Network]
[Input(4)]
[Dense(147, Activation.Tanh, Name = "h")]
[Reshape(7, 7, 3)]
[MaxPooling2D(3, Strides = 2)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgMax2DStrides;

/// <summary>MaxPooling2D(2, 3, Padding.Same) on (5, 7, 5): a non-square window overhanging the bottom and right borders.</summary>
[Network]
[Input(4)]
[Dense(175, Activation.Tanh, Name = "h")]
[Reshape(5, 7, 5)]
[MaxPooling2D(2, 3, Padding = Padding.Same)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgMax2DSame;

/// <summary>MaxPooling2D(3, Strides = 1, Padding.Same) on (5, 5, 17): every input in up to 9 windows; 17 channels cross a vector's width.</summary>
[Network]
[Input(4)]
[Dense(425, Activation.Tanh, Name = "h")]
[Reshape(5, 5, 17)]
[MaxPooling2D(3, Strides = 1, Padding = Padding.Same)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgMax2DSameOverlap;

/// <summary>MaxPooling1D(2) on (9, 5): the last step is left out.</summary>
[Network]
[Input(4)]
[Dense(45, Activation.Tanh, Name = "h")]
[Reshape(9, 5)]
[MaxPooling1D]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgMax1D;

/// <summary>MaxPooling1D(3, Strides = 2, Padding.Same) on (8, 3).</summary>
[Network]
[Input(4)]
[Dense(24, Activation.Tanh, Name = "h")]
[Reshape(8, 3)]
[MaxPooling1D(3, Strides = 2, Padding = Padding.Same)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgMax1DSame;

// ---- Windowed average pooling ----

/// <summary>AveragePooling2D(2) on (6, 7, 3).</summary>
[Network]
[Input(4)]
[Dense(126, Activation.Tanh, Name = "h")]
[Reshape(6, 7, 3)]
[AveragePooling2D(2)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgAverage2D;

/// <summary>AveragePooling2D(3, Strides = 2, Padding.Same) on (6, 7, 5): border windows divide by fewer cells.</summary>
[Network]
[Input(4)]
[Dense(210, Activation.Tanh, Name = "h")]
[Reshape(6, 7, 5)]
[AveragePooling2D(3, Strides = 2, Padding = Padding.Same)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgAverage2DSame;

/// <summary>AveragePooling2D(2, 3, Strides = 1) on (5, 6, 3): overlapping non-square windows.</summary>
[Network]
[Input(4)]
[Dense(90, Activation.Tanh, Name = "h")]
[Reshape(5, 6, 3)]
[AveragePooling2D(2, 3, Strides = 1)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgAverage2DOverlap;

/// <summary>AveragePooling1D(3, Strides = 1, Padding.Same) on (7, 17).</summary>
[Network]
[Input(4)]
[Dense(119, Activation.Tanh, Name = "h")]
[Reshape(7, 17)]
[AveragePooling1D(3, Strides = 1, Padding = Padding.Same)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgAverage1DSame;

// ---- Global pooling ----

/// <summary>GlobalMaxPooling2D on (5, 5, 17), read directly by Dense.</summary>
[Network]
[Input(4)]
[Dense(425, Activation.Tanh, Name = "h")]
[Reshape(5, 5, 17)]
[GlobalMaxPooling2D]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgGlobalMax2D;

/// <summary>GlobalAveragePooling2D on (5, 4, 3).</summary>
[Network]
[Input(4)]
[Dense(60, Activation.Tanh, Name = "h")]
[Reshape(5, 4, 3)]
[GlobalAveragePooling2D]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgGlobalAverage2D;

/// <summary>GlobalMaxPooling1D on (7, 5).</summary>
[Network]
[Input(4)]
[Dense(35, Activation.Tanh, Name = "h")]
[Reshape(7, 5)]
[GlobalMaxPooling1D]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgGlobalMax1D;

/// <summary>GlobalAveragePooling1D on (6, 3).</summary>
[Network]
[Input(4)]
[Dense(18, Activation.Tanh, Name = "h")]
[Reshape(6, 3)]
[GlobalAveragePooling1D]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgGlobalAverage1D;

// ---- Zero padding ----

/// <summary>ZeroPadding2D(1, 2) then AveragePooling2D(2): (4, 5, 3) → (6, 9, 3) → (3, 4, 3); border windows average zeros.</summary>
[Network]
[Input(4)]
[Dense(60, Activation.Tanh, Name = "h")]
[Reshape(4, 5, 3)]
[ZeroPadding2D(1, 2)]
[AveragePooling2D(2)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgZeroPadding2D;

/// <summary>ZeroPadding2D(1, 0, 2, 1) (top, bottom, left, right), then Flatten.</summary>
[Network]
[Input(4)]
[Dense(24, Activation.Tanh, Name = "h")]
[Reshape(3, 4, 2)]
[ZeroPadding2D(1, 0, 2, 1)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgZeroPadding2DSides;

/// <summary>ZeroPadding1D(2) then MaxPooling1D(3): (6, 3) → (10, 3) → (3, 3).</summary>
[Network]
[Input(4)]
[Dense(18, Activation.Tanh, Name = "h")]
[Reshape(6, 3)]
[ZeroPadding1D(2)]
[MaxPooling1D(3)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgZeroPadding1D;

// ---- Spatial dropout ----

/// <summary>SpatialDropout2D(0.5) on (4, 5, 6); <see cref="PgSpatialDropout2DFixedMask"/> fixes the mask.</summary>
[Network]
[Input(4)]
[Dense(120, Activation.Tanh, Name = "h")]
[Reshape(4, 5, 6)]
[SpatialDropout2D(0.5)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgSpatialDropout2D;

/// <summary><see cref="PgSpatialDropout2D"/> with a fixed mask (every third channel value dropped), so the loss is a function of the weights.</summary>
public sealed class PgSpatialDropout2DFixedMask : PgSpatialDropout2D
{
    public int MaskDraws { get; private set; }

    public int LastMaskLength { get; private set; }

    protected override void DrawDropoutMask(int layerIndex, Span<float> mask, float rate)
    {
        MaskDraws++;
        LastMaskLength = mask.Length;
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = i % 3 == 1 ? 0f : keep;
    }
}

/// <summary>SpatialDropout1D(0.25) on (5, 6), then GlobalAveragePooling1D; <see cref="PgSpatialDropout1DFixedMask"/> fixes the mask.</summary>
[Network]
[Input(4)]
[Dense(30, Activation.Tanh, Name = "h")]
[Reshape(5, 6)]
[SpatialDropout1D(0.25)]
[GlobalAveragePooling1D]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgSpatialDropout1D;

/// <summary><see cref="PgSpatialDropout1D"/> with a fixed mask (every fourth value dropped).</summary>
public sealed class PgSpatialDropout1DFixedMask : PgSpatialDropout1D
{
    protected override void DrawDropoutMask(int layerIndex, Span<float> mask, float rate)
    {
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = i % 4 == 2 ? 0f : keep;
    }
}

// ---- Graphs: a feature map read by several pooling layers, pools in series ----

/// <summary>The reshaped map read by a max pool and an average pool, concatenated: its gradient is written, then added to.</summary>
[Network]
[Input("x", 4)]
[Dense(84, Activation.Tanh, Name = "h")]
[Reshape(4, 7, 3, Name = "map")]
[MaxPooling2D(2, Name = "max")]
[AveragePooling2D(2, 3, Strides = 1, Padding = Padding.Same, From = "map", Name = "avg")]
[Flatten(From = "max", Name = "fmax")]
[Flatten(From = "avg", Name = "favg")]
[Concatenate("fmax", "favg")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgFanOut;

/// <summary>Max pooling, then average pooling with same padding, then global max: (8, 8, 3) → (4, 4, 3) → (2, 2, 3) → (3).</summary>
[Network]
[Input(4)]
[Dense(192, Activation.Tanh, Name = "h")]
[Reshape(8, 8, 3)]
[MaxPooling2D(2)]
[AveragePooling2D(3, Strides = 2, Padding = Padding.Same)]
[GlobalMaxPooling2D]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PgSeries;

// ---- Forward-only: the layer's output read through an identity Dense ----

/// <summary>MaxPooling2D(3, Strides = 2, Padding.Same) on (6, 7, 5): 0 rows above and 1 below, 1 column on each side.</summary>
[Network]
[Input(6, 7, 5)]
[MaxPooling2D(3, Strides = 2, Padding = Padding.Same)]
[Flatten]
[Dense(60, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfMax2DSame;

/// <summary>AveragePooling2D(3, Strides = 2, Padding.Same) on (6, 7, 5).</summary>
[Network]
[Input(6, 7, 5)]
[AveragePooling2D(3, Strides = 2, Padding = Padding.Same)]
[Flatten]
[Dense(60, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfAverage2DSame;

/// <summary>AveragePooling2D(2, 3) on (5, 7, 3): (2, 2, 3).</summary>
[Network]
[Input(5, 7, 3)]
[AveragePooling2D(2, 3)]
[Flatten]
[Dense(12, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfAverage2DValid;

/// <summary>MaxPooling1D(4, Strides = 3, Padding.Same) on (9, 17): (3, 17), no step before and one after.</summary>
[Network]
[Input(9, 17)]
[MaxPooling1D(4, Strides = 3, Padding = Padding.Same)]
[Flatten]
[Dense(51, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfMax1DSame;

/// <summary>AveragePooling1D(2, Strides = 1) on (6, 3): (5, 3).</summary>
[Network]
[Input(6, 3)]
[AveragePooling1D(2, Strides = 1)]
[Flatten]
[Dense(15, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfAverage1D;

/// <summary>GlobalAveragePooling2D on (4, 5, 17).</summary>
[Network]
[Input(4, 5, 17)]
[GlobalAveragePooling2D]
[Dense(17, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfGlobalAverage2D;

/// <summary>GlobalMaxPooling1D on (7, 5).</summary>
[Network]
[Input(7, 5)]
[GlobalMaxPooling1D]
[Dense(5, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfGlobalMax1D;

/// <summary>ZeroPadding2D(1, 0, 2, 1) on (3, 4, 2): (4, 7, 2).</summary>
[Network]
[Input(3, 4, 2)]
[ZeroPadding2D(1, 0, 2, 1)]
[Flatten]
[Dense(56, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfZeroPadding2D;

/// <summary>ZeroPadding1D(1, 2) on (3, 2): (6, 2).</summary>
[Network]
[Input(3, 2)]
[ZeroPadding1D(1, 2)]
[Flatten]
[Dense(12, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfZeroPadding1D;

/// <summary>SpatialDropout2D(0.5) on (4, 5, 3).</summary>
[Network]
[Input(4, 5, 3)]
[SpatialDropout2D(0.5)]
[Flatten]
[Dense(60, UseBias = false)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PfSpatialDropout2D;

/// <summary>The layers' summary rows and default arguments: ZeroPadding2D's 1, MaxPooling2D's 2, GlobalMaxPooling2D.</summary>
[Network]
[Input(6, 6, 3)]
[ZeroPadding2D]
[MaxPooling2D]
[SpatialDropout2D(0.1)]
[AveragePooling2D(3, Strides = 1, Padding = Padding.Same)]
[GlobalMaxPooling2D]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class PsSpatialStack;
