using System;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits the matrix kernels of one Dense shape (IN → OUT), shared by every Dense layer of that shape:
/// the three products of training — Forward (y = x·W + b), BackwardInput (dx = dy·Wᵀ) and BackwardWeights
/// (dW = xᵀ·dy, db = Σ dy) — each with a Vector256 path, a Vector128 path and a scalar Reference twin.
/// </summary>
/// <remarks>
/// Layout is Keras's: W is (IN, OUT) row-major, so every product vectorizes along OUT. Register tiles are
/// one batch row × up to 4 vectors of columns; every dimension except the batch is a constant.
/// </remarks>
internal sealed class DenseKernelEmitter
{
    private const int BlockVectors = 4;
    private readonly int _in;
    private readonly int _out;
    private readonly bool _useBias;
    private readonly string _name;

    public DenseKernelEmitter(DenseSpec dense)
    {
        _in = dense.InputUnits;
        _out = dense.Units;
        _useBias = dense.UseBias;
        _name = dense.KernelName;
    }

    public void Emit(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>The products of a Dense layer {_in} → {_out}{(_useBias ? "" : " without bias")}: x (B, {_in}), W ({_in}, {_out}){(_useBias ? $", b ({_out})" : "")}, y (B, {_out}).</summary>");
        using (w.Block($"internal static class {_name}"))
        {
            w.Line($"public const int IN = {_in}, OUT = {_out};");
            w.Line();
            EmitForward(w);
            w.Line();
            EmitBackwardInput(w);
            w.Line();
            EmitBackwardWeights(w);
        }
    }

    // ---- Forward: y = x·W + b -------------------------------------------------------------------------------

    private string ForwardParameters => "Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w" + (_useBias ? ", ReadOnlySpan<float> bias" : "") + ", int batch";

    private string ForwardArguments => "y, x, w" + (_useBias ? ", bias" : "") + ", batch";

