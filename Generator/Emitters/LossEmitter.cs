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
    private readonly OutputSpec? _spec;
    private readonly int _k;
    private readonly string _gradientField;

    /// <summary>The loss of a network with one output: names as they always were (<c>_dOutput</c>, <c>labels</c>, <c>_Output</c>).</summary>
    public LossEmitter(LossSpec loss, LayerEmitter output)
    {
        _loss = loss;
        _output = output;
        _units = output.Layer.OutputShape.Size;
        _n = output.Layer.Index;
        _gradientField = "_dOutput";
    }

    /// <summary>The loss of output <paramref name="k"/> of a network with several: its own labels, gradient and buffers.</summary>
    public LossEmitter(OutputSpec spec, int k, LayerEmitter output, string gradientField)
        : this(spec.Loss, output)
    {
        _spec = spec;
        _k = k;
        _gradientField = gradientField;
    }

    /// <summary>Whether this is one of several outputs' losses.</summary>
    private bool OfSeveral => _spec is not null;

    /// <summary>The output this loss reads.</summary>
    public OutputSpec? Output => _spec;

    /// <summary>The field of the loss gradient w.r.t. the output (or the fused logits).</summary>
    public string GradientField => _gradientField;

    /// <summary>The buffer the last forward pass leaves the output in.</summary>
    public string OutputBuffer => _output.OutputBufferInBothModes ?? CopyBuffer;

    /// <summary>The buffer the output is copied to when its layer's output is a view: the network's output, or, one of several, its own.</summary>
    public string CopyBuffer => OfSeveral ? "_Output_" + _k : "_Output";

    /// <summary>The buffer of the probabilities of output logits (<see cref="NeedsProbabilityBuffer"/>).</summary>
    public string ProbabilityBuffer => OfSeveral ? "_LossProbabilities_" + _k : "_LossProbabilities";

    /// <summary>The buffer this output's label columns are sliced into (several outputs only).</summary>
    public string LabelBuffer => "_Labels_" + _k;

    /// <summary>The local holding this output's labels.</summary>
    private string Labels => OfSeveral ? "labels" + _k : "labels";

    /// <summary>The output's activation local, <c>a{n}</c>.</summary>
    public string Activation => "a" + _n;

    /// <summary>The output's values per sample.</summary>
    public int Units => _units;

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
            string dataLoss = $"Losses.{function}({values}, {Labels}{ExtraArguments})";
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

    /// <summary>The call computing this output's data loss (without penalties or sample weights), reading <c>labels{k}</c>.</summary>
    private string DataLoss()
    {
        string values = _loss.Input == LossInput.FusedActivationLogits ? Slice(_output.LogitsBuffer!) : Slice(OutputBuffer);
        string function = _loss.Input == LossInput.Output ? Function : Function + "FromLogits";
        return $"Losses.{function}({values}, {Labels}{ExtraArguments})";
    }

    /// <summary>Slices this output's label columns out of the labels of every output (several outputs only).</summary>
    private void EmitLabelSlice(IndentedSourceWriter w, int labelWidth, int labelOffset)
    {
        int width = _spec!.LabelWidth;
        w.Line($"Span<float> {Labels} = {LabelBuffer}.AsSpan(0, batch * {width});");
        w.Line($"Merge.SliceColumns({Labels}, {width}, labels, {labelWidth}, {labelOffset}, batch);");
    }

    /// <summary>
    /// Writes <c>LossCore</c> of a network with several outputs: each output's loss on its label columns (kept for the
    /// runtime's <c>{output}_loss</c> logs), the total Σ weight · loss (Keras's <c>loss_weights</c>), then the penalties.
    /// </summary>
    public static void EmitLossCore(IndentedSourceWriter w, IReadOnlyList<LossEmitter> losses, IReadOnlyList<LayerEmitter> layers)
    {
        int labelWidth = losses.Sum(loss => loss._spec!.LabelWidth);
        w.Line("/// <inheritdoc/>");
        using (w.Block("protected override double LossCore(ReadOnlySpan<float> labels, int batch)"))
        {
            w.Line($"// Several outputs: a label row is each output's labels, concatenated ({labelWidth} values); the loss is Σ weight · loss.");
            int offset = 0;
            var terms = new List<string>();
            foreach (LossEmitter loss in losses)
            {
                w.Line();
                w.Line($"// {loss._spec!.Name}: {loss.Describe()}, weight {Literals.Double(loss._spec.Weight)}");
                loss.EmitLabelSlice(w, labelWidth, offset);
                w.Line($"double loss{loss._k} = {loss.DataLoss()};");
                w.Line($"SetOutputLoss({loss._k}, loss{loss._k});");
                terms.Add(loss._spec.Weight == 1.0 ? $"loss{loss._k}" : $"{Literals.Double(loss._spec.Weight)} * loss{loss._k}");
                offset += loss._spec.LabelWidth;
            }
            w.Line();
            w.Line($"double loss = {string.Join(" + ", terms)};");
            if (layers.Any(layer => layer.HasPenalties))
            {
                w.Line("// Regularization penalties: Keras adds them to the loss that fit, evaluate and the gradients see.");
                foreach (LayerEmitter layer in layers) layer.EmitPenalties(w);
            }
            w.Line("return loss;");
        }
    }

    /// <summary>Defines <c>d{n}</c> of output <c>k</c> of several in <c>BackwardCore</c>: its loss gradient, times its weight.</summary>
    public void EmitGradient(IndentedSourceWriter w, int labelWidth, int labelOffset)
    {
        w.Line($"// {_spec!.Name}'s loss: {Describe()}, weight {Literals.Double(_spec.Weight)}");
        EmitLabelSlice(w, labelWidth, labelOffset);
        EmitGradientCall(w);
        if (_spec.Weight != 1.0)
            w.Line($"Merge.Scale(d{_n}, d{_n}, {Literals.Float(_spec.Weight)}); // the loss weight");
    }

    /// <summary>Defines <c>d{n}</c> in <c>BackwardCore</c>.</summary>
    public void EmitGradient(IndentedSourceWriter w)
    {
        w.Line($"// loss: {Describe()}");
        EmitGradientCall(w);
        w.Line($"ApplySampleWeights(d{_n}, {_units}); // scales each row by its class weight; nothing without Fit's classWeight");
    }

    private void EmitGradientCall(IndentedSourceWriter w)
    {
        w.Line($"Span<float> d{_n} = {Slice(_gradientField)};");
        string probabilities = OfSeveral ? "probabilities" + _k : "probabilities";
        switch (_loss.Input)
        {
            case LossInput.FusedActivationLogits:
                w.Line($"Losses.{Function}FromLogitsGradient(d{_n}, a{_n}, {Labels}{ExtraArguments});");
                break;
            case LossInput.OutputLogits:
                w.Line($"Span<float> {probabilities} = {Slice(ProbabilityBuffer)};");
                if (Categorical)
                    w.Line($"Activations.Softmax(a{_n}, {probabilities}, {_units});");
                else
                {
                    w.Line($"a{_n}.CopyTo({probabilities});");
                    w.Line($"Activations.Sigmoid({probabilities});");
                }
                w.Line($"Losses.{Function}FromLogitsGradient(d{_n}, {probabilities}, {Labels}{ExtraArguments});");
                break;
            default:
                w.Line($"Losses.{Function}Gradient(d{_n}, a{_n}, {Labels}{ExtraArguments});");
                break;
        }
    }
}
