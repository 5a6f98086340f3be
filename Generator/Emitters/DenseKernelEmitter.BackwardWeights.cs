using NetGen.Generator.Helpers;
using static NetGen.Generator.Emitters.TileLoops;

namespace NetGen.Generator.Emitters;

internal sealed partial class DenseKernelEmitter
{
    private string WeightsParameters => "Span<float> dw, " + (_useBias ? "Span<float> db, " : "") + "ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch";

    private string WeightsArguments => "dw, " + (_useBias ? "db, " : "") + "x, dy, batch";

    private string RangeParameters => WeightsParameters + ", int kStart, int kEnd";

    private string RangeArguments => WeightsArguments + ", kStart, kEnd";

    private void EmitBackwardWeights(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>dW = xᵀ·dy{(_useBias ? " and db = Σ dy over the batch" : "")} (written, not accumulated).</summary>");
        using (w.Block($"public static void BackwardWeights({WeightsParameters})"))
            w.Line($"BackwardWeights({WeightsArguments}, 0, IN);");
        w.Line();
        w.Line($"/// <summary>Rows [<paramref name=\"kStart\"/>, <paramref name=\"kEnd\"/>) of dW{(_useBias ? ", and db when kStart is 0" : "")}: one thread's part (kStart a multiple of {TileRows}).</summary>");
        using (w.Block($"public static void BackwardWeights({RangeParameters})"))
        {
            w.Line("if (x.Length < batch * IN || dy.Length < batch * OUT || dw.Length != IN * OUT" + (_useBias ? " || db.Length != OUT" : "")
                + $" || kStart < 0 || kStart % {TileRows} != 0 || kEnd > IN || kStart > kEnd)");
            w.Line($"    throw new ArgumentException(\"{_name}.BackwardWeights: buffer lengths or row range do not match the layer shape.\");");
            EmitDispatch(w, "BackwardWeights", RangeArguments);
        }
        int full = _in / TileRows * TileRows;
        foreach (VectorPath path in Paths)
        {
            w.Line();
            using (w.Block($"internal static void BackwardWeights{path.Suffix}({RangeParameters})"))
            {
                w.Line("ref float dw0 = ref MemoryMarshal.GetReference(dw);");
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
                w.Line($"// rows k of dW in tiles of {TileRows}: x[b, k .. k + {TileRows - 1}] are neighbours in memory");
                if (full > 0)
                {
                    using (w.Block($"for (int k = kStart, kFullEnd = Math.Min(kEnd, {full}); k < kFullEnd; k += {TileRows})"))
                        EmitWeightRows(w, path, TileRows);
                }
                if (_in > full)
                {
                    w.Line($"// rows [{full}, {_in}): the remaining {_in - full}");
                    using (w.Block("if (kEnd == IN)"))
                    {
                        w.Line($"const int k = {full};");
                        EmitWeightRows(w, path, _in - full);
                    }
                }
                if (_useBias)
                {
                    using (w.Block("if (kStart == 0)"))
                        EmitBiasGradient(w, path);
                }
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"BackwardWeights\"/>.</summary>");
        using (w.Block($"internal static void BackwardWeightsReference({RangeParameters})"))
        {
            using (w.Block("for (int i = kStart; i < kEnd; i++)"))
            using (w.Block("for (int o = 0; o < OUT; o++)"))
            {
                w.Line("float sum = 0f;");
                w.Line("for (int b = 0; b < batch; b++) sum += x[b * IN + i] * dy[b * OUT + o];");
                w.Line("dw[i * OUT + o] = sum;");
            }
            if (_useBias)
            {
                using (w.Block("if (kStart == 0)"))
                using (w.Block("for (int o = 0; o < OUT; o++)"))
                {
                    w.Line("float sum = 0f;");
                    w.Line("for (int b = 0; b < batch; b++) sum += dy[b * OUT + o];");
                    w.Line("db[o] = sum;");
                }
            }
        }
    }

    /// <summary>Rows k .. k + rows − 1 of dW: tiles of rows × up to 3 vectors reduce over the batch.</summary>
    private void EmitWeightRows(IndentedSourceWriter w, VectorPath path, int rows)
    {
        string V = path.Type;
        w.Line("ref float x_k = ref Unsafe.Add(ref x0, k);");
        w.Line("ref float dw_k = ref Unsafe.Add(ref dw0, k * OUT);");
        var plan = new TilePlan(_out, path.Width, TileVectorsFor(path));
        ForEachVectorTile(w, plan, offsets =>
        {
            int vectors = offsets.Length;
            foreach (int r in Range(rows))
            foreach (int v in Range(vectors))
                w.Line($"{V}<float> c{r}{v} = {V}<float>.Zero;");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            {
                w.Line("ref float dy_bo = ref Unsafe.Add(ref dy0, b * OUT + o);");
                w.Line("ref float x_bk = ref Unsafe.Add(ref x_k, b * IN);");
                foreach (int v in Range(vectors))
                    w.Line($"{V}<float> d{v} = {V}.LoadUnsafe(ref dy_bo, {offsets[v]});");
                foreach (int r in Range(rows))
                {
                    w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create(Unsafe.Add(ref x_bk, {r}));");
                    foreach (int v in Range(vectors))
                        w.Line($"c{r}{v} = Simd.MultiplyAdd(xk, d{v}, c{r}{v});");
                }
            }
            foreach (int r in Range(rows))
            foreach (int v in Range(vectors))
                w.Line($"c{r}{v}.StoreUnsafe(ref dw_k, (nuint)({Offset("o", r * _out + offsets[v])}));");
        });
        if (plan.ScalarCount > 0)
        {
            w.Line($"// columns [{plan.VectorEnd}, {_out}): scalar (fewer than one vector)");
            using (w.Block($"for (int o = {plan.VectorEnd}; o < OUT; o++)"))
            {
                foreach (int r in Range(rows)) w.Line($"float s{r} = 0f;");
                using (w.Block("for (int b = 0; b < batch; b++)"))
                {
                    w.Line("float dy_bo = Unsafe.Add(ref dy0, b * OUT + o);");
                    foreach (int r in Range(rows))
                        w.Line($"s{r} += Unsafe.Add(ref x_k, {Offset("b * IN", r)}) * dy_bo;");
                }
                foreach (int r in Range(rows))
                    w.Line($"Unsafe.Add(ref dw_k, {Offset("o", r * _out)}) = s{r};");
            }
        }
    }

    /// <summary>db = Σ over the batch of dy, in tiles of up to 4 vectors.</summary>
    private void EmitBiasGradient(IndentedSourceWriter w, VectorPath path)
    {
        string V = path.Type;
        w.Line("// bias gradient: db = Σ_b dy[b, :]");
        w.Line("ref float db0 = ref MemoryMarshal.GetReference(db);");
        var plan = new TilePlan(_out, path.Width, 4);
        ForEachVectorTile(w, plan, offsets =>
        {
            int vectors = offsets.Length;
            foreach (int v in Range(vectors)) w.Line($"{V}<float> c{v} = {V}<float>.Zero;");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            {
                w.Line("ref float dy_bo = ref Unsafe.Add(ref dy0, b * OUT + o);");
                foreach (int v in Range(vectors)) w.Line($"c{v} += {V}.LoadUnsafe(ref dy_bo, {offsets[v]});");
            }
            foreach (int v in Range(vectors)) w.Line($"c{v}.StoreUnsafe(ref db0, (nuint)({Offset("o", offsets[v])}));");
        });
        if (plan.ScalarCount > 0)
        {
            using (w.Block($"for (int o = {plan.VectorEnd}; o < OUT; o++)"))
            {
                w.Line("float sum = 0f;");
                w.Line("for (int b = 0; b < batch; b++) sum += Unsafe.Add(ref dy0, b * OUT + o);");
                w.Line("Unsafe.Add(ref db0, o) = sum;");
            }
        }
    }
}
