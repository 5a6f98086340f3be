using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Passes;

namespace NetGen.Generator.Reading;

/// <summary>
/// Reads <c>[LSTM(units)]</c>, <c>[GRU(units)]</c> and <c>[SimpleRNN(units)]</c>: a (B, T, features) sequence to the
/// last state (B, units), or to every state (B, T, units) with <c>ReturnSequences = true</c>.
/// </summary>
internal sealed class RecurrentReader : LayerReader
{
    private readonly RecurrentKind _kind;

    public RecurrentReader(RecurrentKind kind) => _kind = kind;

    public override string NamePrefix => _kind switch
    {
        RecurrentKind.Lstm => "lstm",
        RecurrentKind.Gru => "gru",
        _ => "simple_rnn",
    };

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        int units = (int)attribute.Argument(0).Value!;
        ActivationKind? activation = attribute.EnumNamed("Activation", ActivationKind.Tanh);
        ActivationKind? recurrentActivation = _kind == RecurrentKind.SimpleRnn ? ActivationKind.Linear : attribute.EnumNamed("RecurrentActivation", ActivationKind.Sigmoid);
        bool useBias = attribute.Named("UseBias", true);
        InitializerKind? kernelInit = attribute.EnumNamed("KernelInitializer", InitializerKind.GlorotUniform);
        InitializerKind? recurrentInit = attribute.EnumNamed("RecurrentInitializer", InitializerKind.Orthogonal);
        InitializerKind? biasInit = attribute.EnumNamed("BiasInitializer", InitializerKind.Zeros);
        bool valid = activation is not null && recurrentActivation is not null && kernelInit is not null && recurrentInit is not null && biasInit is not null;
        RegularizerSpec? kernelRegularizer = WeightOptions.Regularizer(attribute, "Kernel", ref valid);
        RegularizerSpec? recurrentRegularizer = WeightOptions.Regularizer(attribute, "Recurrent", ref valid);
        RegularizerSpec? biasRegularizer = WeightOptions.Regularizer(attribute, "Bias", ref valid);
        InitializerArgumentsSpec? kernelArguments = kernelInit is null ? null : WeightOptions.InitializerArguments(attribute, "Kernel", kernelInit.Value, ref valid);
        InitializerArgumentsSpec? recurrentArguments = recurrentInit is null ? null : WeightOptions.InitializerArguments(attribute, "Recurrent", recurrentInit.Value, ref valid);
        InitializerArgumentsSpec? biasArguments = biasInit is null || !useBias ? null : WeightOptions.InitializerArguments(attribute, "Bias", biasInit.Value, ref valid);
        if (units <= 0)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"units must be positive; found {units}");
            valid = false;
        }
        // The backward pass takes each activation's derivative from its output, as the Activation layers do.
        foreach ((string property, ActivationKind? kind) in new[] { ("Activation", activation), ("RecurrentActivation", recurrentActivation) })
        {
            if (kind is ActivationKind.Softmax or ActivationKind.Gelu or ActivationKind.GeluApproximate or ActivationKind.Swish)
            {
                attribute.Report(DiagnosticDescriptors.UnsupportedRecurrentActivation, attribute.Text, property, kind.Value.ToString());
                valid = false;
            }
        }
        if (!useBias)
            valid &= WeightOptions.CheckAbsentWeightOptions(attribute, "Bias", "bias", "UseBias = false", "UseBias = true");
        if (!valid) return null;
        bool unitForgetBias = _kind == RecurrentKind.Lstm && useBias && attribute.Named("UnitForgetBias", true);
        if (unitForgetBias)
            biasArguments = (biasArguments ?? InitializerArgumentsSpec.Default) with { UnitForgetBiasUnits = units };
        return new RecurrentSpec
        {
            AttributeText = attribute.Text,
            Kind = _kind,
            Units = units,
            Activation = activation!.Value,
            RecurrentActivation = recurrentActivation!.Value,
            UseBias = useBias,
            ReturnSequences = attribute.Named("ReturnSequences", false),
            GoBackwards = attribute.Named("GoBackwards", false),
            UnitForgetBias = unitForgetBias,
            KernelInitializer = kernelInit!.Value,
            RecurrentInitializer = recurrentInit!.Value,
            BiasInitializer = biasInit!.Value,
            KernelInitializerArguments = kernelArguments,
            RecurrentInitializerArguments = recurrentArguments,
            BiasInitializerArguments = biasArguments,
            KernelRegularizer = kernelRegularizer,
            RecurrentRegularizer = recurrentRegularizer,
            BiasRegularizer = useBias ? biasRegularizer : null,
        };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        var recurrent = (RecurrentSpec)layer;
        if (inputs[0].Rank != 2)
        {
            attribute.Report(DiagnosticDescriptors.RecurrentNeedsSequence, attribute.Text, inputs[0].WithBatch, recurrent.KerasType);
            return null;
        }
        int steps = inputs[0].Dimensions[0], features = inputs[0].Last, gates = recurrent.Gates, units = recurrent.Units;
        long parameters = (long)(features + units) * gates * units + (recurrent.UseBias ? (recurrent.Kind == RecurrentKind.Gru ? 2L : 1L) * gates * units : 0);
        if (parameters > ParameterLayout.MaxParameters)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text,
                $"the layer would have {parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters; NetGen's flat parameter buffer holds at most {ParameterLayout.MaxParameters.ToString("N0", CultureInfo.InvariantCulture)}");
            return null;
        }
        // The cell keeps every step's gates for the backward pass: steps × gates × units per sample.
        long gateElements = Limits.Product(steps, gates, units);
        if (gateElements > Limits.MaxElements)
        {
            attribute.Report(DiagnosticDescriptors.TensorTooLarge, attribute.Text, $"its gates ({steps} steps × {gates} × {units})", Limits.Format(gateElements), Limits.Format(Limits.MaxElements));
            return null;
        }
        return recurrent.ReturnSequences ? TensorShape.Of(steps, units) : TensorShape.Of(units);
    }

    public override IEnumerable<WeightSpec> Weights(LayerSpec layer)
    {
        var r = (RecurrentSpec)layer;
        string prefix = r.Name + "/" + r.CellName + "/";
        int width = r.GateWidth;
        // Keras's fans: the kernel (features, G·u) and the recurrent kernel (u, G·u) as rank-2 weights.
        yield return new WeightSpec(prefix + "kernel", r.Prefix + "_W", new[] { r.Features, width }.ToEquatableArray(), 0, r.Features * width, r.KernelInitializer, r.Features, width)
            { Arguments = r.KernelInitializerArguments };
        yield return new WeightSpec(prefix + "recurrent_kernel", r.Prefix + "_U", new[] { r.Units, width }.ToEquatableArray(), 0, r.Units * width, r.RecurrentInitializer, r.Units, width)
            { Arguments = r.RecurrentInitializerArguments };
        if (!r.UseBias) yield break;
        int[] biasShape = r.Kind == RecurrentKind.Gru ? new[] { 2, width } : new[] { width };
        int biasLength = r.Kind == RecurrentKind.Gru ? 2 * width : width;
        yield return new WeightSpec(prefix + "bias", r.Prefix + "_B", biasShape.ToEquatableArray(), 0, biasLength, r.BiasInitializer, biasLength, biasLength)
            { Arguments = r.BiasInitializerArguments };
    }
}
