using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Reading;

namespace NetGen.Generator.Passes;

/// <summary>
/// The shape pass: in declaration (topological) order, each layer's reader turns its input shapes into its output
/// shape, or reports why it cannot take them. A layer after a failed one is not checked (its input is unknown).
/// </summary>
internal static class ShapeInference
{
    /// <summary>Completes every node's input and output shapes; false when a shape is wrong (reported).</summary>
    public static bool Infer(IReadOnlyList<InputSpec> inputs, IReadOnlyList<LayerNode> layers, IReadOnlyList<LayerAttributeData> inputAttributes)
    {
        var shapes = new TensorShape?[inputs.Count + layers.Count];
        bool valid = true;
        for (int i = 0; i < inputs.Count; i++)
        {
            if (FitsTheLimit(inputs[i].Shape, inputAttributes[i], "the input " + inputs[i].Shape.WithBatch)) shapes[i] = inputs[i].Shape;
            else valid = false;
        }
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
            if (output is null || !FitsTheLimit(output.Value, node.Attribute, "its output " + output.Value.WithBatch))
            {
                valid = false;
                continue;
            }
            shapes[node.Spec.Index] = output;
            node.Spec = node.Reader.WithShapes(node.Spec with { InputShapes = known, OutputShape = output.Value }, known, output.Value);
        }
        return valid;
    }

    /// <summary>Whether <paramref name="shape"/>'s element count, worked out in 64 bits, is within <see cref="Limits.MaxElements"/>; NG0120 when not.</summary>
    private static bool FitsTheLimit(TensorShape shape, LayerAttributeData attribute, string what)
    {
        long elements = Limits.Elements(shape);
        if (elements > 0 && elements <= Limits.MaxElements) return true;
        attribute.Report(DiagnosticDescriptors.TensorTooLarge, attribute.Text, what, Limits.Format(elements), Limits.Format(Limits.MaxElements));
        return false;
    }
}
