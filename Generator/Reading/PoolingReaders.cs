using System;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>The spatial layers' shared rules: the channels-last input rank each one needs (NG0070).</summary>
internal static class SpatialInput
{
    /// <summary>"(B, steps, channels)" or "(B, height, width, channels)".</summary>
    public static string Expected(int spatialRank) => spatialRank == 1 ? "(B, steps, channels)" : "(B, height, width, channels)";

    /// <summary>Whether <paramref name="input"/> is a feature map of <paramref name="spatialRank"/> spatial axes; reports NG0070 when not.</summary>
    public static bool Check(TensorShape input, int spatialRank, string kerasType, LayerAttributeData attribute)
    {
        if (input.Rank == spatialRank + 1) return true;
        attribute.Report(DiagnosticDescriptors.SpatialInputRank, attribute.Text, input.WithBatch, kerasType, Expected(spatialRank));
        return false;
    }

    /// <summary>The constructor argument <paramref name="index"/> as an int, or <paramref name="fallback"/> when absent.</summary>
    public static int Int(LayerAttributeData attribute, int index, int fallback) =>
        attribute.Data.ConstructorArguments.Length > index && attribute.Argument(index).Value is int value ? value : fallback;
}

/// <summary>
/// Reads the pooling layers: <c>[MaxPooling2D(2)]</c>, <c>[AveragePooling2D(2, 3, Strides = 1, Padding = Padding.Same)]</c>,
/// <c>[MaxPooling1D(3)]</c>, and the global ones (<c>[GlobalAveragePooling2D]</c>), which take no arguments.
/// </summary>
internal sealed class PoolingReader : LayerReader
{
    private readonly PoolKind _kind;
    private readonly int _spatialRank;
    private readonly bool _global;

    public PoolingReader(PoolKind kind, int spatialRank, bool global, string namePrefix)
    {
        _kind = kind;
        _spatialRank = spatialRank;
        _global = global;
        NamePrefix = namePrefix;
    }

    public override string NamePrefix { get; }

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        var spec = new PoolingSpec { AttributeText = attribute.Text, Kind = _kind, SpatialRank = _spatialRank, Global = _global };
        if (_global) return spec;

        // Keras's pool_size defaults to 2 (per axis); the 2-D attributes take one size for both axes, or (height, width).
        int poolHeight, poolWidth;
        if (_spatialRank == 1)
        {
            poolHeight = 1;
            poolWidth = SpatialInput.Int(attribute, 0, 2);
        }
        else
        {
            poolHeight = SpatialInput.Int(attribute, 0, 2);
            poolWidth = SpatialInput.Int(attribute, attribute.Data.ConstructorArguments.Length > 1 ? 1 : 0, 2);
        }
        if (poolHeight <= 0 || poolWidth <= 0)
        {
            string found = _spatialRank == 1 ? Format(poolWidth) : $"({Format(poolHeight)}, {Format(poolWidth)})";
            attribute.Report(DiagnosticDescriptors.InvalidWindowArgument, attribute.Text, "the pool size", "positive", found);
            return null;
        }

        // An unset Strides is the pool size (Keras's strides=None); a set one must be positive.
        int strideHeight = poolHeight, strideWidth = poolWidth;
        if (attribute.HasNamed("Strides"))
        {
            int strides = attribute.Named("Strides", 0);
            if (strides <= 0)
            {
                attribute.Report(DiagnosticDescriptors.InvalidWindowArgument, attribute.Text, "Strides", "positive (leave it unset for the pool size)", Format(strides));
                return null;
            }
            strideHeight = _spatialRank == 1 ? 1 : strides;
            strideWidth = strides;
        }

        PaddingKind? padding = attribute.EnumNamed("Padding", PaddingKind.Valid);
        if (padding is null) return null;
        return spec with
        {
            PoolHeight = poolHeight,
            PoolWidth = poolWidth,
            StrideHeight = strideHeight,
            StrideWidth = strideWidth,
            Padding = padding.Value,
        };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        var pooling = (PoolingSpec)layer;
        if (!SpatialInput.Check(inputs[0], _spatialRank, pooling.KerasType, attribute)) return null;
        if (_global) return TensorShape.Of(pooling.Channels);