    private void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>y = x·W{(_useBias ? " + b" : "")} for <paramref name=\"batch\"/> rows.</summary>");
        using (w.Block($"public static void Forward({ForwardParameters})"))
        {
            w.Line("if (x.Length < batch * IN || y.Length < batch * OUT || w.Length != IN * OUT" + (_useBias ? " || bias.Length != OUT" : "") + ")");
            w.Line($"    throw new ArgumentException(\"{_name}.Forward: buffer lengths do not match the layer shape.\");");
            EmitDispatch(w, "Forward", ForwardArguments);
        }
        foreach (VectorPath path in VectorPath.All)
        {
            w.Line();
            using (w.Block($"internal static void Forward{path.Suffix}({ForwardParameters})"))
            {
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float w0 = ref MemoryMarshal.GetReference(w);");
                if (_useBias) w.Line("ref float bias0 = ref MemoryMarshal.GetReference(bias);");
                w.Line("ref float y0 = ref MemoryMarshal.GetReference(y);");
                using (w.Block("for (int b = 0; b < batch; b++)"))
                {
                    w.Line("ref float x_b = ref Unsafe.Add(ref x0, b * IN);");
                    w.Line("ref float y_b = ref Unsafe.Add(ref y0, b * OUT);");
                    EmitColumns(w, new ColumnPlan(_out, path.Width, BlockVectors), (o, vectors) =>
                    {
                        for (int k = 0; k < vectors; k++)
                            w.Line($"{path.Type}<float> acc{k} = " + (_useBias ? $"{path.Type}.LoadUnsafe(ref bias0, (nuint)({o} + {k * path.Width}));" : $"{path.Type}<float>.Zero;"));
                        w.Line($"ref float w_o = ref Unsafe.Add(ref w0, {o});");
                        using (w.Block("for (int i = 0; i < IN; i++)"))
                        {
                            w.Line($"{path.Type}<float> x_bi = {path.Type}.Create(Unsafe.Add(ref x_b, i));");
                            w.Line("ref float w_io = ref Unsafe.Add(ref w_o, i * OUT);");
                            for (int k = 0; k < vectors; k++)
                                w.Line($"acc{k} = Simd.MultiplyAdd(x_bi, {path.Type}.LoadUnsafe(ref w_io, {k * path.Width}), acc{k});");
                        }
                        for (int k = 0; k < vectors; k++)
                            w.Line($"acc{k}.StoreUnsafe(ref y_b, (nuint)({o} + {k * path.Width}));");
                    }, o =>
                    {
                        w.Line($"float sum = {(_useBias ? $"Unsafe.Add(ref bias0, {o})" : "0f")};");
                        w.Line($"for (int i = 0; i < IN; i++) sum += Unsafe.Add(ref x_b, i) * Unsafe.Add(ref w0, i * OUT + {o});");
                        w.Line($"Unsafe.Add(ref y_b, {o}) = sum;");
                    });
                }
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"Forward\"/>: the plain triple loop.</summary>");
        using (w.Block($"internal static void ForwardReference({ForwardParameters})"))
        {
            using (w.Block("for (int b = 0; b < batch; b++)"))
            using (w.Block("for (int o = 0; o < OUT; o++)"))
            {
                w.Line($"float sum = {(_useBias ? "bias[o]" : "0f")};");
                w.Line("for (int i = 0; i < IN; i++) sum += x[b * IN + i] * w[i * OUT + o];");
                w.Line("y[b * OUT + o] = sum;");
            }
        }
    }

    // ---- BackwardInput: dx = dy·Wᵀ ------------------------------------------------------------------------

    private void EmitBackwardInput(IndentedSourceWriter w)
    {
        const string parameters = "Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, int batch";
        w.Line("/// <summary>dx = dy·Wᵀ: the gradient with respect to the layer's input.</summary>");
        using (w.Block($"public static void BackwardInput({parameters})"))
        {
            w.Line("if (dx.Length < batch * IN || dy.Length < batch * OUT || w.Length != IN * OUT)");
            w.Line($"    throw new ArgumentException(\"{_name}.BackwardInput: buffer lengths do not match the layer shape.\");");
            EmitDispatch(w, "BackwardInput", "dx, dy, w, batch");
        }
        foreach (VectorPath path in VectorPath.All)
        {
            var plan = new ColumnPlan(_out, path.Width, BlockVectors);
            int accumulators = Math.Max(1, Math.Min(BlockVectors, _out / path.Width));
            w.Line();
            using (w.Block($"internal static void BackwardInput{path.Suffix}({parameters})"))
            {
                w.Line("ref float dx0 = ref MemoryMarshal.GetReference(dx);");
                w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
                w.Line("ref float w0 = ref MemoryMarshal.GetReference(w);");
                using (w.Block("for (int b = 0; b < batch; b++)"))
                {
                    w.Line("ref float dy_b = ref Unsafe.Add(ref dy0, b * OUT);");
                    w.Line("ref float dx_b = ref Unsafe.Add(ref dx0, b * IN);");
                    using (w.Block("for (int i = 0; i < IN; i++)"))
                    {
                        w.Line("ref float w_i = ref Unsafe.Add(ref w0, i * OUT);");
                        if (plan.TailStart > 0)
                        {
                            for (int k = 0; k < accumulators; k++) w.Line($"{path.Type}<float> acc{k} = {path.Type}<float>.Zero;");
                            EmitColumns(w, plan with { Columns = plan.TailStart }, (o, vectors) =>
                            {
                                for (int k = 0; k < vectors; k++)
                                    w.Line($"acc{k} = Simd.MultiplyAdd({path.Type}.LoadUnsafe(ref dy_b, (nuint)({o} + {k * path.Width})), {path.Type}.LoadUnsafe(ref w_i, (nuint)({o} + {k * path.Width})), acc{k});");
                            }, _ => { });
                            string sum = accumulators == 1 ? "acc0" : "(" + string.Join(" + ", Range(accumulators, k => "acc" + k)) + ")";
                            w.Line($"float sum = {path.Type}.Sum({sum});");
                        }
                        else
                        {
                            w.Line("float sum = 0f;");
                        }
                        for (int o = plan.TailStart; o < _out; o++)
                            w.Line($"sum += Unsafe.Add(ref dy_b, {o}) * Unsafe.Add(ref w_i, {o});");
                        w.Line("Unsafe.Add(ref dx_b, i) = sum;");
                    }
                }
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"BackwardInput\"/>.</summary>");
        using (w.Block($"internal static void BackwardInputReference({parameters})"))
        {
            using (w.Block("for (int b = 0; b < batch; b++)"))
            using (w.Block("for (int i = 0; i < IN; i++)"))
            {
                w.Line("float sum = 0f;");
                w.Line("for (int o = 0; o < OUT; o++) sum += dy[b * OUT + o] * w[i * OUT + o];");
                w.Line("dx[b * IN + i] = sum;");
            }
        }
    }

    // ---- BackwardWeights: dW = xᵀ·dy, db = Σ dy -----------------------------------------------------------

    private string WeightsParameters => "Span<float> dw, " + (_useBias ? "Span<float> db, " : "") + "ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch";

    private string WeightsArguments => "dw, " + (_useBias ? "db, " : "") + "x, dy, batch";

    private void EmitBackwardWeights(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>dW = xᵀ·dy{(_useBias ? " and db = Σ dy over the batch" : "")} (written, not accumulated).</summary>");
        using (w.Block($"public static void BackwardWeights({WeightsParameters})"))
        {
            w.Line("if (x.Length < batch * IN || dy.Length < batch * OUT || dw.Length != IN * OUT" + (_useBias ? " || db.Length != OUT" : "") + ")");
            w.Line($"    throw new ArgumentException(\"{_name}.BackwardWeights: buffer lengths do not match the layer shape.\");");
            EmitDispatch(w, "BackwardWeights", WeightsArguments);
        }
        foreach (VectorPath path in VectorPath.All)
        {
            var plan = new ColumnPlan(_out, path.Width, BlockVectors);
            w.Line();
            using (w.Block($"internal static void BackwardWeights{path.Suffix}({WeightsParameters})"))
            {
                w.Line("ref float dw0 = ref MemoryMarshal.GetReference(dw);");
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
                using (w.Block("for (int i = 0; i < IN; i++)"))
                {
                    w.Line("ref float dw_i = ref Unsafe.Add(ref dw0, i * OUT);");
                    EmitColumns(w, plan, (o, vectors) =>
                    {
                        for (int k = 0; k < vectors; k++) w.Line($"{path.Type}<float> acc{k} = {path.Type}<float>.Zero;");
                        using (w.Block("for (int b = 0; b < batch; b++)"))
                        {
                            w.Line($"{path.Type}<float> x_bi = {path.Type}.Create(Unsafe.Add(ref x0, b * IN + i));");
                            w.Line($"ref float dy_bo = ref Unsafe.Add(ref dy0, b * OUT + {o});");
                            for (int k = 0; k < vectors; k++)
                                w.Line($"acc{k} = Simd.MultiplyAdd(x_bi, {path.Type}.LoadUnsafe(ref dy_bo, {k * path.Width}), acc{k});");
                        }
                        for (int k = 0; k < vectors; k++)
                            w.Line($"acc{k}.StoreUnsafe(ref dw_i, (nuint)({o} + {k * path.Width}));");
                    }, o =>
                    {
                        w.Line("float sum = 0f;");
                        w.Line($"for (int b = 0; b < batch; b++) sum += Unsafe.Add(ref x0, b * IN + i) * Unsafe.Add(ref dy0, b * OUT + {o});");
                        w.Line($"Unsafe.Add(ref dw_i, {o}) = sum;");
                    });
                }
                if (_useBias)
                {
                    w.Line("ref float db0 = ref MemoryMarshal.GetReference(db);");
                    EmitColumns(w, plan, (o, vectors) =>
                    {
                        for (int k = 0; k < vectors; k++) w.Line($"{path.Type}<float> acc{k} = {path.Type}<float>.Zero;");
                        using (w.Block("for (int b = 0; b < batch; b++)"))
                        {
                            w.Line($"ref float dy_bo = ref Unsafe.Add(ref dy0, b * OUT + {o});");
                            for (int k = 0; k < vectors; k++)
                                w.Line($"acc{k} += {path.Type}.LoadUnsafe(ref dy_bo, {k * path.Width});");
                        }
                        for (int k = 0; k < vectors; k++)
                            w.Line($"acc{k}.StoreUnsafe(ref db0, (nuint)({o} + {k * path.Width}));");
                    }, o =>
                    {
                        w.Line("float sum = 0f;");
                        w.Line($"for (int b = 0; b < batch; b++) sum += Unsafe.Add(ref dy0, b * OUT + {o});");
                        w.Line($"Unsafe.Add(ref db0, {o}) = sum;");
                    });
                }
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"BackwardWeights\"/>.</summary>");
        using (w.Block($"internal static void BackwardWeightsReference({WeightsParameters})"))
        {
            using (w.Block("for (int i = 0; i < IN; i++)"))
            using (w.Block("for (int o = 0; o < OUT; o++)"))
            {
                w.Line("float sum = 0f;");
                w.Line("for (int b = 0; b < batch; b++) sum += x[b * IN + i] * dy[b * OUT + o];");
                w.Line("dw[i * OUT + o] = sum;");
            }
            if (_useBias)
            {
                using (w.Block("for (int o = 0; o < OUT; o++)"))
                {
                    w.Line("float sum = 0f;");
                    w.Line("for (int b = 0; b < batch; b++) sum += dy[b * OUT + o];");
                    w.Line("db[o] = sum;");
                }
            }
        }
    }

    // ---- shared structure ----------------------------------------------------------------------------------

    private static void EmitDispatch(IndentedSourceWriter w, string method, string arguments)
    {
        // The IsHardwareAccelerated checks are JIT/AOT-time constants: only one path survives compilation.
        w.Line($"if (Vector256.IsHardwareAccelerated) {method}256({arguments});");
        w.Line($"else if (Vector128.IsHardwareAccelerated) {method}128({arguments});");
        w.Line($"else {method}Reference({arguments});");
    }

    /// <summary>
    /// Covers the columns of <paramref name="plan"/>: a loop over full blocks, a remainder block and scalar tail
    /// columns, each in its own scope with the column offset <c>o</c> (a loop variable or a constant).
    /// </summary>
    private static void EmitColumns(IndentedSourceWriter w, ColumnPlan plan, Action<string, int> vectorBlock, Action<string> scalarColumn)
    {
        if (plan.FullBlocksEnd > 0)
        {
            w.Line($"// columns [0, {plan.FullBlocksEnd}): blocks of {plan.BlockVectors} vectors");
            using (w.Block($"for (int o = 0; o < {plan.FullBlocksEnd}; o += {plan.BlockFloats})"))
                vectorBlock("o", plan.BlockVectors);
        }
        if (plan.RemainderVectors > 0)
        {
            w.Line($"// columns [{plan.FullBlocksEnd}, {plan.TailStart}): {plan.RemainderVectors} vector(s)");
            using (w.Scope())
            {
                w.Line($"const int o = {plan.FullBlocksEnd};");
                vectorBlock("o", plan.RemainderVectors);
            }
        }
        if (plan.Tail > 0)
        {
            w.Line($"// columns [{plan.TailStart}, {plan.Columns}): scalar");
            using (w.Block($"for (int o = {plan.TailStart}; o < {plan.Columns}; o++)"))
                scalarColumn("o");
        }
    }

    private static string[] Range(int count, Func<int, string> item)
    {
        var items = new string[count];
        for (int i = 0; i < count; i++) items[i] = item(i);
        return items;
    }
}
