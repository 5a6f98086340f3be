using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>ZeroPadding1D/2D: the input's rows copied inside a zeroed buffer; backward copies the inner rows of d{i} back.</summary>
internal sealed class ZeroPaddingEmitter : LayerEmitter
{
    private readonly ZeroPaddingSpec _padding;

    public ZeroPaddingEmitter(LayerPlan plan) : base(plan) => _padding = (ZeroPaddingSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    /// <summary>The kernels' size arguments: batch, height, width, channels, top, bottom, left, right.</summary>
    private string Sizes
    {
        get
        {
            ZeroPaddingSpec p = _padding;
            int height = p.SpatialRank == 2 ? p.InputShape.Dimensions[0] : 1, width = p.InputShape.Dimensions[p.SpatialRank - 1];
            return $"batch, height: {height}, width: {width}, channels: {p.InputShape.Last}, top: {p.Top}, bottom: {p.Bottom}, left: {p.Left}, right: {p.Right}";
        }
    }

    public override void DeclareBuffers(BufferList buffers) =>
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        w.Line($"ZeroPadding.Forward(a{I}, {In()}, {Sizes});");
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (!NeedsGradientOf(0)) return;
        string dx = BeginInputGradient(w, 0);
        w.Line($"ZeroPadding.Backward({dx}, d{I}, {Sizes}); // the padding's gradient goes nowhere");
        EndInputGradient(w, 0);
    }
}
