using System;
using NetGen.Generator.Helpers;
using static NetGen.Generator.Emitters.TileLoops;

namespace NetGen.Generator.Emitters;

internal sealed partial class DenseKernelEmitter
{
    /// <summary>Vectors per tile when a tile has one row (single-sample prediction, batch remainders).</summary>
    private const int SingleRowTileVectors = 8;

    private string ForwardParameters => "Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w" + (_useBias ? ", ReadOnlySpan<float> bias" : "") + ", int batch";

    private string ForwardArguments => "y, x, w" + (_useBias ? ", bias" : "") + ", batch";

    private string ForwardBlockParameters => ForwardParameters + ", int kStart, int kEnd";

    private string ForwardBlockArguments => ForwardArguments + ", kStart, kEnd";

    private void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>y = x·W{(_useBias ? " + b" : "")} for <paramref name=\"batch\"/> rows.</summary>");
        using (w.Block($"public static void Forward({ForwardParameters})"))
            w.Line($"Forward({ForwardArguments}, 0, IN);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One block of the sum over the inputs: y = x[:, kStart..kEnd)·W[kStart..kEnd, :]" + (_useBias ? " (+ b when kStart is 0)." : "."));
        w.Line("/// One core's part when the layer splits by input features; the caller adds the blocks up.");
        w.Line("/// </summary>");
        using (w.Block($"public static void Forward({ForwardBlockParameters})"))
        {
            w.Line("if (x.Length < batch * IN || y.Length < batch * OUT || w.Length != IN * OUT" + (_useBias ? " || bias.Length != OUT" : "")
                + " || kStart < 0 || kEnd > IN || kStart > kEnd)");
            w.Line($"    throw new ArgumentException(\"{_name}.Forward: buffer lengths or input range do not match the layer shape.\");");
            EmitDispatch(w, "Forward", ForwardBlockArguments);
        }
        foreach (VectorPath path in Paths)
        {
            w.Line();
            w.Line(TileLoops.OptimizedAtOnce);
            using (w.Block($"internal static void Forward{path.Suffix}({ForwardBlockParameters})"))
            {
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float w0 = ref MemoryMarshal.GetReference(w);");
                if (_useBias) w.Line("ref float bias0 = ref MemoryMarshal.GetReference(bias);");
                w.Line("ref float y0 = ref MemoryMarshal.GetReference(y);");
                EmitForwardPath(w, path);
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"Forward\"/>: the plain triple loop.</summary>");
        using (w.Block($"internal static void ForwardReference({ForwardBlockParameters})"))
        {
            using (w.Block("for (int b = 0; b < batch; b++)"))
            using (w.Block("for (int o = 0; o < OUT; o++)"))
            {
                w.Line($"float sum = {(_useBias ? "kStart == 0 ? bias[o] : 0f" : "0f")};");
                w.Line("for (int i = kStart; i < kEnd; i++) sum += x[b * IN + i] * w[i * OUT + o];");
                w.Line("y[b * OUT + o] = sum;");
            }
        }
    }

    /// <summary>
    /// One path's body, blocked for the caches. Rows go in blocks of <see cref="ForwardRowBlock"/>, whose inputs stay
    /// in L2; within a row block, column tile by column tile, the sum over the inputs goes in blocks of
    /// <see cref="DepthBlockFor"/>, so that the strip of W a column tile reads (depth block × tile width) stays in L1 while
    /// every row tile of the block walks it; each depth block after the first adds to the sums the one before it stored
    /// (the same additions in the same order as one pass, so the same bits). Without the row blocks a large batch would
    /// read x from memory once per column tile; without the depth blocks every row tile would stream its W strip from
    /// L2. The rows left over go one at a time.
    /// </summary>
    private void EmitForwardPath(IndentedSourceWriter w, VectorPath path)
    {
        var (tileRows, tileVectors) = ForwardTileFor(path);
        int rowBlock = ForwardRowBlock(tileRows);
        w.Line($"int fullRows = batch / {tileRows} * {tileRows};");
        if (_useBias) w.Line("bool addBias = kStart == 0; // the block that starts the sum adds the bias");
        var plan = new TilePlan(_out, path.Width, tileVectors, SplitsOneVectorRemainder: true);
        w.Line($"// rows in blocks of {rowBlock} ({rowBlock} × {_in} inputs, {rowBlock * _in * 4 / 1024} KiB, stay in L2 across the column tiles)");
        using (w.Block($"for (int blockStart = 0; blockStart < fullRows; blockStart += {rowBlock})"))
        {
            w.Line($"int blockEnd = Math.Min(blockStart + {rowBlock}, fullRows);");
            int depthBlock = DepthBlockFor(path);
            ForEachVectorTile(w, plan, offsets => EmitDepthBlocks(w, depthBlock, () =>
            {
                using (w.Block($"for (int b = blockStart; b < blockEnd; b += {tileRows})"))
                {
                    EmitRowPointers(w);
                    EmitForwardTile(w, path, tileRows, offsets, "depthStart", "depthEnd", "continues");
                }
            }));
            if (plan.ScalarCount > 0)
            {
                EmitDepthBlocks(w, depthBlock, () =>
                {
                    using (w.Block($"for (int b = blockStart; b < blockEnd; b += {tileRows})"))
                    {
                        EmitRowPointers(w);
                        EmitForwardScalarColumns(w, tileRows, plan.VectorEnd, "depthStart", "depthEnd", "continues");
                    }
                });
            }
        }
        w.Line("// the rows after the last full row tile, one at a time");
        using (w.Block("for (int b = fullRows; b < batch; b++)"))
        {
            EmitRowPointers(w);
            // A single row has no rows to reuse a weight vector across, so it takes wider tiles instead: 8 independent
            // accumulators keep the FMA pipeline full where 3 would wait on each other's latency.
            var single = new TilePlan(_out, path.Width, SingleRowTileVectors, SplitsOneVectorRemainder: true);
            ForEachVectorTile(w, single, offsets => EmitForwardTile(w, path, 1, offsets, "kStart", "kEnd", continues: null));
            if (single.ScalarCount > 0) EmitForwardScalarColumns(w, 1, single.VectorEnd, "kStart", "kEnd", continues: null);
        }
    }

    /// <summary>
    /// The sum over the inputs of one column tile in blocks of <paramref name="depthBlock"/>: the tile's strip of W stays in
    /// L1 while every row tile of the row block walks it. A column tile finishes all its depth blocks before the next
    /// tile starts, because the last tile may overlap the one before it (see <see cref="TilePlan"/>): it then rewrites
    /// the shared columns from the bias up, rather than adding to sums that tile already completed.
    /// </summary>
    private static void EmitDepthBlocks(IndentedSourceWriter w, int depthBlock, Action body)
    {
        w.Line("int depthStart = kStart;");
        using (w.Block("do", close: "} while (depthStart < kEnd); // at least once: an empty input range still writes y"))
        {
            w.Line($"int depthEnd = Math.Min(depthStart + {depthBlock}, kEnd);");
            w.Line("bool continues = depthStart > kStart; // add to the sums the depth blocks before stored");
            body();
            w.Line($"depthStart += {depthBlock};");
        }
    }

    /// <summary>
    /// Inputs per depth block of the forward product on <paramref name="path"/>. The strip of W a column tile reads is
    /// not contiguous: its rows are OUT floats apart, and when that stride is a multiple of a large power of two (OUT =
    /// 128: 512 bytes) the rows fall into only 8 of the 64 sets of a 32 KiB 8-way L1, so a strip of more than ~64 rows
    /// evicts itself. On Vector256 and Vector128 (tiles 3 vectors wide) 48 rows measured best on a Zen 3: 784 → 128
    /// forward at batch 32 / 128 / 1024 took 101 / 464 / 3339 µs with 128 rows and 80 / 336 / 2759 µs with 48 (medians
    /// of 3 runs, `Bench -- kernels`); 32 rows lose more to reloading the tile's sums than they gain. Vector512 keeps
    /// 128 rows, which measured 90–98 % of peak on a Zen 4.
    /// </summary>
    private static int DepthBlockFor(VectorPath path) => path.Width == VectorPath.V512.Width ? 128 : 48;

    /// <summary>
    /// The bytes of inputs a block of rows keeps in L2: half the smallest L2 of the machines we run on (Zen 3,
    /// 512 KiB), leaving room for the strips of W that pass over it.
    /// </summary>
    private const int RowBlockBytes = 256 * 1024;

    /// <summary>Rows per block of the forward product: as many whole row tiles as fit <see cref="RowBlockBytes"/> of inputs.</summary>
    private int ForwardRowBlock(int tileRows) => Math.Max(tileRows, RowBlockBytes / (4 * _in) / tileRows * tileRows);

    /// <summary>
    /// The forward register tile (rows, vectors). On Vector512 it is 8 rows × 2 vectors: the same 16 accumulators as
    /// 4 × 4, but each weight vector feeds 8 FMAs, which halves the weights streamed from L2 per FMA (a column block of
    /// W is larger than L1). Elsewhere 4 × 3, which fits AVX2's 16 registers.
    /// </summary>
    private static (int Rows, int Vectors) ForwardTileFor(VectorPath path) =>
        path.Width == VectorPath.V512.Width ? (2 * TileRows, WideTileVectors / 2) : (TileRows, TileVectors);

    private static void EmitRowPointers(IndentedSourceWriter w)
    {
        w.Line("ref float x_b = ref Unsafe.Add(ref x0, b * IN);");
        w.Line("ref float y_b = ref Unsafe.Add(ref y0, b * OUT);");
    }

    /// <summary>Rows b .. b + rows − 1 of y at columns o + offsets: a register tile that walks the whole reduction over IN.</summary>
    /// <remarks>
    /// The tile sums inputs [<paramref name="kFrom"/>, <paramref name="kTo"/>); when the bool <paramref name="continues"/>
    /// names is true it adds to the sums y holds, else it starts from the bias (or 0).
    /// </remarks>
    private void EmitForwardTile(IndentedSourceWriter w, VectorPath path, int rows, int[] offsets, string kFrom, string kTo, string? continues)
    {
        string V = path.Type;
        int vectors = offsets.Length;
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
        {
            string start = _useBias ? $"addBias ? {V}.LoadUnsafe(ref bias0, (nuint)({Offset("o", offsets[v])})) : {V}<float>.Zero" : $"{V}<float>.Zero";
            if (continues is not null) start = $"{continues} ? {V}.LoadUnsafe(ref y_b, (nuint)({Offset("o", r * _out + offsets[v])})) : {start}";
            w.Line($"{V}<float> c{r}{v} = {start};");
        }
        // Two references step through the sum (a row of W, an input): the loads then take constant offsets from them,
        // with no index arithmetic in the loop.
        w.Line($"ref float w_k = ref Unsafe.Add(ref w0, {kFrom} * OUT + o);");
        w.Line($"ref float x_k = ref Unsafe.Add(ref x_b, {kFrom});");
        using (w.Block($"for (int k = {kFrom}; k < {kTo}; k++)"))
        {
            if (rows == 1)
            {
                // One row uses each weight vector once: loaded inside the multiply-add, it needs no register of its
                // own (8 accumulators + 8 loaded vectors would not fit AVX2's 16 registers).
                w.Line($"{V}<float> xk = {V}.Create(x_k);");
                foreach (int v in Range(vectors))
                    w.Line($"c0{v} = Simd.MultiplyAdd(xk, {V}.LoadUnsafe(ref w_k, {offsets[v]}), c0{v});");
            }
            else
            {
                foreach (int v in Range(vectors))
                    w.Line($"{V}<float> wv{v} = {V}.LoadUnsafe(ref w_k, {offsets[v]});");
                foreach (int r in Range(rows))
                {
                    string input = r == 0 ? "x_k" : $"Unsafe.Add(ref x_k, {r * _in})";
                    w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create({input});");
                    foreach (int v in Range(vectors))
                        w.Line($"c{r}{v} = Simd.MultiplyAdd(xk, wv{v}, c{r}{v});");
                }
            }
            w.Line("w_k = ref Unsafe.Add(ref w_k, OUT);");
            w.Line("x_k = ref Unsafe.Add(ref x_k, 1);");
        }
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"c{r}{v}.StoreUnsafe(ref y_b, (nuint)({Offset("o", r * _out + offsets[v])}));");
    }

    /// <summary>Columns [start, OUT) of rows b .. b + rows − 1, scalar: only when OUT is narrower than one vector.</summary>
    private void EmitForwardScalarColumns(IndentedSourceWriter w, int rows, int start, string kFrom, string kTo, string? continues)
    {
        w.Line($"// columns [{start}, {_out}): scalar (fewer than one vector)");
        using (w.Block($"for (int o = {start}; o < OUT; o++)"))
        {
            foreach (int r in Range(rows))
            {
                string initial = _useBias ? "addBias ? Unsafe.Add(ref bias0, o) : 0f" : "0f";
                if (continues is not null) initial = $"{continues} ? Unsafe.Add(ref y_b, {Offset("o", r * _out)}) : {initial}";
                w.Line($"float s{r} = {initial};");
            }
            using (w.Block($"for (int k = {kFrom}; k < {kTo}; k++)"))
            {
                w.Line("float w_ko = Unsafe.Add(ref w0, k * OUT + o);");
                foreach (int r in Range(rows))
                    w.Line($"s{r} += Unsafe.Add(ref x_b, {Offset("k", r * _in)}) * w_ko;");
            }
            foreach (int r in Range(rows))
                w.Line($"Unsafe.Add(ref y_b, {Offset("o", r * _out)}) = s{r};");
        }
    }
}
