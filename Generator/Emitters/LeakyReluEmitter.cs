using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>The LeakyReLU layer: x if x &gt; 0 else α·x into its own buffer; the derivative (1 or α) in place in backward.</summary>
internal sealed class LeakyReluEmitter : LayerEmitter
{
    private readonly LeakyReluSpec _leakyRelu;

    public LeakyReluEmitter(LayerPlan plan) : base(plan) => _leakyRelu = (LeakyReluSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    private string Alpha => Literals.Float(_leakyRelu.Alpha);

    public override void DeclareBuffers(BufferList buffers) =>
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        w.Line($"Activations.LeakyRelu({In()}, a{I}, {Alpha});");
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (!NeedsGradientOf(0)) return;
        w.Line($"Activations.LeakyReluBackward(d{I}, a{I}, {Alpha});");
        PassInputGradient(w, 0, $"d{I}");
    }
}
