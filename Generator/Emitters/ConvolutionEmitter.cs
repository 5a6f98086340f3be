using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Conv1D / Conv2D: forward y = act(conv(x, W) + b) as implicit GEMM over the (padded) input; backward through the
/// activation, then dW = Pᵀ·dY, db = Σ dY, and dx as the forward convolution of dY — spread into a zero-bordered
/// (and, for strides, zero-dilated) buffer — with the kernel flipped and transposed.
/// </summary>
internal sealed class ConvolutionEmitter : LayerEmitter
{
    private readonly ConvolutionSpec _conv;
    private readonly ConvolutionGeometry _g;

    public ConvolutionEmitter(LayerPlan plan) : base(plan)
    {
        _conv = (ConvolutionSpec)plan.Layer;
        _g = _conv.Geometry!;
    }

    public override string OutputBuffer => $"_L{I}_Out";

    /// <summary>The pre-activation, kept when the activation's backward reads its input (GELU, swish).</summary>
    private string? PreActivationBuffer => BackwardReadsInput(_conv.Activation) && !Plan.InferenceOnly ? $"_L{I}_Z" : null;

    private string PaddedBuffer => $"_L{I}_Padded";

    private string SpreadBuffer => $"_L{I}_dSpread";

    private string FlippedKernel => $"_L{I}_WFlipped";

    /// <summary>The forward product's geometry and kernel class.</summary>
    public ConvolutionGeometry Geometry => _g;

    public bool UseBias => _conv.UseBias;

    private string Kernel => "Kernels." + ConvolutionKernelEmitter.NameOf(_g, _conv.UseBias);

    /// <summary>
    /// The input gradient's geometry: dY placed at stride steps inside maps bordered by (k − 1)·d − pad zeros (the
    /// full correlation), convolved with stride 1 and the same dilation into the input's (h, w, in).
    /// </summary>
    public ConvolutionGeometry InputGradientGeometry => new(
        _g.InputHeight + (_g.KernelHeight - 1) * _g.DilationHeight, _g.InputWidth + (_g.KernelWidth - 1) * _g.DilationWidth, _g.Filters, _g.Channels,
        _g.KernelHeight, _g.KernelWidth, 1, 1, _g.DilationHeight, _g.DilationWidth, 0, 0, _g.InputHeight, _g.InputWidth);

    /// <summary>Whether dY can be the input gradient's convolution input as it is (1 × 1 kernels, unit strides, no padding).</summary>
    private bool SpreadsGradient => !(InputGradientGeometry.InputHeight == _g.OutputHeight && InputGradientGeometry.InputWidth == _g.OutputWidth
        && _g.StrideHeight == 1 && _g.StrideWidth == 1);

    private string InputGradientKernel => "Kernels." + ConvolutionKernelEmitter.NameOf(InputGradientGeometry, useBias: false);

    private int Weights => _g.KernelRows * _g.Filters;

    private int PaddedSize => _g.PaddedHeight * _g.PaddedWidth * _g.Channels;

    private int SpreadSize => InputGradientGeometry.InputHeight * InputGradientGeometry.InputWidth * _g.Filters;

    private bool Parallel => Plan.SplitsOverThreads;

    private string ForwardTask => $"L{I}Forward";

    private string WeightsTask => $"L{I}BackwardWeights";

    private string InputTask => $"L{I}BackwardInput";

    public override string[] Tasks => !Parallel ? System.Array.Empty<string>()
        : NeedsGradientOf(0) ? new[] { ForwardTask, WeightsTask, InputTask } : new[] { ForwardTask, WeightsTask };

    public override string[] ForwardTasks => Parallel ? new[] { ForwardTask } : System.Array.Empty<string>();

    private string Weight(string parameters = "parameters") => $"{parameters}.Slice(Layout.L{I}_W, {Weights})";

    private string Bias(string parameters = "parameters") => $"{parameters}.Slice(Layout.L{I}_B, {_g.Filters})";

    public override void DeclareBuffers(BufferList buffers)
    {
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");
        if (PreActivationBuffer is not null)
            buffers.Add(PreActivationBuffer, OutSize, $"{Layer.Name} pre-activation {Layer.OutputShape.WithBatch}, read by {_conv.Activation.ToString().ToLowerInvariant()}'s backward");
        if (_g.IsPadded)
            buffers.Add(PaddedBuffer, PaddedSize, $"{Layer.Name} input with its zero border (B, {_g.PaddedHeight}, {_g.PaddedWidth}, {_g.Channels}); the border stays zero");
        if (NeedsGradientOf(0) && SpreadsGradient)
            buffers.Add(SpreadBuffer, SpreadSize, $"{Layer.Name} output gradient spread into (B, {InputGradientGeometry.InputHeight}, {InputGradientGeometry.InputWidth}, {_g.Filters}) for dx; the rest stays zero");
    }

