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
    /// One path's body. Rows go in tiles of <see cref="TileRows"/>, column block by column block: a block's W columns
    /// (IN × one tile) stay in cache while every row tile walks them, so a W larger than the cache is read from memory
    /// once per call rather than once per row tile. The rows left over go one at a time with wider tiles.
    /// </summary>
    private void EmitForwardPath(IndentedSourceWriter w, VectorPath path)
    {
        var (tileRows, tileVectors) = ForwardTileFor(path);
        w.Line($"int fullRows = batch / {tileRows} * {tileRows};");
        if (_useBias) w.Line("bool addBias = kStart == 0; // the block that starts the sum adds the bias");
        var plan = new TilePlan(_out, path.Width, tileVectors);
        ForEachVectorTile(w, plan, offsets =>
        {
            using (w.Block($"for (int b = 0; b < fullRows; b += {tileRows})"))
            {
                EmitRowPointers(w);
                EmitForwardTile(w, path, tileRows, offsets);
            }
        });
        if (plan.ScalarCount > 0)
        {
            using (w.Block($"for (int b = 0; b < fullRows; b += {tileRows})"))
            {
                EmitRowPointers(w);
                EmitForwardScalarColumns(w, tileRows, plan.VectorEnd);
            }
        }
        w.Line("// the rows after the last full row tile, one at a time");
        using (w.Block("for (int b = fullRows; b < batch; b++)"))
        {
            EmitRowPointers(w);
            // A single row has no rows to reuse a weight vector across, so it takes wider tiles instead: 8 independent
            // accumulators keep the FMA pipeline full where 3 would wait on each other's latency.
            var single = new TilePlan(_out, path.Width, SingleRowTileVectors);
            ForEachVectorTile(w, single, offsets => EmitForwardTile(w, path, 1, offsets));
            if (single.ScalarCount > 0) EmitForwardScalarColumns(w, 1, single.VectorEnd);
        }
    }

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
    private void EmitForwardTile(IndentedSourceWriter w, VectorPath path, int rows, int[] offsets)
    {
        string V = path.Type;
        int vectors = offsets.Length;
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"{V}<float> c{r}{v} = " + (_useBias ? $"addBias ? {V}.LoadUnsafe(ref bias0, (nuint)({Offset("o", offsets[v])})) : {V}<float>.Zero;" : $"{V}<float>.Zero;"));
        w.Line("ref float w_o = ref Unsafe.Add(ref w0, o);");
        using (w.Block("for (int k = kStart; k < kEnd; k++)"))
        {
            w.Line("ref float w_ko = ref Unsafe.Add(ref w_o, k * OUT);");
            foreach (int v in Range(vectors))
                w.Line($"{V}<float> wv{v} = {V}.LoadUnsafe(ref w_ko, {offsets[v]});");
            foreach (int r in Range(rows))
            {
                w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create(Unsafe.Add(ref x_b, {Offset("k", r * _in)}));");
                foreach (int v in Range(vectors))
                    w.Line($"c{r}{v} = Simd.MultiplyAdd(xk, wv{v}, c{r}{v});");
            }
        }
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"c{r}{v}.StoreUnsafe(ref y_b, (nuint)({Offset("o", r * _out + offsets[v])}));");
    }

    /// <summary>Columns [start, OUT) of rows b .. b + rows − 1, scalar: only when OUT is narrower than one vector.</summary>
    private void EmitForwardScalarColumns(IndentedSourceWriter w, int rows, int start)
    {
        w.Line($"// columns [{start}, {_out}): scalar (fewer than one vector)");
        using (w.Block($"for (int o = {start}; o < OUT; o++)"))
        {
            foreach (int r in Range(rows))
                w.Line($"float s{r} = {(_useBias ? "addBias ? Unsafe.Add(ref bias0, o) : 0f" : "0f")};");
            using (w.Block("for (int k = kStart; k < kEnd; k++)"))
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
