using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>Flatten: row-major (channels-last) data is already flat in memory, so both passes are views.</summary>
internal sealed class FlattenEmitter : LayerEmitter
{
    public FlattenEmitter(FlattenSpec flatten) : base(flatten) { }

    public override string? OutputBuffer => null;

    public override void DeclareBuffers(BufferList buffers) { }

    public override void EmitForward(IndentedSourceWriter w) => w.Line($"ReadOnlySpan<float> a{I} = a{I - 1}; // a view: nothing to compute");

    public override void EmitSavedActivation(IndentedSourceWriter w) => w.Line($"ReadOnlySpan<float> a{I} = a{I - 1};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (Layer.NeedsInputGradient) w.Line($"Span<float> d{I - 1} = d{I}; // a view");
    }
}
