using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>Dense: forward y = act(x·W + b); backward through the activation, then dW, db and dx.</summary>
internal sealed class DenseEmitter : LayerEmitter
{
    private readonly DenseSpec _dense;

    public DenseEmitter(LayerPlan plan) : base(plan) => _dense = (DenseSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    public override string? LogitsBuffer => _dense.FusedWithLoss ? $"_L{I}_Logits" : null;

    /// <summary>The buffer that keeps x·W + b before the activation: the fused loss's logits, or the input GELU/swish's backward reads.</summary>
    private string? PreActivationBuffer => LogitsBuffer ?? (BackwardReadsInput(_dense.Activation) && !Plan.InferenceOnly ? $"_L{I}_Z" : null);


    private string Kernel => "Kernels." + _dense.KernelName;

    private int Weights => _dense.InputUnits * _dense.Units;

    /// <summary>
    /// The product's rows for <paramref name="samples"/> samples: one per sample for a flat input, one per position for a
    /// sequence or a map (Keras applies Dense to the last axis), so <c>batch</c> becomes <c>batch * 28</c>.
    /// </summary>
    private string Rows(string samples) => _dense.RowsPerSample == 1 ? samples : $"{samples} * {_dense.RowsPerSample}";

    /// <summary>The multiply-adds of a batch, for the thread split.</summary>
    private string Work(bool bothProducts = false) =>
        (bothProducts ? "2L * batch * " : "(long)batch * ") + ((long)Weights * _dense.RowsPerSample).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the products split over threads (when the batch makes it worth it): the plan's rule, by multiply-adds.</summary>
    private bool Parallel => Plan.SplitsOverThreads;

    /// <summary>
    /// Whether the products also have a split by blocks of input features (rows of W), used at small batches. Only a
    /// first layer can (<see cref="LayerPlan.MayReadInputSplit"/>): it needs no dx, so each core then reads and writes
    /// nothing but its own rows of W, of dW and of the optimizer state, and these stay in its cache across steps. The W
    /// must start the flat buffer (it does: no trainable layer comes before) and fill whole 16-float vectors, so the
    /// optimizer's slices stay aligned. And the layer must do at least half of the network's multiply-adds
    /// (<see cref="LayerPlan.CarriesMostOfTheWork"/>): in a deep network whose first layer is a small part of the step,
    /// the second core would wait (and fall asleep) through the rest of it, and each hand-off would wake it (measured
    /// on the 20-layer network at batch 32: slower than one core).
    /// </summary>
    public bool SplitsByInput => Parallel && Plan.CarriesMostOfTheWork && Plan.MayReadInputSplit && !NeedsGradientOf(0)
        && Layer.TrainableParameterCount == Layer.ParameterCount && Weights % 16 == 0;

    /// <summary>The layer's input width and units: for the optimizer's split of the same rows, the transposed kernel and the weight share.</summary>
    public (int Inputs, int Units) Shape => (_dense.InputUnits, _dense.Units);

    /// <summary>
    /// Whether dx = dy·Wᵀ runs as the forward product of the transposed shape (OUT → IN, no bias) over a transposed
    /// copy of W. For a layer narrower than one Vector512 (a 10-class output), BackwardInput would reduce a dot
    /// product of OUT terms per input, mostly horizontal sums; the transposed forward product instead broadcasts each
    /// dy and runs full vectors along IN (128 → 10 at batch 32: 4.7 → about 1 µs).
    /// </summary>
    public bool TransposesForInputGradient => NeedsGradientOf(0) && !Parallel && _dense.Units < 16 && _dense.InputUnits >= 16;

    /// <summary>The kernel class of the transposed product (OUT → IN, no bias), when <see cref="TransposesForInputGradient"/>.</summary>
    public string TransposedKernelName => $"Dense_{_dense.Units}x{_dense.InputUnits}_NoBias";

    private string TransposedWeights => $"_L{I}_WT";

    public override bool HasFields => TransposesForInputGradient;

    public override void EmitFields(IndentedSourceWriter w)
    {
        if (TransposesForInputGradient)
            w.Line($"private readonly float[] {TransposedWeights} = new float[{Weights}]; // {Layer.Name}'s kernel transposed ({_dense.Units}, {_dense.InputUnits}), for dx");
    }

    private string ForwardTask => $"L{I}Forward";

    private string ForwardBlocksTask => $"L{I}ForwardBlocks";

    private string PartialBuffer => $"_L{I}_Partial";

    private string WeightsTask => $"L{I}BackwardWeights";

    /// <summary>Both products of dy at once: dW and dx read the same dy and nothing of each other, so they run side by side.</summary>
    private string BackwardTask => $"L{I}Backward";

    public override string[] Tasks => !Parallel ? System.Array.Empty<string>()
        : NeedsGradientOf(0) ? new[] { ForwardTask, BackwardTask }
        : SplitsByInput ? new[] { ForwardTask, ForwardBlocksTask, WeightsTask } : new[] { ForwardTask, WeightsTask };

    public override string[] ForwardTasks => !Parallel ? System.Array.Empty<string>()
        : SplitsByInput ? new[] { ForwardTask, ForwardBlocksTask } : new[] { ForwardTask };

    private string Weight => $"parameters.Slice(Layout.L{I}_W, {_dense.InputUnits * _dense.Units})";

    private string Bias => $"parameters.Slice(Layout.L{I}_B, {_dense.Units})";

    public override void DeclareBuffers(BufferList buffers)
    {
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");
        if (LogitsBuffer is not null)
            buffers.Add(LogitsBuffer, OutSize, $"{Layer.Name} logits {Layer.OutputShape.WithBatch}, read by the fused loss");
        else if (PreActivationBuffer is not null)
            buffers.Add(PreActivationBuffer, OutSize, $"{Layer.Name} pre-activation {Layer.OutputShape.WithBatch}, read by {_dense.Activation.ToString().ToLowerInvariant()}'s backward");
        if (SplitsByInput)
            buffers.Add(PartialBuffer, OutSize, $"{Layer.Name}'s second input block's partial sums, when split by input features");
    }

    public override void EmitForward(IndentedSourceWriter w)
    {
        string args = $"{In()}, {Weight}" + (_dense.UseBias ? ", " + Bias : "") + ", " + Rows("batch");
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        if (SplitsByInput)
        {
            using (w.Block("if (SplitsInput(batch))"))
            {
                string target = PreActivationBuffer ?? OutputBuffer;
                w.Line($"RunInputBlocks(Tasks.{ForwardBlocksTask}); // {Kernel}.Forward over the input blocks, into {target} and {PartialBuffer}");
                w.Line($"PartialSums.AddTo({Slice(target, OutSize)}, {Slice(PartialBuffer, OutSize)});");
            }
            w.Line("else");
            w.Line($"    RunParallel(Tasks.{ForwardTask}, {Work()}); // {Kernel}.Forward into {PreActivationBuffer ?? OutputBuffer}, split by rows");
        }
        else if (Parallel)
            w.Line($"RunParallel(Tasks.{ForwardTask}, {Work()}); // {Kernel}.Forward into {PreActivationBuffer ?? OutputBuffer}, split by rows");
        if (PreActivationBuffer is null)
        {
            if (!Parallel) w.Line($"{Kernel}.Forward(a{I}, {args});");
            string? activation = ActivationCall(_dense.Activation, $"a{I}", _dense.Units);
            if (activation is not null) w.Line(activation);
            return;
        }
        // Fused with the loss: keep the logits, which the loss reads instead of the probabilities.
        if (LogitsBuffer is null)
            w.Line($"// Keep the pre-activation: {_dense.Activation.ToString().ToLowerInvariant()}'s derivative is a function of its input.");
        w.Line($"Span<float> z{I} = {Slice(PreActivationBuffer, OutSize)};");
        if (!Parallel) w.Line($"{Kernel}.Forward(z{I}, {args});");
        if (_dense.Activation == ActivationKind.Softmax)
            w.Line($"Activations.Softmax(z{I}, a{I}, {_dense.Units});");
        else
        {
            w.Line($"z{I}.CopyTo(a{I});");
            w.Line(ActivationCall(_dense.Activation, $"a{I}", _dense.Units)!);
        }
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (_dense.ActivityRegularizer is { } activity)
        {
            w.Line($"// activity regularizer {activity.Describe()} on a{I}, divided by the batch size as Keras does");
            static string PerSample(double factor) => factor == 0 ? "0f" : Literals.Float(factor) + " / batch";
            w.Line($"Regularizers.AddPenaltyGradient(d{I}, a{I}, {PerSample(activity.L1)}, {PerSample(activity.L2)});");
        }
        if (_dense.FusedWithLoss)
            w.Line($"// d{I} is already the gradient w.r.t. the logits: the loss fused {_dense.Activation.ToString().ToLowerInvariant()}'s derivative");
        else
        {
            if (LogitsBuffer is null && PreActivationBuffer is not null)
                w.Line($"ReadOnlySpan<float> z{I} = {Slice(PreActivationBuffer, OutSize)};");
            string? backward = ActivationBackwardCall(_dense.Activation, $"d{I}", $"a{I}", $"z{I}", _dense.Units);
            if (backward is not null) w.Line(backward);
        }
        string biasGradient = _dense.UseBias ? $", gradients.Slice(Layout.L{I}_B, {_dense.Units})" : "";
        if (Parallel && NeedsGradientOf(0))
        {
            string dx = BeginInputGradient(w, 0);
            w.Line($"RunParallel(Tasks.{BackwardTask}, {Work(bothProducts: true)}); // {Kernel}.BackwardInput into {dx} beside {Kernel}.BackwardWeights, a part each");
            EndInputGradient(w, 0);
        }
        else if (SplitsByInput)
        {
            w.Line($"if (SplitsInput(batch)) RunInputBlocks(Tasks.{WeightsTask}); // {Kernel}.BackwardWeights, the rows of dW of each input block");
            w.Line($"else RunParallel(Tasks.{WeightsTask}, {Work()}); // {Kernel}.BackwardWeights, split by rows of dW");
        }
        else if (Parallel)
            w.Line($"RunParallel(Tasks.{WeightsTask}, {Work()}); // {Kernel}.BackwardWeights, split by rows of dW");
        else
            w.Line($"{Kernel}.BackwardWeights(gradients.Slice(Layout.L{I}_W, {Weights}){biasGradient}, {In()}, d{I}, {Rows("batch")});");
        if (_dense.KernelRegularizer is { } kernel)
            w.Line($"Regularizers.AddPenaltyGradient(gradients.Slice(Layout.L{I}_W, {Weights}), {Weight}, {Literals.Float(kernel.L1)}, {Literals.Float(kernel.L2)}); // kernel regularizer {kernel.Describe()}");
        if (_dense.BiasRegularizer is { } bias)
            w.Line($"Regularizers.AddPenaltyGradient(gradients.Slice(Layout.L{I}_B, {_dense.Units}), {Bias}, {Literals.Float(bias.L1)}, {Literals.Float(bias.L2)}); // bias regularizer {bias.Describe()}");
        if (TransposesForInputGradient)
        {
            string dx = BeginInputGradient(w, 0);
            w.Line($"Transpose.Matrix({TransposedWeights}, {Weight}, {_dense.InputUnits}, {_dense.Units}); // dx = dy·Wᵀ as a forward product over Wᵀ: full vectors along the {_dense.InputUnits} inputs");
            w.Line($"Kernels.{TransposedKernelName}.Forward({dx}, d{I}, {TransposedWeights}, {Rows("batch")});");
            EndInputGradient(w, 0);
        }
        else if (NeedsGradientOf(0) && !Parallel)
        {
            string dx = BeginInputGradient(w, 0);
            w.Line($"{Kernel}.BackwardInput({dx}, d{I}, {Weight}, {Rows("batch")});");
            EndInputGradient(w, 0);
        }
    }

    public override void EmitTask(IndentedSourceWriter w, string task)
    {
        string gradient = $"{OutputGradientField}.AsSpan(0, _batch * {OutSize})";
        string weight = $"Parameters.Slice(Layout.L{I}_W, {Weights})";
        if (task == ForwardTask)
        {
            string target = PreActivationBuffer ?? OutputBuffer;
            w.Line($"(int start, int count) = Partition(_batch, part, parts, 4);");
            w.Line($"{Kernel}.Forward({target}.AsSpan(start * {OutSize}, count * {OutSize}), {InProperty()}.Slice(start * {InSize}, count * {InSize}), {weight}"
                + (_dense.UseBias ? $", Parameters.Slice(Layout.L{I}_B, {_dense.Units})" : "") + $", {Rows("count")});");
        }
        else if (task == ForwardBlocksTask)
        {
            // Part 0 starts the sum (with the bias) in the output; the other block goes to the partial buffer.
            string target = PreActivationBuffer ?? OutputBuffer;
            w.Line($"(int start, int count) = Partition({_dense.InputUnits}, part, parts, InputBlockGranule);");
            w.Line($"Span<float> y = part == 0 ? {target}.AsSpan(0, _batch * {OutSize}) : {PartialBuffer}.AsSpan(0, _batch * {OutSize});");
            w.Line($"{Kernel}.Forward(y, {InProperty()}, {weight}" + (_dense.UseBias ? $", Parameters.Slice(Layout.L{I}_B, {_dense.Units})" : "") + $", {Rows("_batch")}, start, start + count);");
        }
        else if (task == WeightsTask)
        {
            EmitWeightsPart(w, gradient, "part", "parts");
        }
        else
        {
            // One part: dx, then dW. More: the first half of the parts share dx by rows of the batch, the rest share dW by
            // its rows; with two threads each product runs whole on its own core.
            using (w.Block("if (parts == 1)"))
            {
                w.Line($"{Kernel}.BackwardWeights(GradientBuffer.Slice(Layout.L{I}_W, {Weights})"
                    + (_dense.UseBias ? $", GradientBuffer.Slice(Layout.L{I}_B, {_dense.Units})" : "") + $", {InProperty()}, {gradient}, {Rows("_batch")});");
                w.Line($"{Kernel}.BackwardInput({InputGradientTarget(0)}.AsSpan(0, _batch * {InSize}), {gradient}, {weight}, {Rows("_batch")});");
            }
            using (w.Block("else if (part < parts / 2)"))
                EmitInputPart(w, gradient, weight, "part", "parts / 2");
            using (w.Block("else"))
                EmitWeightsPart(w, gradient, "part - parts / 2", "parts - parts / 2");
        }
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of dW (rows of dW) and db.</summary>
    private void EmitWeightsPart(IndentedSourceWriter w, string gradient, string part, string parts)
    {
        w.Line($"(int start, int count) = Partition({_dense.InputUnits}, {part}, {parts}, {(SplitsByInput ? "InputBlockGranule" : "4")});");
        w.Line($"{Kernel}.BackwardWeights(GradientBuffer.Slice(Layout.L{I}_W, {Weights})"
            + (_dense.UseBias ? $", GradientBuffer.Slice(Layout.L{I}_B, {_dense.Units})" : "") + $", {InProperty()}, {gradient}, {Rows("_batch")}, start, start + count);");
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of dx (rows of the batch).</summary>
    private void EmitInputPart(IndentedSourceWriter w, string gradient, string weight, string part, string parts)
    {
        w.Line($"(int start, int count) = Partition(_batch, {part}, {parts}, 4);");
        w.Line($"{Kernel}.BackwardInput({InputGradientTarget(0)}.AsSpan(start * {InSize}, count * {InSize}), {gradient}.Slice(start * {OutSize}, count * {OutSize}), {weight}, {Rows("count")});");
    }

    public override bool HasPenalties => _dense.KernelRegularizer is not null || _dense.BiasRegularizer is not null || _dense.ActivityRegularizer is not null;

    public override void EmitPenalties(IndentedSourceWriter w)
    {
        if (_dense.KernelRegularizer is { } kernel)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_W, {Weights}), {Literals.Double(kernel.L1)}, {Literals.Double(kernel.L2)}); // {Layer.Name}/kernel: {kernel.Describe()}");
        if (_dense.BiasRegularizer is { } bias)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_B, {_dense.Units}), {Literals.Double(bias.L1)}, {Literals.Double(bias.L2)}); // {Layer.Name}/bias: {bias.Describe()}");
        if (_dense.ActivityRegularizer is { } activity)
            w.Line($"loss += Regularizers.Penalty({Slice(OutputBuffer, OutSize)}, {Literals.Double(activity.L1)}, {Literals.Double(activity.L2)}) / batch; // {Layer.Name} activity: {activity.Describe()} / batch size");
    }
}
