using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Passes;

namespace NetGen.Generator.Reading;

/// <summary>
/// Reads <c>[Conv2D(filters, kernel, activation, …)]</c> over (h, w, channels) maps and <c>[Conv1D(filters, kernel,
/// activation, …)]</c> over (steps, channels) sequences: one spec, the 1-D case being height 1.
/// </summary>
internal sealed class ConvolutionReader : LayerReader
{
    private readonly int _rank;

    public ConvolutionReader(int rank) => _rank = rank;

    public override string NamePrefix => _rank == 1 ? "conv1d" : "conv2d";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        // Conv2D(filters, size, activation) or Conv2D(filters, height, width, activation); Conv1D(filters, size, activation).
        int filters = (int)attribute.Argument(0).Value!;
        bool rectangular = _rank == 2 && attribute.Data.ConstructorArguments.Length == 4;
        int kernelHeight = _rank == 1 ? 1 : (int)attribute.Argument(1).Value!;
        int kernelWidth = (int)attribute.Argument(rectangular ? 2 : 1).Value!;
        ActivationKind? activation = attribute.Enum<ActivationKind>(attribute.Argument(rectangular ? 3 : 2), "activation");
        int strides = attribute.Named("Strides", 1), dilation = attribute.Named("DilationRate", 1);
        PaddingKind? padding = attribute.EnumNamed("Padding", PaddingKind.Valid);
        KernelOptions? options = KernelOptions.Read(attribute);
        bool valid = activation is not null && options is not null && padding is not null;
        RegularizerSpec? activityRegularizer = WeightOptions.Regularizer(attribute, "Activity", ref valid);
        void Fail(string message)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, message);
            valid = false;
        }
        if (filters <= 0) Fail($"filters must be positive; found {filters}");
        if (kernelHeight <= 0 || kernelWidth <= 0)
            Fail($"the kernel size must be positive; found {(_rank == 1 ? kernelWidth.ToString(CultureInfo.InvariantCulture) : $"({kernelHeight}, {kernelWidth})")}");
        if (strides <= 0) Fail($"Strides must be positive; found {strides}");
        if (dilation <= 0) Fail($"DilationRate must be positive; found {dilation}");
        if (strides > 1 && dilation > 1)
            Fail($"Strides = {strides} and DilationRate = {dilation}: Keras refuses strides and dilation both above 1; set one of them to 1");
        if (!valid) return null;
        return new ConvolutionSpec
        {
            AttributeText = attribute.Text,
            Rank = _rank,
            Filters = filters,
            KernelHeight = kernelHeight,
            KernelWidth = kernelWidth,
            Strides = strides,
            DilationRate = dilation,
            SamePadding = padding == PaddingKind.Same,
            Activation = activation!.Value,
            UseBias = options!.UseBias,
            KernelInitializer = options.KernelInitializer,
            BiasInitializer = options.BiasInitializer,
            KernelInitializerArguments = options.KernelInitializerArguments,
            BiasInitializerArguments = options.BiasInitializerArguments,
            KernelRegularizer = options.KernelRegularizer,
            BiasRegularizer = options.BiasRegularizer,
            ActivityRegularizer = activityRegularizer,
        };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        var conv = (ConvolutionSpec)layer;
        TensorShape input = inputs[0];
        if (input.Rank != _rank + 1)
        {
            string expected = _rank == 1 ? "(B, steps, channels)" : "(B, height, width, channels)";
            string hint = _rank == 2 && input.Rank == 2 ? "; for one-channel images declare [Input(h, w, 1)]"
                : _rank == 1 && input.Rank == 1 ? "; for one feature per step declare [Input(steps, 1)]" : "";
            attribute.Report(DiagnosticDescriptors.ConvolutionInputRank, attribute.Text, expected, input.WithBatch, hint);
            return null;
        }
        int height = _rank == 1 ? 1 : input.Dimensions[0], width = input.Dimensions[_rank - 1], channels = input.Last;
        int d = conv.DilationRate;
        long extentHeight = SpatialGeometry.EffectiveWindowLong(conv.KernelHeight, _rank == 1 ? 1 : d), extentWidth = SpatialGeometry.EffectiveWindowLong(conv.KernelWidth, d);
        // Every size below is an int in the generated code: check the dilated window, the kernel and the padded input in 64 bits first.
        long kernelRows = Limits.Product(conv.KernelHeight, conv.KernelWidth, channels);
        if (extentHeight > Limits.MaxElements || extentWidth > Limits.MaxElements || kernelRows > Limits.MaxElements)
        {
            attribute.Report(DiagnosticDescriptors.TensorTooLarge, attribute.Text, $"its dilated kernel ({extentHeight} × {extentWidth} × {channels})",
                Limits.Format(Limits.Product(extentHeight, extentWidth, channels)), Limits.Format(Limits.MaxElements));
            return null;
        }
        if (!conv.SamePadding && (extentHeight > height || extentWidth > width))
        {
            string span = _rank == 1 ? extentWidth + " steps" : $"{extentHeight} × {extentWidth}";
            string size = _rank == 1 ? width + " steps" : $"{height} × {width}";
            attribute.Report(DiagnosticDescriptors.ConvolutionWindowTooLarge, attribute.Text, span, input.WithBatch, size);
            return null;
        }
        ConvolutionGeometry geometry = GeometryOf(conv, input);
        long padded = Limits.Product((long)geometry.InputHeight + geometry.PadTop + geometry.PadBottom, (long)geometry.InputWidth + geometry.PadLeft + geometry.PadRight, channels);
        if (padded > Limits.MaxElements)
        {
            attribute.Report(DiagnosticDescriptors.TensorTooLarge, attribute.Text, "its zero-padded input", Limits.Format(padded), Limits.Format(Limits.MaxElements));
            return null;
        }
        long parameters = geometry.KernelRows * (long)conv.Filters + conv.Filters;
        if (parameters > ParameterLayout.MaxParameters)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text,
                $"the layer would have {parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters; NetGen's flat parameter buffer holds at most {ParameterLayout.MaxParameters.ToString("N0", CultureInfo.InvariantCulture)}");
            return null;
        }
        return _rank == 1 ? TensorShape.Of(geometry.OutputWidth, conv.Filters) : TensorShape.Of(geometry.OutputHeight, geometry.OutputWidth, conv.Filters);
    }

    public override LayerSpec WithShapes(LayerSpec layer, EquatableArray<TensorShape> inputs, TensorShape output) =>
        (ConvolutionSpec)layer with { Geometry = GeometryOf((ConvolutionSpec)layer, inputs[0]) };

    /// <summary>The sizes, strides and padding along both axes (a Conv1D has height 1 and a 1-row kernel).</summary>
    private ConvolutionGeometry GeometryOf(ConvolutionSpec conv, TensorShape input)
    {
        int height = _rank == 1 ? 1 : input.Dimensions[0], width = input.Dimensions[_rank - 1];
        int s = conv.Strides, d = conv.DilationRate;
        int strideHeight = _rank == 1 ? 1 : s, dilationHeight = _rank == 1 ? 1 : d;
        PaddingKind padding = conv.SamePadding ? PaddingKind.Same : PaddingKind.Valid;
        return new ConvolutionGeometry(height, width, input.Last, conv.Filters, conv.KernelHeight, conv.KernelWidth, strideHeight, s, dilationHeight, d,
            SpatialGeometry.PadBefore(height, conv.KernelHeight, strideHeight, dilationHeight, padding),
            SpatialGeometry.PadBefore(width, conv.KernelWidth, s, d, padding),
            SpatialGeometry.OutputSize(height, conv.KernelHeight, strideHeight, dilationHeight, padding),
            SpatialGeometry.OutputSize(width, conv.KernelWidth, s, d, padding))
        {
            PadBottom = SpatialGeometry.PadAfter(height, conv.KernelHeight, strideHeight, dilationHeight, padding),
            PadRight = SpatialGeometry.PadAfter(width, conv.KernelWidth, s, d, padding),
        };
    }

    public override IEnumerable<WeightSpec> Weights(LayerSpec layer)
    {
        var conv = (ConvolutionSpec)layer;
        ConvolutionGeometry g = conv.Geometry!;
        int receptive = g.KernelHeight * g.KernelWidth;
        int[] shape = _rank == 1 ? new[] { g.KernelWidth, g.Channels, g.Filters } : new[] { g.KernelHeight, g.KernelWidth, g.Channels, g.Filters };
        // Keras's fans for a convolution kernel: the receptive field times the input (fan in) or output (fan out) channels.
        yield return new WeightSpec(conv.Name + "/kernel", conv.Prefix + "_W", shape.ToEquatableArray(), 0, g.KernelRows * g.Filters,
            conv.KernelInitializer, receptive * g.Channels, receptive * g.Filters) { Arguments = conv.KernelInitializerArguments };
        if (conv.UseBias)
            yield return new WeightSpec(conv.Name + "/bias", conv.Prefix + "_B", new[] { g.Filters }.ToEquatableArray(), 0, g.Filters,
                conv.BiasInitializer, g.Filters, g.Filters) { Arguments = conv.BiasInitializerArguments };
    }
}
