using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Passes;

namespace NetGen.Generator.Reading;

/// <summary>Reads <c>[Embedding(inputDim, outputDim)]</c>: a lookup table over token ids; output (*ids, outputDim).</summary>
internal sealed class EmbeddingReader : LayerReader
{
    public override string NamePrefix => "embedding";

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        int inputDim = (int)attribute.Argument(0).Value!, outputDim = (int)attribute.Argument(1).Value!;
        InitializerKind? init = attribute.EnumNamed("EmbeddingsInitializer", InitializerKind.RandomUniform);
        bool valid = init is not null;
        RegularizerSpec? regularizer = WeightOptions.Regularizer(attribute, "Embeddings", ref valid);
        InitializerArgumentsSpec? arguments = init is null ? null : WeightOptions.InitializerArguments(attribute, "Embeddings", init.Value, ref valid);
        if (inputDim <= 0)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"inputDim (the vocabulary size) must be positive; found {inputDim}");
            valid = false;
        }
        if (outputDim <= 0)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"outputDim must be positive; found {outputDim}");
            valid = false;
        }
        if (!valid) return null;
        return new EmbeddingSpec
        {
            AttributeText = attribute.Text,
            InputDim = inputDim,
            OutputDim = outputDim,
            EmbeddingsInitializer = init!.Value,
            EmbeddingsInitializerArguments = arguments,
            EmbeddingsRegularizer = regularizer,
        };
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        var embedding = (EmbeddingSpec)layer;
        long parameters = (long)embedding.InputDim * embedding.OutputDim;
        if (parameters > ParameterLayout.MaxParameters)
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text,
                $"the table would have {parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters; NetGen's flat parameter buffer holds at most {ParameterLayout.MaxParameters.ToString("N0", CultureInfo.InvariantCulture)}");
            return null;
        }
        var dimensions = new List<int>(inputs[0].Dimensions) { embedding.OutputDim };
        return TensorShape.Of(dimensions.ToArray());
    }

    public override IEnumerable<WeightSpec> Weights(LayerSpec layer)
    {
        var embedding = (EmbeddingSpec)layer;
        // Fans as Keras computes them for a rank-2 weight (fan_in = rows, fan_out = columns).
        yield return new WeightSpec(embedding.Name + "/embeddings", embedding.Prefix + "_E", new[] { embedding.InputDim, embedding.OutputDim }.ToEquatableArray(), 0,
            embedding.InputDim * embedding.OutputDim, embedding.EmbeddingsInitializer, embedding.InputDim, embedding.OutputDim)
            { Arguments = embedding.EmbeddingsInitializerArguments };
    }
}