        int outputHeight = pooling.OutputHeight, outputWidth = pooling.OutputWidth;
        if (outputHeight <= 0 || outputWidth <= 0)
        {
            string pool = _spatialRank == 1 ? Format(pooling.PoolWidth) : $"({pooling.PoolHeight}, {pooling.PoolWidth})";
            string fits = _spatialRank == 1
                ? Format(pooling.InputWidth)
                : $"({Math.Min(pooling.PoolHeight, pooling.InputHeight)}, {Math.Min(pooling.PoolWidth, pooling.InputWidth)})";
            TensorShape output = Shape(pooling, Math.Max(outputHeight, 0), Math.Max(outputWidth, 0));
            attribute.Report(DiagnosticDescriptors.PoolLargerThanInput, attribute.Text, pool, inputs[0].WithBatch, output.WithBatch, fits);
            return null;
        }
        return Shape(pooling, outputHeight, outputWidth);
    }

    private TensorShape Shape(PoolingSpec pooling, int height, int width) =>
        _spatialRank == 1 ? TensorShape.Of(width, pooling.Channels) : TensorShape.Of(height, width, pooling.Channels);

    private static string Format(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Reads <c>[ZeroPadding1D(p)]</c>, <c>[ZeroPadding1D(left, right)]</c>, <c>[ZeroPadding2D(p)]</c>, <c>[ZeroPadding2D(h, w)]</c> and <c>[ZeroPadding2D(top, bottom, left, right)]</c>.</summary>
internal sealed class ZeroPaddingReader : LayerReader
{
    private readonly int _spatialRank;

    public ZeroPaddingReader(int spatialRank) => _spatialRank = spatialRank;

    public override string NamePrefix => _spatialRank == 1 ? "zero_padding1d" : "zero_padding2d";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        int count = attribute.Data.ConstructorArguments.Length;
        int a = SpatialInput.Int(attribute, 0, 1), b = SpatialInput.Int(attribute, 1, a);
        int top = 0, bottom = 0, left, right;
        if (_spatialRank == 1)
            (left, right) = (a, b);
        else if (count == 4)
            (top, bottom, left, right) = (a, b, SpatialInput.Int(attribute, 2, 0), SpatialInput.Int(attribute, 3, 0));
        else
            (top, bottom, left, right) = (a, a, b, b);
        if (top < 0 || bottom < 0 || left < 0 || right < 0)
        {
            string found = _spatialRank == 1 ? $"({left}, {right})" : $"(({top}, {bottom}), ({left}, {right}))";
            attribute.Report(DiagnosticDescriptors.InvalidWindowArgument, attribute.Text, "the padding", "0 or more", found);
            return null;
        }
        return new ZeroPaddingSpec { AttributeText = attribute.Text, SpatialRank = _spatialRank, Top = top, Bottom = bottom, Left = left, Right = right };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        var padding = (ZeroPaddingSpec)layer;
        if (!SpatialInput.Check(inputs[0], _spatialRank, padding.KerasType, attribute)) return null;
        long[] dimensions = inputs[0].Dimensions.Select(d => (long)d).ToArray();
        if (_spatialRank == 2) dimensions[0] += (long)padding.Top + padding.Bottom;
        dimensions[_spatialRank - 1] += (long)padding.Left + padding.Right;
        // Summed in 64 bits: paddings near the limit must not wrap the dimension around.
        long elements = Limits.Product(dimensions);
        if (elements > Limits.MaxElements)
        {
            attribute.Report(DiagnosticDescriptors.TensorTooLarge, attribute.Text, "its output (B, " + string.Join(", ", dimensions) + ")",
                Limits.Format(elements), Limits.Format(Limits.MaxElements));
            return null;
        }
        return TensorShape.Of(dimensions.Select(d => (int)d).ToArray());
    }
}

/// <summary>Reads <c>[SpatialDropout1D(rate)]</c> and <c>[SpatialDropout2D(rate)]</c>.</summary>
internal sealed class SpatialDropoutReader : LayerReader
{
    private readonly int _spatialRank;

    public SpatialDropoutReader(int spatialRank) => _spatialRank = spatialRank;

    public override string NamePrefix => _spatialRank == 1 ? "spatial_dropout1d" : "spatial_dropout2d";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        double rate = Convert.ToDouble(attribute.Argument(0).Value, System.Globalization.CultureInfo.InvariantCulture);
        if (!(rate >= 0 && rate < 1))
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"the rate must be in [0, 1); found {LayerAttributeData.Format(rate)}");
            return null;
        }
        return new SpatialDropoutSpec { AttributeText = attribute.Text, SpatialRank = _spatialRank, Rate = rate };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute) =>
        SpatialInput.Check(inputs[0], _spatialRank, ((SpatialDropoutSpec)layer).KerasType, attribute) ? inputs[0] : null;
}
