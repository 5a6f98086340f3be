using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Passes;

/// <summary>
/// The shape pass: in declaration (topological) order, each layer's reader turns its input shapes into its output
/// shape, or reports why it cannot take them. A layer after a failed one is not checked (its input is unknown).
/// </summary>
internal static class ShapeInference
{
    /// <summary>Completes every node's input and output shapes; false when a shape is wrong (reported).</summary>
    public static bool Infer(IReadOnlyList<InputSpec> inputs, IReadOnlyList<LayerNode> layers)
    {
        var shapes = new TensorShape?[inputs.Count + layers.Count];
        for (int i = 0; i < inputs.Count; i++) shapes[i] = inputs[i].Shape;
        bool valid = true;
        foreach (LayerNode node in layers)
        {
            TensorShape?[] inputShapes = node.Spec.Inputs.Select(index => shapes[index]).ToArray();
            if (inputShapes.Any(shape => shape is null))
            {
                valid = false;
                continue;
            }
            EquatableArray<TensorShape> known = inputShapes.Select(shape => shape!.Value).ToEquatableArray();
            // Read may leave a target shape in OutputShape (Reshape); InferShape resolves it.
            TensorShape? output = node.Reader.InferShape(node.Spec with { InputShapes = known }, known, node.Attribute);
            if (output is null)
            {
                valid = false;
                continue;
            }
            shapes[node.Spec.Index] = output;
            node.Spec = node.Reader.WithShapes(node.Spec with { InputShapes = known, OutputShape = output.Value }, known, output.Value);
        }
        return valid;
    }
}
