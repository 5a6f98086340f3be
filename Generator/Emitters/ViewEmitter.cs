using NetGen.Generator.Helpers;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Flatten and Reshape: row-major (channels-last) data keeps its order under both, so both passes are views of the
/// input's buffer and nothing is computed.
/// </summary>
internal sealed class ViewEmitter : LayerEmitter
{
    public ViewEmitter(LayerPlan plan) : base(plan) { }

    public override string? OutputBuffer => null;

    public override void DeclareBuffers(BufferList buffers) { }

    public override void EmitForward(IndentedSourceWriter w) => w.Line($"ReadOnlySpan<float> a{I} = {In()}; // a view: nothing to compute");

    public override void EmitSavedActivation(IndentedSourceWriter w) => w.Line($"ReadOnlySpan<float> a{I} = {In()};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (NeedsGradientOf(0)) PassInputGradient(w, 0, $"d{I}", " // a view");
    }
}
