using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>Dropout: a seeded keep-mask scaled by 1/(1 − rate) in training; the identity (a view) at inference.</summary>
internal sealed class DropoutEmitter : LayerEmitter
{
    private readonly DropoutSpec _dropout;

    public DropoutEmitter(LayerPlan plan) : base(plan) => _dropout = (DropoutSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    /// <summary>At inference the output is a view of the input, so the buffer holds stale values.</summary>
    public override string? OutputBufferInBothModes => null;

    private string Mask => $"_L{I}_Mask";

    public override string ActivationExpression =>
        Plan.InferenceOnly ? InProperty() : $"_training ? {OutputBuffer}.AsSpan(0, _batch * {OutSize}) : {InProperty()}";

    public override void DeclareBuffers(BufferList buffers)
    {
        if (Plan.InferenceOnly) return; // the identity: no output or mask of its own
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output in training {Layer.OutputShape.WithBatch}");
        buffers.Add(Mask, OutSize, $"{Layer.Name} keep-mask: 1/(1 - rate) or 0");
    }

    public override void EmitForward(IndentedSourceWriter w)
    {
        if (Plan.InferenceOnly)
        {
            w.Line($"ReadOnlySpan<float> a{I} = {In()}; // the identity: an inference-only network never trains");
            return;
        }
        w.Line($"ReadOnlySpan<float> a{I} = {In()}; // identity at inference");
        using (w.Block("if (training)"))
        {
            w.Line($"Span<float> mask = {Slice(Mask, OutSize)};");
            w.Line($"Span<float> dropped = {Slice(OutputBuffer, OutSize)};");
            w.Line($"DrawDropoutMask({I}, mask, {Literals.Float(_dropout.Rate)});");
            w.Line($"Dropout.Forward(dropped, {In()}, mask);");
            w.Line($"a{I} = dropped;");
        }
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (!NeedsGradientOf(0)) return;
        w.Line($"Dropout.Backward(d{I}, d{I}, {Slice(Mask, OutSize)});");
        PassInputGradient(w, 0, $"d{I}");
    }
}
