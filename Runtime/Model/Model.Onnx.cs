using System;
using System.Collections.Generic;
using System.ComponentModel;
using NetGen.Onnx;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Writes the network with its current weights as an ONNX model (opset 17, IR version 8) that computes what
    /// <c>Predict</c> computes: the inference forward pass, Dropout as the identity,
    /// BatchNormalization with its moving statistics. Inputs and outputs keep the network's names, with a symbolic
    /// batch dimension <c>N</c> and channels-last shapes; weights are initializers named and shaped as in Keras
    /// (<c>dense/kernel</c>, (in, out)). The file is written atomically.
    /// </summary>
    /// <param name="path">The <c>.onnx</c> file to write.</param>
    /// <exception cref="NotSupportedException">A layer cannot be expressed in ONNX; the message names it.</exception>
    /// <exception cref="System.IO.DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToOnnx();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The bytes <see cref="ExportOnnx"/> writes.</summary>
    /// <exception cref="NotSupportedException">A layer cannot be expressed in ONNX; the message names it.</exception>
    public byte[] ToOnnx()
    {
        var graph = new OnnxGraph(this);
        DescribeOnnx(graph);

        var proto = new ProtobufWriter();
        foreach (ProtobufWriter node in graph.Nodes) proto.WriteMessage(1, node);          // node
        proto.WriteString(2, Description.Name);                                            // name
        foreach (ProtobufWriter tensor in graph.Initializers) proto.WriteMessage(5, tensor); // initializer
        foreach (InputInfo input in Description.Inputs)
            proto.WriteMessage(11, OnnxProto.BatchedFloatValue(input.Name, input.Shape));  // input
        IReadOnlyList<OutputInfo> outputs = Description.Outputs;
        for (int k = 0; k < outputs.Count; k++)
            proto.WriteMessage(12, OnnxProto.BatchedFloatValue(outputs[k].Name, OutputShapeOf(outputs[k]))); // output
        return OnnxProto.Model(proto).ToArray();
    }

    /// <summary>An output's sample shape: the Keras output shape of its layer, parsed from the description.</summary>
    private int[] OutputShapeOf(OutputInfo output)
    {
        foreach (LayerInfo layer in Description.Layers)
        {
            if (layer.Name != output.Name) continue;
            // "(None, 10)" or "(None, 4, 4, 8)": the dimensions after None.
            string[] parts = layer.OutputShape.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var shape = new List<int>();
            foreach (string part in parts)
            {
                if (part != "None") shape.Add(int.Parse(part, System.Globalization.CultureInfo.InvariantCulture));
            }
            return shape.ToArray();
        }
        return [output.Size];
    }

    /// <summary>
    /// Adds the network's layers to <paramref name="graph"/>; the source generator overrides it from the declared
    /// architecture. The base throws: a class compiled by an older generator has no ONNX description.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual void DescribeOnnx(OnnxGraph graph) =>
        throw new NotSupportedException($"{Description.Name} has no ONNX description: rebuild it with the current NetGen generator.");
}
