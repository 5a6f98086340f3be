using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>Reads <c>[BatchNormalization(…)]</c>: per-channel statistics over the last axis.</summary>
internal sealed class BatchNormalizationReader : LayerReader
{
    public override string NamePrefix => "batch_normalization";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        double momentum = attribute.Named("Momentum", 0.99), epsilon = attribute.Named("Epsilon", 1e-3);
        bool center = attribute.Named("Center", true), scale = attribute.Named("Scale", true), trainable = attribute.Named("Trainable", true);
        InitializerKind? betaInit = attribute.EnumNamed("BetaInitializer", InitializerKind.Zeros);
        InitializerKind? gammaInit = attribute.EnumNamed("GammaInitializer", InitializerKind.Ones);
        InitializerKind? meanInit = attribute.EnumNamed("MovingMeanInitializer", InitializerKind.Zeros);
        InitializerKind? varianceInit = attribute.EnumNamed("MovingVarianceInitializer", InitializerKind.Ones);
        bool valid = betaInit is not null && gammaInit is not null && meanInit is not null && varianceInit is not null;
        if (!(momentum >= 0 && momentum <= 1))
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"Momentum must be in [0, 1]; found {LayerAttributeData.Format(momentum)}");
            valid = false;
        }
        if (!(epsilon > 0 && !double.IsInfinity(epsilon)))
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"Epsilon must be a positive number; found {LayerAttributeData.Format(epsilon)}");
            valid = false;
        }
        // Every BatchNormalization weight is a vector of one value per channel; Orthogonal needs rank 2 (Keras raises).
        foreach ((string property, InitializerKind? initializer) in new[] { ("GammaInitializer", gammaInit), ("BetaInitializer", betaInit), ("MovingMeanInitializer", meanInit), ("MovingVarianceInitializer", varianceInit) })
        {
            if (initializer != InitializerKind.Orthogonal) continue;
            attribute.Report(DiagnosticDescriptors.InvalidInitializerArgument, attribute.Text,
                $"{property} = Initializer.Orthogonal needs a weight of rank 2 or more; BatchNormalization's weights have rank 1 (one value per channel)");
            valid = false;
        }
        if (!scale)
            valid &= WeightOptions.CheckAbsentWeightOptions(attribute, "Gamma", "scale gamma", "Scale = false", "Scale = true");
        if (!center)
            valid &= WeightOptions.CheckAbsentWeightOptions(attribute, "Beta", "offset beta", "Center = false", "Center = true");
        if (!valid) return null;
        return new BatchNormalizationSpec
        {
            AttributeText = attribute.Text,
            Momentum = momentum,
            Epsilon = epsilon,
            Center = center,
            Scale = scale,
            Trainable = trainable,
            GammaInitializer = gammaInit!.Value,
            BetaInitializer = betaInit!.Value,
            MovingMeanInitializer = meanInit!.Value,
            MovingVarianceInitializer = varianceInit!.Value,
        };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        // The statistics are per channel over every other axis: (B, C) after Dense, (B, steps, C) after Conv1D,
        // (B, h, w, C) after Conv2D. Deeper maps have no layer that makes them.
        if (inputs[0].Rank > 3)
        {
            attribute.Report(DiagnosticDescriptors.BatchNormalizationInput, attribute.Text, inputs[0].WithBatch);
            return null;
        }
        return inputs[0];
    }

    public override IEnumerable<WeightSpec> Weights(LayerSpec layer)
    {
        var bn = (BatchNormalizationSpec)layer;
        int channels = bn.Channels;
        EquatableArray<int> shape = new[] { channels }.ToEquatableArray();
        WeightSpec Weight(string weight, string constant, InitializerKind initializer, bool trainable) =>
            new(bn.Name + "/" + weight, bn.Prefix + "_" + constant, shape, 0, channels, initializer, channels, channels, trainable);
        if (bn.Scale) yield return Weight("gamma", "Gamma", bn.GammaInitializer, bn.Trainable);
        if (bn.Center) yield return Weight("beta", "Beta", bn.BetaInitializer, bn.Trainable);
        yield return Weight("moving_mean", "MovingMean", bn.MovingMeanInitializer, false);
        yield return Weight("moving_variance", "MovingVariance", bn.MovingVarianceInitializer, false);
    }
}
