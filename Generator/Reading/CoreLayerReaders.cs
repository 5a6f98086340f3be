using System;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>Reads <c>[Flatten]</c>: a view of the input as one dimension.</summary>
internal sealed class FlattenReader : LayerReader
{
    public override string NamePrefix => "flatten";

    public override LayerSpec? Read(LayerAttributeData attribute) => new FlattenSpec { AttributeText = attribute.Text };

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute) => TensorShape.Of(inputs[0].Size);
}

/// <summary>Reads <c>[Reshape(d0, d1, …)]</c>: a view with a new sample shape; one dimension may be −1.</summary>
internal sealed class ReshapeReader : LayerReader
{
    public override string NamePrefix => "reshape";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        int[] target = attribute.Ints(0);
        if (target.Length == 0 || target.Any(d => d == 0 || d < -1) || target.Count(d => d == -1) > 1)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text,
                $"the target shape needs positive dimensions, at most one of them -1; found ({string.Join(", ", target)})");
            return null;
        }
        return new ReshapeSpec { AttributeText = attribute.Text, OutputShape = TensorShape.Of(target) };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        // Read left the target (with its −1) in OutputShape.
        int[] target = layer.OutputShape.Dimensions.ToArray();
        int size = inputs[0].Size;
        // The known product in 64 bits: a target such as (65537, 65537) must not wrap around to a size that fits.
        long known = Limits.Product(target.Where(d => d > 0).Select(d => (long)d).ToArray());
        int unknown = Array.IndexOf(target, -1);
        if (unknown >= 0 && size % known == 0) target[unknown] = (int)(size / known);
        if ((unknown < 0 && known != size) || (unknown >= 0 && size % known != 0))
        {
            attribute.Report(DiagnosticDescriptors.ReshapeSizeMismatch, attribute.Text, inputs[0].WithBatch, size, "(B, " + string.Join(", ", layer.OutputShape.Dimensions) + ")");
            return null;
        }
        return TensorShape.Of(target);
    }
}

/// <summary>Reads <c>[Dropout(rate)]</c>.</summary>
internal sealed class DropoutReader : LayerReader
{
    public override string NamePrefix => "dropout";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        double rate = Convert.ToDouble(attribute.Argument(0).Value, CultureInfo.InvariantCulture);
        if (!(rate >= 0 && rate < 1))
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"the rate must be in [0, 1); found {LayerAttributeData.Format(rate)}");
            return null;
        }
        return new DropoutSpec { AttributeText = attribute.Text, Rate = rate };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute) => inputs[0];
}

/// <summary>Reads <c>[Activation(activation)]</c>.</summary>
internal sealed class ActivationReader : LayerReader
{
    public override string NamePrefix => "activation";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        ActivationKind? activation = attribute.Enum<ActivationKind>(attribute.Argument(0), "activation");
        return activation is null ? null : new ActivationLayerSpec { AttributeText = attribute.Text, Activation = activation.Value, FusedWithLoss = false };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute) => inputs[0];
}

/// <summary>Reads <c>[LeakyReLU(Alpha = …)]</c> (the layer's default slope is 0.3).</summary>
internal sealed class LeakyReluReader : LayerReader
{
    public override string NamePrefix => "leaky_re_lu";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        double alpha = attribute.Named("Alpha", 0.3);
        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            attribute.Report(DiagnosticDescriptors.InvalidLeakyReluAlpha, attribute.Text, LayerAttributeData.Format(alpha));
            return null;
        }
        return new LeakyReluSpec { AttributeText = attribute.Text, Alpha = alpha };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute) => inputs[0];
}
