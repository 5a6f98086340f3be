using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>The Activation layer: the function over its own buffer, and its derivative in place in backward.</summary>
internal sealed class ActivationEmitter : LayerEmitter
{
    private readonly ActivationLayerSpec _activation;

    public ActivationEmitter(LayerPlan plan) : base(plan) => _activation = (ActivationLayerSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    public override string? LogitsBuffer => _activation.FusedWithLoss ? $"_L{I}_Logits" : null;

    private int Units => Layer.OutputShape.Last;

    public override void DeclareBuffers(BufferList buffers)
    {
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");
        if (LogitsBuffer is not null)
            buffers.Add(LogitsBuffer, OutSize, $"{Layer.Name} input kept as logits for the fused loss");
    }

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        if (LogitsBuffer is not null) w.Line($"{In()}.CopyTo({Slice(LogitsBuffer, OutSize)});");
        if (_activation.Activation == ActivationKind.Softmax)
        {
            w.Line($"Activations.Softmax({In()}, a{I}, {Units});");
            return;
        }
        w.Line($"{In()}.CopyTo(a{I});");
        string? call = ActivationCall(_activation.Activation, $"a{I}", Units);
        if (call is not null) w.Line(call);
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (!NeedsGradientOf(0)) return;
        if (_activation.FusedWithLoss)
            w.Line($"// d{I} is already the gradient w.r.t. the logits: the loss fused this activation's derivative");
        else
        {
            string? call = ActivationBackwardCall(_activation.Activation, $"d{I}", $"a{I}", $"{In()}", Units);
            if (call is not null) w.Line(call);
        }
        PassInputGradient(w, 0, $"d{I}");
    }
}
