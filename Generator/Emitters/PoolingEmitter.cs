using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// The pooling layers over the <c>NetGen.Kernels.Pooling</c> kernels, with the layer's geometry as a constant field.
/// Max pooling keeps the index of each window's winner for the backward pass, which scatters d{i} to them; average
/// pooling spreads d{i} over each window's real cells. Both write the whole input gradient (windows may overlap).
/// </summary>
internal sealed class PoolingEmitter : LayerEmitter
{
    private readonly PoolingSpec _pooling;

    public PoolingEmitter(LayerPlan plan) : base(plan) => _pooling = (PoolingSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    private string Argmax => $"_L{I}_Argmax";

    private string Geometry => $"L{I}_Pool";

    private bool IsMax => _pooling.Kind == PoolKind.Max;

    public override void DeclareBuffers(BufferList buffers)
    {
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");
        if (IsMax) buffers.AddInts(Argmax, OutSize, $"{Layer.Name}: the index in the batch's input of each output's maximum, for backward");
    }

    public override bool HasFields => true;

    public override void EmitFields(IndentedSourceWriter w)
    {
        PoolingSpec p = _pooling;
        string what = p.Global
            ? $"one window over the whole {p.InputHeight}x{p.InputWidth} input"
            : $"{p.PoolHeight}x{p.PoolWidth} windows every {p.StrideHeight}x{p.StrideWidth}, padding {p.Padding.ToString().ToLowerInvariant()} ({p.PadTop} row(s) above, {p.PadLeft} column(s) left)";
        w.Line($"// {Layer.Name}: {what}.");
        w.Line($"private static readonly PoolGeometry {Geometry} = new(height: {p.InputHeight}, width: {p.InputWidth}, channels: {p.Channels}, "
            + $"poolHeight: {p.WindowHeight}, poolWidth: {p.WindowWidth}, strideHeight: {p.WindowStrideHeight}, strideWidth: {p.WindowStrideWidth}, "
            + $"padTop: {p.PadTop}, padLeft: {p.PadLeft}, outputHeight: {p.OutputHeight}, outputWidth: {p.OutputWidth});");
    }

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        if (IsMax)
            w.Line($"Pooling.MaxForward(a{I}, {Argmax}.AsSpan(0, batch * {OutSize}), {In()}, batch, {Geometry});");
        else
            w.Line($"Pooling.AverageForward(a{I}, {In()}, batch, {Geometry});");
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (!NeedsGradientOf(0)) return;
        string dx = BeginInputGradient(w, 0);
        if (IsMax)
            w.Line($"Pooling.MaxBackward({dx}, d{I}, {Argmax}.AsSpan(0, batch * {OutSize}), batch, {Geometry}); // each window's gradient to its maximum");
        else
            w.Line($"Pooling.AverageBackward({dx}, d{I}, batch, {Geometry}); // each window's gradient shared by its cells");
        EndInputGradient(w, 0);
    }
}