    public override bool HasFields => NeedsGradientOf(0);

    public override void EmitFields(IndentedSourceWriter w)
    {
        if (NeedsGradientOf(0))
            w.Line($"private readonly float[] {FlippedKernel} = new float[{Weights}]; // {Layer.Name}'s kernel rotated 180° and transposed per tap, for dx");
    }

    /// <summary>The input as the product reads it: the padded copy, or the input itself.</summary>
    private string ProductInput => _g.IsPadded ? Slice(PaddedBuffer, PaddedSize) : In();

    private string ProductInputProperty => _g.IsPadded ? $"{PaddedBuffer}.AsSpan(0, _batch * {PaddedSize})" : InProperty();

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        if (_g.IsPadded)
            w.Line($"Convolution.Spread({Slice(PaddedBuffer, PaddedSize)}, {In()}, batch, {_g.InputHeight}, {_g.InputWidth}, {_g.Channels}, {_g.PaddedHeight}, {_g.PaddedWidth}, {_g.PadTop}, {_g.PadLeft}, 1, 1); // same padding: the input inside its zero border");
        string target = PreActivationBuffer is null ? $"a{I}" : $"z{I}";
        if (PreActivationBuffer is not null)
        {
            w.Line($"// Keep the pre-activation: {_conv.Activation.ToString().ToLowerInvariant()}'s derivative is a function of its input.");
            w.Line($"Span<float> z{I} = {Slice(PreActivationBuffer, OutSize)};");
        }
        if (Parallel)
            w.Line($"RunParallel(Tasks.{ForwardTask}, (long)batch * {Layer.MultiplyAddsPerSample}); // {Kernel}.Forward into {(PreActivationBuffer ?? OutputBuffer)}, split by output rows");
        else
            w.Line($"{Kernel}.Forward({target}, {ProductInput}, {Weight()}" + (_conv.UseBias ? ", " + Bias() : "") + ", batch);");
        if (PreActivationBuffer is not null) w.Line($"z{I}.CopyTo(a{I});");
        string? activation = ActivationCall(_conv.Activation, $"a{I}", _g.Filters);
        if (activation is not null) w.Line(activation);
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (_conv.ActivityRegularizer is { } activity)
        {
            w.Line($"// activity regularizer {activity.Describe()} on a{I}, divided by the batch size as Keras does");
            static string PerSample(double factor) => factor == 0 ? "0f" : Literals.Float(factor) + " / batch";
            w.Line($"Regularizers.AddPenaltyGradient(d{I}, a{I}, {PerSample(activity.L1)}, {PerSample(activity.L2)});");
        }
        if (PreActivationBuffer is not null)
            w.Line($"ReadOnlySpan<float> z{I} = {Slice(PreActivationBuffer, OutSize)};");
        string? backward = ActivationBackwardCall(_conv.Activation, $"d{I}", $"a{I}", $"z{I}", _g.Filters);
        if (backward is not null) w.Line(backward);
        if (Parallel)
            w.Line($"RunParallel(Tasks.{WeightsTask}, (long)batch * {Layer.MultiplyAddsPerSample}); // {Kernel}.BackwardWeights, split by rows of dW");
        else
            w.Line($"{Kernel}.BackwardWeights(gradients.Slice(Layout.L{I}_W, {Weights})" + (_conv.UseBias ? $", gradients.Slice(Layout.L{I}_B, {_g.Filters})" : "")
                + $", {ProductInput}, d{I}, batch);");
        if (_conv.KernelRegularizer is { } kernel)
            w.Line($"Regularizers.AddPenaltyGradient(gradients.Slice(Layout.L{I}_W, {Weights}), {Weight()}, {Literals.Float(kernel.L1)}, {Literals.Float(kernel.L2)}); // kernel regularizer {kernel.Describe()}");
        if (_conv.BiasRegularizer is { } bias)
            w.Line($"Regularizers.AddPenaltyGradient(gradients.Slice(Layout.L{I}_B, {_g.Filters}), {Bias()}, {Literals.Float(bias.L1)}, {Literals.Float(bias.L2)}); // bias regularizer {bias.Describe()}");
        if (!NeedsGradientOf(0)) return;

