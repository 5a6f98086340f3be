using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits the loss value (<c>LossCore</c>) and the start of the backward pass: the gradient <c>d{n}</c> of the loss
/// with respect to the output layer's output — or, when fused, with respect to its logits.
/// </summary>
internal sealed class LossEmitter
{
    private readonly LossSpec _loss;
    private readonly LayerEmitter _output;
    private readonly int _units;
    private readonly int _n;

    public LossEmitter(LossSpec loss, LayerEmitter output)
    {
        _loss = loss;
        _output = output;
        _units = output.Layer.OutputShape.Size;
        _n = output.Layer.Index;
    }

    /// <summary>The buffer the last forward pass leaves the network's output in.</summary>
    public string OutputBuffer => _output.OutputBufferInBothModes ?? "_Output";

    /// <summary>Whether the forward pass must copy its result into <c>_Output</c> (the last layer's output can be a view).</summary>
    public bool NeedsOutputCopy => _output.OutputBufferInBothModes is null;

    /// <summary>Whether the loss needs its own buffer for probabilities computed from output logits.</summary>
    public bool NeedsProbabilityBuffer => _loss.Input == LossInput.OutputLogits;

    private bool Categorical => _loss.Kind is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy;

    private string Function => _loss.Kind switch
    {
        LossKind.SparseCategoricalCrossentropy => "SparseCategorical",
        LossKind.CategoricalCrossentropy => "Categorical",
        LossKind.BinaryCrossentropy => "Binary",
        LossKind.MeanSquaredError => "MeanSquaredError",
        LossKind.MeanAbsoluteError => "MeanAbsoluteError",
        LossKind.Huber => "Huber",
        _ => throw new NotSupportedException(_loss.Kind.ToString()),
    };

    /// <summary>The arguments after the labels: the units of a categorical loss, Huber's δ.</summary>
    private string ExtraArguments => Categorical ? ", " + _units : _loss.Kind == LossKind.Huber ? ", delta: " + Literals.Float(_loss.HuberDelta) : "";

    private string Slice(string buffer) => $"{buffer}.AsSpan(0, batch * {_units})";

    public string Describe() => _loss.Input switch
    {
        LossInput.FusedActivationLogits => $"{_loss.Kind} from the logits {_output.Layer.Name}'s activation saw (Keras's shortcut: no clipping; gradient p - y)",
        LossInput.OutputLogits => $"{_loss.Kind} from logits (FromLogits = true)",
        _ when _loss.Kind == LossKind.Huber => $"Huber (delta {Literals.Float(_loss.HuberDelta)}) on {_output.Layer.Name}'s output",
        _ => $"{_loss.Kind} on {_output.Layer.Name}'s output",
    };

    /// <summary>Writes <c>LossCore</c>: the data loss plus every layer's regularization penalties, as Keras reports it.</summary>
    public void EmitLossCore(IndentedSourceWriter w, IReadOnlyList<LayerEmitter> layers)
    {
        w.Line("/// <inheritdoc/>");
        using (w.Block("protected override double LossCore(ReadOnlySpan<float> labels, int batch)"))
        {
            w.Line("// " + Describe());
            string values = _loss.Input switch
            {
                LossInput.FusedActivationLogits => Slice(_output.LogitsBuffer!),
                _ => Slice(OutputBuffer),
            };
            string function = _loss.Input == LossInput.Output ? Function : Function + "FromLogits";
            string dataLoss = $"Losses.{function}({values}, labels{ExtraArguments})";
            string row = _loss.Input == LossInput.FusedActivationLogits ? _output.LogitsBuffer! : OutputBuffer;
            string rowLabels = _loss.Kind == LossKind.SparseCategoricalCrossentropy ? "labels.Slice(b, 1)" : $"labels.Slice(b * {_units}, {_units})";
            bool penalties = layers.Any(layer => layer.HasPenalties);
            if (penalties) w.Line("double loss;");
            w.Line("// Fit's classWeight (Keras's class_weight): each sample's loss times its weight, still divided by the batch size.");
            using (w.Block("if (HasSampleWeights)"))
            {
                w.Line("double weighted = 0;");
                w.Line("for (int b = 0; b < batch; b++)");
                w.Line($"    weighted += SampleWeight(b) * Losses.{function}({row}.AsSpan(b * {_units}, {_units}), {rowLabels}{ExtraArguments});");
                w.Line(penalties ? "loss = weighted / batch;" : "return weighted / batch;");
            }
            if (!penalties)
            {
                w.Line($"return {dataLoss};");
                return;
            }
            using (w.Block("else"))
                w.Line($"loss = {dataLoss};");
            w.Line("// Regularization penalties: Keras adds them to the loss that fit, evaluate and the gradients see.");
            foreach (LayerEmitter layer in layers) layer.EmitPenalties(w);
            w.Line("return loss;");
        }
    }

    /// <summary>Defines <c>d{n}</c> in <c>BackwardCore</c>.</summary>
    public void EmitGradient(IndentedSourceWriter w)
    {
        w.Line($"// loss: {Describe()}");
        w.Line($"Span<float> d{_n} = {Slice("_dOutput")};");
        switch (_loss.Input)
        {
            case LossInput.FusedActivationLogits:
                w.Line($"Losses.{Function}FromLogitsGradient(d{_n}, a{_n}, labels{ExtraArguments});");
                break;
            case LossInput.OutputLogits:
                w.Line($"Span<float> probabilities = {Slice("_LossProbabilities")};");
                if (Categorical)
                    w.Line($"Activations.Softmax(a{_n}, probabilities, {_units});");
                else
                {
                    w.Line($"a{_n}.CopyTo(probabilities);");
                    w.Line("Activations.Sigmoid(probabilities);");
                }
                w.Line($"Losses.{Function}FromLogitsGradient(d{_n}, probabilities, labels{ExtraArguments});");
                break;
            default:
                w.Line($"Losses.{Function}Gradient(d{_n}, a{_n}, labels{ExtraArguments});");
                break;
        }
        w.Line($"ApplySampleWeights(d{_n}, {_units}); // scales each row by its class weight; nothing without Fit's classWeight");
    }
}
