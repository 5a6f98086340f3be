using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Passes;

/// <summary>
/// The layout pass: every layer's weights (from its reader) get offsets in one flat buffer, the trainable ones first
/// in layer order, then the non-trainable ones (moving statistics, frozen layers), so the optimizer runs over one
/// contiguous head. Also decides, per layer input, whether a trainable weight lies upstream (the backward pass must
/// then produce that input's gradient).
/// </summary>
internal static class ParameterLayout
{
    /// <summary>The largest flat parameter buffer (float[] and Span lengths are int).</summary>
    public const long MaxParameters = Limits.MaxElements;

    /// <summary>The weights in Keras's order with their offsets, or null when the buffer would be too large (reported).</summary>
    public static (List<WeightSpec> Weights, int Parameters, int Trainable)? Lay(int inputCount, IReadOnlyList<LayerNode> layers)
    {
        var perLayer = layers.Select(node => node.Reader.Weights(node.Spec).ToList()).ToList();
        long trainable = perLayer.SelectMany(w => w).Where(w => w.Trainable).Sum(w => (long)w.Length);
        long total = perLayer.SelectMany(w => w).Sum(w => (long)w.Length);
        if (total > MaxParameters)
        {
            LayerNode last = layers[layers.Count - 1];
            last.Attribute.Report(DiagnosticDescriptors.InvalidArgument, last.Attribute.Text,
                "the network would have " + total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " parameters; NetGen's flat parameter buffer holds at most "
                + MaxParameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        var weights = new List<WeightSpec>();
        int nextTrainable = 0, nextFixed = (int)trainable;
        var needsGradient = new bool[inputCount + layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            LayerNode node = layers[l];
            foreach (WeightSpec weight in perLayer[l])
            {
                int offset = weight.Trainable ? nextTrainable : nextFixed;
                if (weight.Trainable) nextTrainable += weight.Length;
                else nextFixed += weight.Length;
                weights.Add(weight with { Offset = offset });
            }
            LayerSpec spec = node.Spec with { ParameterCount = perLayer[l].Sum(w => w.Length) };
            EquatableArray<bool> inputsNeed = spec.Inputs.Select(index => needsGradient[index]).ToEquatableArray();
            needsGradient[spec.Index] = spec.TrainableParameterCount > 0 || inputsNeed.Any(needs => needs);
            node.Spec = spec with { InputsNeedGradient = inputsNeed };
        }
        return (weights, (int)total, (int)trainable);
    }
}
