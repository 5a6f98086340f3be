using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Passes;

namespace NetGen.Generator.Reading;

/// <summary>
/// Reads <c>[Dense(units, activation, …)]</c>: y = activation(x·W + b) over the last axis of its input, as Keras does: a
/// flat input gives (units), a sequence (steps, features) gives (steps, units), a map (h, w, c) gives (h, w, units).
/// </summary>
internal sealed class DenseReader : LayerReader
{
    public override string NamePrefix => "dense";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        int units = (int)attribute.Argument(0).Value!;
        ActivationKind? activation = attribute.Enum<ActivationKind>(attribute.Argument(1), "activation");
        KernelOptions? options = KernelOptions.Read(attribute);
        bool valid = activation is not null && options is not null;
        RegularizerSpec? activityRegularizer = WeightOptions.Regularizer(attribute, "Activity", ref valid);
        if (units <= 0)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"units must be positive; found {units}");
            valid = false;
        }
        if (!valid) return null;
        return new DenseSpec
        {
            AttributeText = attribute.Text,
            Units = units,
            Activation = activation!.Value,
            UseBias = options!.UseBias,
            FusedWithLoss = false,
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
        if (inputs[0].Rank > 3)
        {
            attribute.Report(DiagnosticDescriptors.DenseNeedsFlat, attribute.Text, inputs[0].WithBatch);
            return null;
        }
        int units = ((DenseSpec)layer).Units;
        long parameters = (long)inputs[0].Last * units + units;
        if (parameters > ParameterLayout.MaxParameters)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text,
                $"the layer would have {parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} parameters; NetGen's flat parameter buffer holds at most {ParameterLayout.MaxParameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}");
            return null;
        }
        return inputs[0].Rank == 1 ? TensorShape.Of(units) : inputs[0].WithLast(units);
    }

    public override IEnumerable<WeightSpec> Weights(LayerSpec layer)
    {
        var dense = (DenseSpec)layer;
        int inputs = dense.InputUnits, units = dense.Units;
        yield return new WeightSpec(dense.Name + "/kernel", dense.Prefix + "_W", new[] { inputs, units }.ToEquatableArray(), 0, inputs * units, dense.KernelInitializer, inputs, units)
            { Arguments = dense.KernelInitializerArguments };
        if (dense.UseBias)
            yield return new WeightSpec(dense.Name + "/bias", dense.Prefix + "_B", new[] { units }.ToEquatableArray(), 0, units, dense.BiasInitializer, units, units)
                { Arguments = dense.BiasInitializerArguments };
    }
}