        ConvolutionGeometry t = InputGradientGeometry;
        w.Line($"// dx = dY, {(SpreadsGradient ? "spread into its zero border, " : "")}convolved with the kernel rotated 180° and transposed per tap");
        w.Line($"Convolution.FlipKernel({FlippedKernel}, {Weight()}, {_g.KernelHeight}, {_g.KernelWidth}, {_g.Channels}, {_g.Filters});");
        if (SpreadsGradient)
        {
            int top = (_g.KernelHeight - 1) * _g.DilationHeight - _g.PadTop, left = (_g.KernelWidth - 1) * _g.DilationWidth - _g.PadLeft;
            w.Line($"Convolution.Spread({Slice(SpreadBuffer, SpreadSize)}, d{I}, batch, {_g.OutputHeight}, {_g.OutputWidth}, {_g.Filters}, {t.InputHeight}, {t.InputWidth}, {top}, {left}, {_g.StrideHeight}, {_g.StrideWidth});");
        }
        string dx = BeginInputGradient(w, 0);
        if (Parallel)
            w.Line($"RunParallel(Tasks.{InputTask}, (long)batch * {Layer.MultiplyAddsPerSample}); // {InputGradientKernel}.Forward into {dx}, split by rows of dx");
        else
            w.Line($"{InputGradientKernel}.Forward({dx}, {(SpreadsGradient ? Slice(SpreadBuffer, SpreadSize) : $"d{I}")}, {FlippedKernel}, batch);");
        EndInputGradient(w, 0);
    }

    public override void EmitTask(IndentedSourceWriter w, string task)
    {
        string gradient = $"{OutputGradientField}.AsSpan(0, _batch * {OutSize})";
        if (task == ForwardTask)
        {
            string target = PreActivationBuffer ?? OutputBuffer;
            w.Line($"(int start, int count) = Partition(_batch * {_g.OutputHeight}, part, parts, 1); // output rows");
            w.Line($"{Kernel}.Forward({target}.AsSpan(0, _batch * {OutSize}), {ProductInputProperty}, {Weight("Parameters")}"
                + (_conv.UseBias ? $", {Bias("Parameters")}" : "") + ", _batch, start, start + count);");
        }
        else if (task == WeightsTask)
        {
            w.Line($"(int start, int count) = Partition({Kernel}.WeightTiles, part, parts, 1); // row tiles of dW");
            w.Line($"{Kernel}.BackwardWeights(GradientBuffer.Slice(Layout.L{I}_W, {Weights})" + (_conv.UseBias ? $", GradientBuffer.Slice(Layout.L{I}_B, {_g.Filters})" : "")
                + $", {ProductInputProperty}, {gradient}, _batch, start, start + count);");
        }
        else
        {
            ConvolutionGeometry t = InputGradientGeometry;
            string source = SpreadsGradient ? $"{SpreadBuffer}.AsSpan(0, _batch * {SpreadSize})" : gradient;
            w.Line($"(int start, int count) = Partition(_batch * {t.OutputHeight}, part, parts, 1); // rows of dx");
            w.Line($"{InputGradientKernel}.Forward({InputGradientTarget(0)}.AsSpan(0, _batch * {InSize}), {source}, {FlippedKernel}, _batch, start, start + count);");
        }
    }

    public override bool HasPenalties => _conv.KernelRegularizer is not null || _conv.BiasRegularizer is not null || _conv.ActivityRegularizer is not null;

    public override void EmitPenalties(IndentedSourceWriter w)
    {
        if (_conv.KernelRegularizer is { } kernel)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_W, {Weights}), {Literals.Double(kernel.L1)}, {Literals.Double(kernel.L2)}); // {Layer.Name}/kernel: {kernel.Describe()}");
        if (_conv.BiasRegularizer is { } bias)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_B, {_g.Filters}), {Literals.Double(bias.L1)}, {Literals.Double(bias.L2)}); // {Layer.Name}/bias: {bias.Describe()}");
        if (_conv.ActivityRegularizer is { } activity)
            w.Line($"loss += Regularizers.Penalty({OutputBuffer}.AsSpan(0, batch * {OutSize}), {Literals.Double(activity.L1)}, {Literals.Double(activity.L2)}) / batch; // {Layer.Name} activity: {activity.Describe()}");
    }
}
