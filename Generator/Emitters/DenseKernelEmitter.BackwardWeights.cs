using System;
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
            w.Line(TileLoops.OptimizedAtOnce);
            using (w.Block($"internal static void BackwardWeights{path.Suffix}({RangeParameters})"))
            {
                w.Line("ref float dw0 = ref MemoryMarshal.GetReference(dw);");
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
                var plan = new TilePlan(_out, path.Width, TileVectorsFor(path), SplitsOneVectorRemainder: true);
                ForEachVectorTile(w, plan, offsets => EmitBatchBlocks(w, path, full, rows => EmitWeightTile(w, path, rows, offsets)));
                if (plan.ScalarCount > 0)
                {
                    w.Line($"// columns [{plan.VectorEnd}, {_out}): scalar (fewer than one vector)");
                    using (w.Block($"for (int o = {plan.VectorEnd}; o < OUT; o++)"))
                        EmitBatchBlocks(w, path, full, rows => EmitWeightScalarTile(w, rows));
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

    /// <summary>
    /// One column tile of dW over the whole batch: the batch in blocks of <see cref="WeightsBatchBlock"/> rows, and in
    /// each block the rows k of dW in tiles of <see cref="TileRows"/> (x[b, k .. k + 3] are neighbours in memory). A
    /// block's strip of dy (block rows × tile width) stays in L1 while every row tile of dW walks it, and so do the
    /// block's lines of x across the 4 row tiles that share them. Each block after the first adds to the sums the blocks
    /// before it stored (the same additions in the same order as one pass, so the same bits). The column tile finishes
    /// every block before the next tile starts, because the last tile may overlap the one before it (see
    /// <see cref="TilePlan"/>) and must rewrite the shared columns from 0, not add to sums already complete.
    /// </summary>
    private void EmitBatchBlocks(IndentedSourceWriter w, VectorPath path, int full, Action<int> tile)
    {
        int batchBlock = WeightsBatchBlock(path);
        w.Line("int blockStart = 0;");
        using (w.Block("do", close: "} while (blockStart < batch); // at least once: a batch of 0 rows writes dW = 0"))
        {
            w.Line($"int blockEnd = Math.Min(blockStart + {batchBlock}, batch);");
            w.Line("bool accumulate = blockStart > 0; // add to the sums the blocks before stored");
            if (full > 0)
            {
                using (w.Block($"for (int k = kStart, kFullEnd = Math.Min(kEnd, {full}); k < kFullEnd; k += {TileRows})"))
                    tile(TileRows);
            }
            if (_in > full)
            {
                w.Line($"// rows [{full}, {_in}): the remaining {_in - full}");
                using (w.Block("if (kEnd == IN)"))
                {
                    w.Line($"const int k = {full};");
                    tile(_in - full);
                }
            }
            w.Line($"blockStart += {batchBlock};");
        }
    }

    /// <summary>Rows k .. k + rows − 1 of dW at columns o + offsets: a register tile that reduces over the block's batch rows.</summary>
    private void EmitWeightTile(IndentedSourceWriter w, VectorPath path, int rows, int[] offsets)
    {
        string V = path.Type;
        int vectors = offsets.Length;
        w.Line("ref float dw_ko = ref Unsafe.Add(ref dw0, k * OUT + o);");
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"{V}<float> c{r}{v} = accumulate ? {V}.LoadUnsafe(ref dw_ko, {r * _out + offsets[v]}) : {V}<float>.Zero;");
        // Two references step through the batch (a row of dy, a row of x): constant offsets, no index arithmetic.
        w.Line("ref float dy_bo = ref Unsafe.Add(ref dy0, blockStart * OUT + o);");
        w.Line("ref float x_bk = ref Unsafe.Add(ref x0, blockStart * IN + k);");
        using (w.Block("for (int b = blockStart; b < blockEnd; b++)"))
        {
            foreach (int v in Range(vectors))
                w.Line($"{V}<float> d{v} = {V}.LoadUnsafe(ref dy_bo, {offsets[v]});");
            foreach (int r in Range(rows))
            {
                string input = r == 0 ? "x_bk" : $"Unsafe.Add(ref x_bk, {r})";
                w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create({input});");
                foreach (int v in Range(vectors))
                    w.Line($"c{r}{v} = Simd.MultiplyAdd(xk, d{v}, c{r}{v});");
            }
            w.Line("dy_bo = ref Unsafe.Add(ref dy_bo, OUT);");
            w.Line("x_bk = ref Unsafe.Add(ref x_bk, IN);");
        }
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"c{r}{v}.StoreUnsafe(ref dw_ko, {r * _out + offsets[v]});");
    }

    /// <summary>Rows k .. k + rows − 1 of dW at column o, scalar: only when OUT is narrower than one vector.</summary>
    private void EmitWeightScalarTile(IndentedSourceWriter w, int rows)
    {
        w.Line("ref float dw_ko = ref Unsafe.Add(ref dw0, k * OUT + o);");
        foreach (int r in Range(rows)) w.Line($"float s{r} = accumulate ? Unsafe.Add(ref dw_ko, {r * _out}) : 0f;");
        using (w.Block("for (int b = blockStart; b < blockEnd; b++)"))
        {
            w.Line("float dy_bo = Unsafe.Add(ref dy0, b * OUT + o);");
            foreach (int r in Range(rows))
                w.Line($"s{r} += Unsafe.Add(ref x0, {Offset("b * IN + k", r)}) * dy_bo;");
        }
        foreach (int r in Range(rows))
            w.Line($"Unsafe.Add(ref dw_ko, {r * _out}) = s{r};");
    }

    /// <summary>
    /// Batch rows per block of the weight gradient on <paramref name="path"/>. A block's strip of dy (block rows × one
    /// column tile) must stay in L1 while every row tile of dW walks it; its rows are OUT floats apart, and when that
    /// stride is a multiple of a large power of two (OUT = 128: 512 bytes) they fall into only 8 of the 64 sets of a
    /// 32 KiB 8-way L1. On Vector256 and Vector128, 48 rows measured best on a Zen 3 (784 → 128 at batch 128 / 1024:
    /// 357 / 2907 µs with 80 rows, 335 / 2662 µs with 48; medians of 3, `Bench -- kernels`). Vector512 (4-vector tiles
    /// of 256 bytes) keeps the 32 rows measured on a Zen 4.
    /// </summary>
    private static int WeightsBatchBlock(VectorPath path) => path.Width == VectorPath.V512.Width ? 32 : 48;

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
