using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits <c>DescribeOnnx</c>: one call per layer on the runtime's <c>OnnxGraph</c>, with the names, weights and
/// geometry the generator already decided, so <c>Model.ExportOnnx</c> needs no reflection. A layer ONNX cannot express
/// becomes a call that throws <see cref="System.NotSupportedException"/> naming it, at export time only.
/// </summary>
internal static class OnnxEmitter
{
    public static void Emit(IndentedSourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <inheritdoc/>");
        using (w.Block("protected override void DescribeOnnx(global::NetGen.Onnx.OnnxGraph onnx)"))
        {
            foreach (LayerSpec layer in spec.Layers)
                w.Line(Call(spec, layer));
        }
    }

    private static string Call(NetworkSpec spec, LayerSpec layer)
    {
        string name = Literals.String(layer.Name);
        string input = Literals.String(spec.NodeName(layer.Inputs[0]));
        string Weight(string suffix) => Literals.String(layer.Name + "/" + suffix);
        switch (layer)
        {
            case DenseSpec dense:
                return $"onnx.Dense({name}, {input}, {Weight("kernel")}, {(dense.UseBias ? Weight("bias") : "null")}, {Activation(dense.Activation)});";
            case ActivationLayerSpec activation:
                return $"onnx.Activation({name}, {input}, {Activation(activation.Activation)});";
            case LeakyReluSpec leaky:
                return $"onnx.LeakyRelu({name}, {input}, {Literals.Float(leaky.Alpha)});";
            case DropoutSpec or SpatialDropoutSpec:
                return $"onnx.Identity({name}, {input}); // identity at inference";
            case FlattenSpec or ReshapeSpec:
                return $"onnx.Reshape({name}, {input}, new[] {{ {string.Join(", ", layer.OutputShape.Dimensions)} }});";
            case BatchNormalizationSpec bn:
                return $"onnx.BatchNormalization({name}, {input}, {(bn.Scale ? Weight("gamma") : "null")}, {(bn.Center ? Weight("beta") : "null")}, " +
                       $"{Weight("moving_mean")}, {Weight("moving_variance")}, {Literals.Float(bn.Epsilon)});";
            case MergeSpec merge:
                string inputs = string.Join(", ", layer.Inputs.Select(index => Literals.String(spec.NodeName(index))));
                return $"onnx.Merge({name}, {Literals.String(merge.KerasType)}, new[] {{ {inputs} }});";
            case ConvolutionSpec { Geometry: { } g } conv:
                string kernelShape = conv.Rank == 1 ? $"{g.KernelWidth}" : $"{g.KernelHeight}, {g.KernelWidth}";
                string pads = conv.Rank == 1 ? $"{g.PadLeft}, {g.PadRight}" : $"{g.PadTop}, {g.PadLeft}, {g.PadBottom}, {g.PadRight}";
                return $"onnx.Convolution({name}, {input}, {conv.Rank}, {Weight("kernel")}, {(conv.UseBias ? Weight("bias") : "null")}, " +
                       $"new[] {{ {kernelShape} }}, {conv.Strides}, {conv.DilationRate}, new[] {{ {pads} }}, {Activation(conv.Activation)});";
            case PoolingSpec { Global: true } pool:
                return $"onnx.GlobalPooling({name}, {input}, max: {(pool.Kind == PoolKind.Max ? "true" : "false")}, {pool.SpatialRank});";
            case PoolingSpec pool:
                int padBottom = SpatialGeometry.PadAfter(pool.InputHeight, pool.PoolHeight, pool.StrideHeight, 1, pool.Padding);
                int padRight = SpatialGeometry.PadAfter(pool.InputWidth, pool.PoolWidth, pool.StrideWidth, 1, pool.Padding);
                string window = pool.SpatialRank == 1
                    ? $"new[] {{ {pool.PoolWidth} }}, new[] {{ {pool.StrideWidth} }}, new[] {{ {pool.PadLeft}, {padRight} }}"
                    : $"new[] {{ {pool.PoolHeight}, {pool.PoolWidth} }}, new[] {{ {pool.StrideHeight}, {pool.StrideWidth} }}, new[] {{ {pool.PadTop}, {pool.PadLeft}, {padBottom}, {padRight} }}";
                return $"onnx.Pooling({name}, {input}, max: {(pool.Kind == PoolKind.Max ? "true" : "false")}, {pool.SpatialRank}, {window});";
            case ZeroPaddingSpec padding:
                return $"onnx.ZeroPadding({name}, {input}, {padding.SpatialRank}, {padding.Top}, {padding.Bottom}, {padding.Left}, {padding.Right});";
            case EmbeddingSpec:
                return $"onnx.Embedding({name}, {input}, {Weight("embeddings")});";
            case RecurrentSpec { GoBackwards: true } recurrent:
                return $"onnx.NotSupported({name}, {Literals.String(recurrent.KerasType)}, \"reads its sequence backwards (go_backwards), which the exporter does not map yet\");";
            case RecurrentSpec recurrent:
                string cell = recurrent.CellName + "/";
                return $"onnx.Recurrent({name}, {input}, {Literals.String(recurrent.KerasType)}, {recurrent.Units}, {Weight(cell + "kernel")}, {Weight(cell + "recurrent_kernel")}, " +
                       $"{(recurrent.UseBias ? Weight(cell + "bias") : "null")}, {Activation(recurrent.Activation)}, {Activation(recurrent.RecurrentActivation)}, returnSequences: {(recurrent.ReturnSequences ? "true" : "false")});";
            default:
                return $"onnx.NotSupported({name}, {Literals.String(layer.KerasType)}, \"has no ONNX mapping\");";
        }
    }

    private static string Activation(ActivationKind activation) => "global::NetGen.Activation." + activation;
}
