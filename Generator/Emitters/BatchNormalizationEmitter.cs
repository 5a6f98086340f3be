using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// BatchNormalization: per-channel statistics over every row of the last axis (the batch after Dense; B·H·W for
/// feature maps), computed by <c>NetGen.Kernels.BatchNormalization</c> over channel slices, so the threads split the
/// channels and each channel is reduced by one thread in a fixed order. Training: batch statistics, the moving
/// statistics updated in the same pass, x̂ kept for backward; inference and frozen layers: the moving statistics.
/// The backward pass works in place on d{i}.
/// </summary>
internal sealed class BatchNormalizationEmitter : LayerEmitter
{
    private readonly BatchNormalizationSpec _bn;

    public BatchNormalizationEmitter(LayerPlan plan) : base(plan) => _bn = (BatchNormalizationSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    private string XHat => $"_L{I}_XHat";

    private string Mean => $"_L{I}_Mean";

    private string InvStd => $"_L{I}_InvStd";

    private int C => _bn.Channels;

    private string ForwardTask => $"L{I}Forward";

    private string BackwardTask => $"L{I}Backward";

    private bool HasBackward => _bn.Trainable || NeedsGradientOf(0);

    public override string[] Tasks => HasBackward ? new[] { ForwardTask, BackwardTask } : new[] { ForwardTask };

    public override string[] ForwardTasks => new[] { ForwardTask };

    /// <summary>The rows one channel is reduced over, for the current batch.</summary>
    private string Rows => _bn.RowsPerSample == 1 ? "_batch" : $"_batch * {_bn.RowsPerSample}";

    private string Gamma => _bn.Scale ? $"Parameters.Slice(Layout.L{I}_Gamma, {C})" : "ReadOnlySpan<float>.Empty";

    private string Beta => _bn.Center ? $"Parameters.Slice(Layout.L{I}_Beta, {C})" : "ReadOnlySpan<float>.Empty";

    private string MovingMean => $"Parameters.Slice(Layout.L{I}_MovingMean, {C})";

    private string MovingVariance => $"Parameters.Slice(Layout.L{I}_MovingVariance, {C})";

    /// <summary>Whether the layer normalizes with batch statistics in training (trainable and not in an inference-only network).</summary>
    private bool UsesBatchStatistics => _bn.Trainable && !Plan.InferenceOnly;

    public override void DeclareBuffers(BufferList buffers)
    {
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");
        if (UsesBatchStatistics)
            buffers.Add(XHat, OutSize, $"{Layer.Name} normalized input x̂ of the training pass, for backward");
    }

    public override bool HasFields => true;

    public override void EmitFields(IndentedSourceWriter w)
    {
        if (UsesBatchStatistics)
        {
            w.Line($"// {Layer.Name}: the statistics of the last forward pass, one per channel: the batch mean (training) and");
            w.Line("// 1/√(σ² + ε) of the batch (training) or of the moving variance (inference).");
            w.Line($"private readonly float[] {Mean} = new float[{C}];");
        }
        else
            w.Line($"// {Layer.Name} ({(Plan.InferenceOnly ? "inference only" : "frozen")}): 1/√(moving variance + ε) per channel, in both modes.");
        w.Line($"private readonly float[] {InvStd} = new float[{C}];");
    }

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        string what = UsesBatchStatistics
            ? "training: batch statistics, moving statistics updated; inference: moving statistics"
            : Plan.InferenceOnly ? "moving statistics" : "frozen: moving statistics in both modes";
        w.Line($"RunParallel(Tasks.{ForwardTask}, (long)batch * {OutSize} * 4); // BatchNormalization over channel slices ({what})");
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        string what = _bn.Trainable
            ? "dγ, dβ" + (NeedsGradientOf(0) ? $" and {InputGradient(0).Local} through the batch statistics" : "")
            : $"{InputGradient(0).Local} = d{I}·γ/√(moving variance + ε)";
        w.Line($"RunParallel(Tasks.{BackwardTask}, (long)batch * {OutSize} * 4); // {what}, over channel slices");
        if (NeedsGradientOf(0))
            PassInputGradient(w, 0, $"d{I}", " // computed in place");
    }

    public override void EmitTask(IndentedSourceWriter w, string task)
    {
        // The kernel class is fully qualified: "BatchNormalization" is a natural name for a user's namespace or class.
        // Slices start at multiples of 16 channels, so each channel takes the same SIMD path for any thread count.
        w.Line($"(int start, int count) = Partition({C}, part, parts, 16);");
        if (task == ForwardTask)
        {
            w.Line($"Span<float> output = {OutputBuffer}.AsSpan(0, _batch * {OutSize});");
            if (UsesBatchStatistics)
            {
                using (w.Block("if (_training)"))
                {
                    w.Line($"global::NetGen.Kernels.BatchNormalization.BatchStatistics({Mean}, {InvStd}, {MovingMean}, {MovingVariance}, {InProperty()}, {Rows}, {C}, "
                        + $"epsilon: {Literals.Float(_bn.Epsilon)}, decay: {Literals.Float(1 - _bn.Momentum)}, start, start + count"
                        + (_bn.BesselCorrectedMovingVariance ? ", besselCorrection: true); // the moving variance takes n/(n − 1)·σ², as tf.keras's fused kernel for maps" : ");"));
                    w.Line($"global::NetGen.Kernels.BatchNormalization.Normalize(output, {XHat}.AsSpan(0, _batch * {OutSize}), {InProperty()}, {Mean}, {InvStd}, {Gamma}, {Beta}, {Rows}, {C}, start, start + count);");
                }
                using (w.Block("else"))
                    EmitInferenceForward(w);
            }
            else
                EmitInferenceForward(w);
            return;
        }

        w.Line($"Span<float> dy = {OutputGradientField}.AsSpan(0, _batch * {OutSize});");
        if (_bn.Trainable)
        {
            string dGamma = _bn.Scale ? $"GradientBuffer.Slice(Layout.L{I}_Gamma, {C})" : "Span<float>.Empty";
            string dBeta = _bn.Center ? $"GradientBuffer.Slice(Layout.L{I}_Beta, {C})" : "Span<float>.Empty";
            string dx = NeedsGradientOf(0) ? "dy" : "Span<float>.Empty";
            w.Line($"global::NetGen.Kernels.BatchNormalization.Backward({dx}, {dGamma}, {dBeta}, dy, {XHat}.AsSpan(0, _batch * {OutSize}), {Gamma}, {InvStd}, {Rows}, {C}, start, start + count);");
        }
        else
            w.Line($"global::NetGen.Kernels.BatchNormalization.BackwardFrozen(dy, dy, {Gamma}, {InvStd}, {Rows}, {C}, start, start + count);");
    }

    private void EmitInferenceForward(IndentedSourceWriter w)
    {
        w.Line($"global::NetGen.Kernels.BatchNormalization.InferenceStatistics({InvStd}, {MovingVariance}, epsilon: {Literals.Float(_bn.Epsilon)}, start, start + count);");
        w.Line($"global::NetGen.Kernels.BatchNormalization.Normalize(output, Span<float>.Empty, {InProperty()}, {MovingMean}, {InvStd}, {Gamma}, {Beta}, {Rows}, {C}, start, start + count);");
    }
}
