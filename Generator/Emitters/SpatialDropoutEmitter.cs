using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// SpatialDropout1D/2D: Dropout's seeded keep-mask, drawn once per sample and channel and broadcast over the
/// positions, in training; the identity (a view) at inference.
/// </summary>
internal sealed class SpatialDropoutEmitter : LayerEmitter
{
    private readonly SpatialDropoutSpec _dropout;

    public SpatialDropoutEmitter(LayerPlan plan) : base(plan) => _dropout = (SpatialDropoutSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    /// <summary>At inference the output is a view of the input, so the buffer holds stale values.</summary>
    public override string? OutputBufferInBothModes => null;

    private string Mask => $"_L{I}_Mask";

    private int Channels => _dropout.Channels;

    /// <summary>The kernels' size arguments: batch, positions per sample, channels.</summary>
    private string Sizes => $"batch, positions: {OutSize / Channels}, channels: {Channels}";

    public override string ActivationExpression =>
        Plan.InferenceOnly ? InProperty() : $"_training ? {OutputBuffer}.AsSpan(0, _batch * {OutSize}) : {InProperty()}";

    public override void DeclareBuffers(BufferList buffers)
    {
        if (Plan.InferenceOnly) return; // the identity: no output or mask of its own
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output in training {Layer.OutputShape.WithBatch}");
        buffers.Add(Mask, Channels, $"{Layer.Name} keep-mask per sample and channel: 1/(1 - rate) or 0");
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
            w.Line($"Span<float> mask = {Slice(Mask, Channels)}; // whole channels are dropped: one value per sample and channel");
            w.Line($"Span<float> dropped = {Slice(OutputBuffer, OutSize)};");
            w.Line($"DrawDropoutMask({I}, mask, {Literals.Float(_dropout.Rate)});");
            w.Line($"SpatialDropout.Forward(dropped, {In()}, mask, {Sizes});");
            w.Line($"a{I} = dropped;");
        }
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (!NeedsGradientOf(0)) return;
        w.Line($"SpatialDropout.Backward(d{I}, d{I}, {Slice(Mask, Channels)}, {Sizes});");
        PassInputGradient(w, 0, $"d{I}");
    }
}
