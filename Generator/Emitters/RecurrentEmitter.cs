using System.Collections.Generic;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// LSTM, GRU and SimpleRNN, with backpropagation through time over the constant T steps. Sequences are kept
/// time-major, (T, B, width), so that one step is one contiguous block. Forward: the input projection of every step is
/// one product of T·B rows (the Dense kernel of shape features → G·units), then per step the recurrent product
/// h_{t−1}·U (B rows) and one fused cell kernel. Backward: per step the cell's backward kernel and dh_{t−1} = dZ_t·Uᵀ;
/// dW, db, dU and dx are then each one product over all T·B rows.
/// </summary>
internal sealed class RecurrentEmitter : LayerEmitter
{
    private readonly RecurrentSpec _r;

    public RecurrentEmitter(LayerPlan plan) : base(plan) => _r = (RecurrentSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    private int T => _r.Steps;

    private int F => _r.Features;

    private int U => _r.Units;

    /// <summary>G·units: the gate pre-activations of one step and one sample.</summary>
    private int Gu => _r.GateWidth;

    private bool IsLstm => _r.Kind == RecurrentKind.Lstm;

    private bool IsGru => _r.Kind == RecurrentKind.Gru;

    private string InputKernel => "Kernels." + _r.InputKernelName;

    private string RecurrentKernel => "Kernels." + _r.RecurrentKernelName;

    private string Activation => "global::NetGen.Activation." + _r.Activation;

    private string RecurrentActivation => "global::NetGen.Activation." + _r.RecurrentActivation;

    private string Reverse => _r.GoBackwards ? "true" : "false";

    // Buffers: every one time-major, step s at [s·B·width, (s + 1)·B·width).
    private string Xt => $"_L{I}_Xt";
    private string Gates => $"_L{I}_Gates";
    private string Recurrent => $"_L{I}_Rec";
    private string States => $"_L{I}_H";
    private string Cells => $"_L{I}_C";
    private string ActivatedCells => $"_L{I}_ActC";
    private string GatesGradient => $"_L{I}_dZ";
    private string RecurrentGradient => $"_L{I}_dRec";
    private string StateGradient => $"_L{I}_dH";
    private string CellGradient => $"_L{I}_dC";
    private string StateGradientPart => $"_L{I}_dHPart";
    private string InputGradientTimeMajor => $"_L{I}_dXt";

    /// <summary>
    /// Whether the products over all T·B rows (the input projection; dW, dU and dx) split over threads, by the plan's rule.
    /// The per-step products and cells stay on one thread: each is B rows, and a hand-off per step would cost more.
    /// </summary>
    private bool Parallel => Plan.SplitsOverThreads;

    private string ProjectionTask => $"L{I}Projection";

    private string GradientsTask => $"L{I}Gradients";

    public override string[] Tasks => Parallel ? new[] { ProjectionTask, GradientsTask } : System.Array.Empty<string>();

    public override string[] ForwardTasks => Parallel ? new[] { ProjectionTask } : System.Array.Empty<string>();

    /// <summary>The recurrent products of every step are kept for the GRU (its backward reads h·U + b_rec's h block); one step's otherwise.</summary>
    private int RecurrentSteps => IsGru ? T : 1;

    public override IEnumerable<(int Inputs, int Units, bool UseBias, string Name)> KernelShapes => new[]
    {
        (F, Gu, _r.UseBias, _r.InputKernelName),
        (U, Gu, _r.RecurrentHasBias, _r.RecurrentKernelName),
    };

    public override void DeclareBuffers(BufferList buffers)
    {
        string name = Layer.Name;
        buffers.Add(OutputBuffer, OutSize, $"{name} output {Layer.OutputShape.WithBatch}");
        buffers.Add(Xt, T * F, $"{name} input, time-major (T, B, {F}){(_r.GoBackwards ? ", steps reversed (go_backwards)" : "")}");
        buffers.Add(Gates, T * Gu, $"{name} gates of every step (T, B, {Gu}): x·W + b, then activated by the cell");
        buffers.Add(Recurrent, RecurrentSteps * Gu, IsGru ? $"{name} h·U + b_rec of every step (T, B, {Gu})" : $"{name} one step's h·U (B, {Gu})");
        buffers.Add(States, (T + 1) * U, $"{name} states h_0 = 0 … h_T, time-major (T + 1, B, {U})");
        if (IsLstm)
        {
            buffers.Add(Cells, (T + 1) * U, $"{name} cell states c_0 = 0 … c_T (T + 1, B, {U})");
            buffers.Add(ActivatedCells, T * U, $"{name} {_r.Activation.ToString().ToLowerInvariant()}(c_t) of every step (T, B, {U})");
        }
        buffers.Add(GatesGradient, T * Gu, $"{name} gradient w.r.t. the gate pre-activations x·W + b (T, B, {Gu})");
        if (IsGru) buffers.Add(RecurrentGradient, T * Gu, $"{name} gradient w.r.t. h·U + b_rec (T, B, {Gu})");
        buffers.Add(StateGradient, U, $"{name} dL/dh of the current step (B, {U})");
        if (IsLstm) buffers.Add(CellGradient, U, $"{name} dL/dc of the current step (B, {U})");
        if (IsGru) buffers.Add(StateGradientPart, U, $"{name} dRec·Uᵀ, added to dL/dh_(t-1) (B, {U})");
        if (NeedsGradientOf(0)) buffers.Add(InputGradientTimeMajor, T * F, $"{name} gradient w.r.t. its input, time-major (T, B, {F})");
    }

    private string Weight => $"parameters.Slice(Layout.L{I}_W, {F * Gu})";

    private string RecurrentWeight => $"parameters.Slice(Layout.L{I}_U, {U * Gu})";

    /// <summary>The input bias (the GRU's row 0).</summary>
    private string Bias => $"parameters.Slice(Layout.L{I}_B, {Gu})";

    /// <summary>The GRU's recurrent bias, row 1.</summary>
    private string RecurrentBias => $"parameters.Slice(Layout.L{I}_B + {Gu}, {Gu})";

    /// <summary>Step <paramref name="step"/>'s (B, <paramref name="width"/>) block of the time-major <paramref name="local"/>.</summary>
    private static string Step(string local, string step, int width) => $"{local}.Slice({step} * batch * {width}, batch * {width})";

    public override void EmitForward(IndentedSourceWriter w)
    {
        string x = $"x{I}", z = $"z{I}", rec = $"rec{I}", h = $"h{I}", c = $"c{I}", ac = $"ac{I}";
        w.Line($"// Time-major input: step s is one contiguous (B, {F}) block{(_r.GoBackwards ? "; go_backwards reads the steps last to first" : "")}.");
        w.Line($"Span<float> {x} = {Slice(Xt, T * F)};");
        w.Line($"Recurrent.ToTimeMajor({x}, {In()}, batch, {T}, {F}, reverse: {Reverse});");
        w.Line($"// The input projection of all {T} steps as one product of {T}·B rows: z = x·W{(_r.UseBias ? " + b" : "")}{(IsGru ? " (b: the input bias, row 0)" : "")}.");
        w.Line($"Span<float> {z} = {Slice(Gates, T * Gu)};");
        if (Parallel)
            w.Line($"RunParallel(Tasks.{ProjectionTask}, (long)batch * {(long)T * F * Gu}); // {InputKernel}.Forward into {Gates}, split by rows");
        else
            w.Line($"{InputKernel}.Forward({z}, {x}, {Weight}{(_r.UseBias ? ", " + Bias : "")}, {T} * batch);");
        w.Line($"Span<float> {h} = {Slice(States, (T + 1) * U)};");
        w.Line($"{h}.Slice(0, batch * {U}).Clear(); // h_0 = 0");
        if (IsLstm)
        {
            w.Line($"Span<float> {c} = {Slice(Cells, (T + 1) * U)};");
            w.Line($"{c}.Slice(0, batch * {U}).Clear(); // c_0 = 0");
            w.Line($"Span<float> {ac} = {Slice(ActivatedCells, T * U)};");
        }
        w.Line($"Span<float> {rec} = {Slice(Recurrent, RecurrentSteps * Gu)};");
        using (w.Block($"for (int step = 0; step < {T}; step++)"))
        {
            string recStep = IsGru ? Step(rec, "step", Gu) : rec;
            string hPrev = Step(h, "step", U), hNext = Step(h, "(step + 1)", U);
            w.Line($"// The recurrent product of B rows: h_(t-1)·U{(IsGru ? " + b_rec (row 1 of the bias)" : "")}.");
            w.Line($"{RecurrentKernel}.Forward({recStep}, {hPrev}, {RecurrentWeight}{(_r.RecurrentHasBias ? ", " + RecurrentBias : "")}, batch);");
            switch (_r.Kind)
            {
                case RecurrentKind.Lstm:
                    w.Line($"Recurrent.LstmForward({Step(z, "step", Gu)}, {recStep}, {Step(c, "step", U)}, {Step(c, "(step + 1)", U)}, {Step(ac, "step", U)}, {hNext}, batch, {U}, {Activation}, {RecurrentActivation});");
                    break;
                case RecurrentKind.Gru:
                    w.Line($"Recurrent.GruForward({Step(z, "step", Gu)}, {recStep}, {hPrev}, {hNext}, batch, {U}, {Activation}, {RecurrentActivation});");
                    break;
                default:
                    w.Line($"Recurrent.SimpleForward({Step(z, "step", Gu)}, {recStep}, {Activation});");
                    w.Line($"{Step(z, "step", Gu)}.CopyTo({hNext});");
                    break;
            }
        }
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        if (_r.ReturnSequences)
            w.Line($"Recurrent.FromTimeMajor(a{I}, {h}.Slice(batch * {U}, {T} * batch * {U}), batch, {T}, {U}, reverse: false); // h_1 … h_T, in the order the steps ran (as Keras returns them)");
        else
            w.Line($"{Step(h, T.ToString(System.Globalization.CultureInfo.InvariantCulture), U)}.CopyTo(a{I}); // the last state h_T");
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        string x = $"x{I}", z = $"z{I}", rec = $"rec{I}", h = $"h{I}", c = $"c{I}", ac = $"ac{I}", dz = $"dz{I}", drec = $"drec{I}", dh = $"dh{I}", dc = $"dc{I}", part = $"dhPart{I}";
        // Split over threads, the T·B-row products read the buffers themselves (EmitTask); the steps need only the GRU's h.
        if (!Parallel) w.Line($"ReadOnlySpan<float> {x} = {Slice(Xt, T * F)};");
        w.Line($"ReadOnlySpan<float> {z} = {Slice(Gates, T * Gu)};");
        if (!Parallel || IsGru) w.Line($"ReadOnlySpan<float> {h} = {Slice(States, (T + 1) * U)};");
        if (IsLstm)
        {
            w.Line($"ReadOnlySpan<float> {c} = {Slice(Cells, (T + 1) * U)};");
            w.Line($"ReadOnlySpan<float> {ac} = {Slice(ActivatedCells, T * U)};");
        }
        if (IsGru)
        {
            w.Line($"ReadOnlySpan<float> {rec} = {Slice(Recurrent, T * Gu)};");
            w.Line($"Span<float> {drec} = {Slice(RecurrentGradient, T * Gu)};");
            w.Line($"Span<float> {part} = {Slice(StateGradientPart, U)};");
        }
        w.Line($"Span<float> {dz} = {Slice(GatesGradient, T * Gu)};");
        w.Line($"Span<float> {dh} = {Slice(StateGradient, U)};");
        w.Line($"{dh}.Clear();");
        if (IsLstm)
        {
            w.Line($"Span<float> {dc} = {Slice(CellGradient, U)};");
            w.Line($"{dc}.Clear();");
        }
        w.Line("// Backpropagation through time: per step, the cell's backward and dh_(t-1) = dZ_t·Uᵀ.");
        using (w.Block($"for (int step = {T - 1}; step >= 0; step--)"))
        {
            if (_r.ReturnSequences)
                w.Line($"Recurrent.AddStep({dh}, d{I}, batch, {T}, step, {U}); // the output's gradient at this step");
            else
                w.Line($"if (step == {T - 1}) d{I}.CopyTo({dh}); // only the last state is the output");
            string dzStep = Step(dz, "step", Gu);
            switch (_r.Kind)
            {
                case RecurrentKind.Lstm:
                    w.Line($"Recurrent.LstmBackward({dzStep}, {dc}, {dh}, {Step(z, "step", Gu)}, {Step(c, "step", U)}, {Step(ac, "step", U)}, batch, {U}, {Activation}, {RecurrentActivation});");
                    w.Line($"if (step > 0) {RecurrentKernel}.BackwardInput({dh}, {dzStep}, {RecurrentWeight}, batch);");
                    break;
                case RecurrentKind.Gru:
                    w.Line($"Recurrent.GruBackward({dzStep}, {Step(drec, "step", Gu)}, {dh}, {Step(z, "step", Gu)}, {Step(rec, "step", Gu)}, {Step(h, "step", U)}, batch, {U}, {Activation}, {RecurrentActivation});");
                    using (w.Block("if (step > 0)"))
                    {
                        w.Line($"{RecurrentKernel}.BackwardInput({part}, {Step(drec, "step", Gu)}, {RecurrentWeight}, batch);");
                        w.Line($"PartialSums.AddTo({dh}, {part}); // dh_(t-1) = dh⊙z + dRec·Uᵀ");
                    }
                    break;
                default:
                    w.Line($"Recurrent.SimpleBackward({dzStep}, {dh}, {Step(z, "step", Gu)}, {Activation});");
                    w.Line($"if (step > 0) {RecurrentKernel}.BackwardInput({dh}, {dzStep}, {RecurrentWeight}, batch);");
                    break;
            }
        }
        if (Parallel)
        {
            long work = (long)T * ((NeedsGradientOf(0) ? 2 : 1) * F + U) * Gu;
            w.Line($"// dW, dU{(NeedsGradientOf(0) ? " and dx = dZ·Wᵀ" : "")}, each one product over all {T}·B rows, each split over the threads.");
            w.Line($"RunParallel(Tasks.{GradientsTask}, (long)batch * {work});");
        }
        else
        {
            w.Line($"// The weight gradients, each one product over all {T}·B rows.");
            string biasGradient = _r.UseBias ? $", gradients.Slice(Layout.L{I}_B, {Gu})" : "";
            w.Line($"{InputKernel}.BackwardWeights(gradients.Slice(Layout.L{I}_W, {F * Gu}){biasGradient}, {x}, {dz}, {T} * batch);");
            string recurrentBiasGradient = _r.RecurrentHasBias ? $", gradients.Slice(Layout.L{I}_B + {Gu}, {Gu})" : "";
            w.Line($"{RecurrentKernel}.BackwardWeights(gradients.Slice(Layout.L{I}_U, {U * Gu}){recurrentBiasGradient}, {h}.Slice(0, {T} * batch * {U}), {(IsGru ? drec : dz)}, {T} * batch); // h_0 … h_(T-1) against each step's dZ");
        }
        if (_r.KernelRegularizer is { } kernel)
            w.Line($"Regularizers.AddPenaltyGradient(gradients.Slice(Layout.L{I}_W, {F * Gu}), {Weight}, {Literals.Float(kernel.L1)}, {Literals.Float(kernel.L2)}); // kernel regularizer {kernel.Describe()}");
        if (_r.RecurrentRegularizer is { } recurrent)
            w.Line($"Regularizers.AddPenaltyGradient(gradients.Slice(Layout.L{I}_U, {U * Gu}), {RecurrentWeight}, {Literals.Float(recurrent.L1)}, {Literals.Float(recurrent.L2)}); // recurrent regularizer {recurrent.Describe()}");
        if (_r.BiasRegularizer is { } bias)
            w.Line($"Regularizers.AddPenaltyGradient(gradients.Slice(Layout.L{I}_B, {BiasLength}), parameters.Slice(Layout.L{I}_B, {BiasLength}), {Literals.Float(bias.L1)}, {Literals.Float(bias.L2)}); // bias regularizer {bias.Describe()}");
        if (!NeedsGradientOf(0)) return;
        w.Line($"Span<float> dxt{I} = {Slice(InputGradientTimeMajor, T * F)};");
        if (!Parallel)
        {
            w.Line($"// dx = dZ·Wᵀ over all {T}·B rows, then back to the input's (B, {T}, {F}) layout.");
            w.Line($"{InputKernel}.BackwardInput(dxt{I}, {dz}, {Weight}, {T} * batch);");
        }
        else w.Line($"// dx = dZ·Wᵀ (computed above, split over the threads), back to the input's (B, {T}, {F}) layout.");
        string dx = BeginInputGradient(w, 0);
        w.Line($"Recurrent.FromTimeMajor({dx}, dxt{I}, batch, {T}, {F}, reverse: {Reverse});");
        EndInputGradient(w, 0);
    }

    private int BiasLength => IsGru ? 2 * Gu : Gu;

    public override void EmitTask(IndentedSourceWriter w, string task)
    {
        string rows = $"{T} * _batch";
        string weight = $"Parameters.Slice(Layout.L{I}_W, {F * Gu})";
        if (task == ProjectionTask)
        {
            w.Line($"(int start, int count) = Partition({rows}, part, parts, 4);");
            w.Line($"{InputKernel}.Forward({Gates}.AsSpan(start * {Gu}, count * {Gu}), {Xt}.AsSpan(start * {F}, count * {F}), {weight}"
                + (_r.UseBias ? $", Parameters.Slice(Layout.L{I}_B, {Gu})" : "") + ", count);");
            return;
        }
        // Each part takes its rows of dW, its rows of dU and its rows of dx: the sums run in the order of one thread.
        string dz = $"{GatesGradient}.AsSpan(0, {rows} * {Gu})";
        using (w.Scope())
        {
            w.Line($"(int start, int count) = Partition({F}, part, parts, 4);");
            w.Line($"{InputKernel}.BackwardWeights(GradientBuffer.Slice(Layout.L{I}_W, {F * Gu})" + (_r.UseBias ? $", GradientBuffer.Slice(Layout.L{I}_B, {Gu})" : "")
                + $", {Xt}.AsSpan(0, {rows} * {F}), {dz}, {rows}, start, start + count);");
        }
        using (w.Scope())
        {
            w.Line($"(int start, int count) = Partition({U}, part, parts, 4);");
            w.Line($"{RecurrentKernel}.BackwardWeights(GradientBuffer.Slice(Layout.L{I}_U, {U * Gu})" + (_r.RecurrentHasBias ? $", GradientBuffer.Slice(Layout.L{I}_B + {Gu}, {Gu})" : "")
                + $", {States}.AsSpan(0, {rows} * {U}), {(IsGru ? $"{RecurrentGradient}.AsSpan(0, {rows} * {Gu})" : dz)}, {rows}, start, start + count); // h_0 … h_(T-1) against each step's dZ");
        }
        if (!NeedsGradientOf(0)) return;
        using (w.Scope())
        {
            w.Line($"(int start, int count) = Partition({rows}, part, parts, 4);");
            w.Line($"{InputKernel}.BackwardInput({InputGradientTimeMajor}.AsSpan(start * {F}, count * {F}), {GatesGradient}.AsSpan(start * {Gu}, count * {Gu}), {weight}, count);");
        }
    }

    public override bool HasPenalties => _r.KernelRegularizer is not null || _r.RecurrentRegularizer is not null || _r.BiasRegularizer is not null;

    public override void EmitPenalties(IndentedSourceWriter w)
    {
        if (_r.KernelRegularizer is { } kernel)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_W, {F * Gu}), {Literals.Double(kernel.L1)}, {Literals.Double(kernel.L2)}); // {Layer.Name} kernel: {kernel.Describe()}");
        if (_r.RecurrentRegularizer is { } recurrent)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_U, {U * Gu}), {Literals.Double(recurrent.L1)}, {Literals.Double(recurrent.L2)}); // {Layer.Name} recurrent_kernel: {recurrent.Describe()}");
        if (_r.BiasRegularizer is { } bias)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_B, {BiasLength}), {Literals.Double(bias.L1)}, {Literals.Double(bias.L2)}); // {Layer.Name} bias: {bias.Describe()}");
    }
}
