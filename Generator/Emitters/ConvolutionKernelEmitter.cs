using System;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using static NetGen.Generator.Emitters.TileLoops;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits the kernels of one convolution geometry as implicit GEMM: Keras's (kh, kw, in, out) kernel is a (K, F) matrix
/// with K = kh·kw·in, and the output (B, Ho, Wo, F) is a (M, F) matrix with M = B·Ho·Wo, so y = P·W + b where row m
/// of the patch matrix P is the window under output position m. P is never built: a register tile of output rows
/// keeps the offset of each row's window in the (padded) input and walks the kernel taps, and for each tap loads the
/// kernel's row once for all the tile's rows. The weight gradient dW = Pᵀ·dY reads P the same way; the input gradient
/// is the forward product of another geometry (see ConvolutionEmitter).
/// </summary>
/// <remarks>
/// Within one kernel row (ky) the taps (kx, c) of a window are contiguous in the input when the dilation along the
/// width is 1, so the reduction runs over kh runs of kw·in floats. Paths: Vector512 when F fills a 16-lane vector,
/// Vector256 when it fills 8, Vector128 when it fills 4 (a narrower layer is scalar, the reference). Each result
/// element is reduced in the same order (ky, kx, c) by every path and every split, so the bits do not depend on the
/// thread count.
/// </remarks>
internal sealed class ConvolutionKernelEmitter
{
    private readonly ConvolutionGeometry _g;
    private readonly bool _useBias;
    private readonly bool _forwardOnly;

    public ConvolutionKernelEmitter(ConvolutionGeometry geometry, bool useBias, bool forwardOnly)
    {
        _g = geometry;
        _useBias = useBias;
        _forwardOnly = forwardOnly;
    }

    /// <summary>The class name of a geometry's kernels: padded input, kernel, filters, and what differs from 1.</summary>
    public static string NameOf(ConvolutionGeometry g, bool useBias) =>
        $"Conv_{g.PaddedHeight}x{g.PaddedWidth}x{g.Channels}_{g.KernelHeight}x{g.KernelWidth}x{g.Filters}"
        + (g.StrideHeight != 1 || g.StrideWidth != 1 ? $"_s{g.StrideHeight}x{g.StrideWidth}" : "")
        + (g.DilationHeight != 1 || g.DilationWidth != 1 ? $"_d{g.DilationHeight}x{g.DilationWidth}" : "")
        + (useBias ? "" : "_NoBias");

    private string Name => NameOf(_g, _useBias);

    /// <summary>Floats of dY (and of the matching input rows) one block of the weight gradient keeps in L1: 16 KB.</summary>
    private const int WeightBlockFloats = 4096;

    /// <summary>The paths this geometry gets: a path only when F fills one of its vectors.</summary>
    private VectorPath[] Paths
    {
        get
        {
            var paths = new System.Collections.Generic.List<VectorPath>();
            foreach (VectorPath path in VectorPath.All)
                if (_g.Filters >= path.Width) paths.Add(path);
            return paths.ToArray();
        }
    }

    /// <summary>
    /// The register tile (rows, vectors): as many accumulators as the registers allow beside the kernel row's vectors
    /// and one broadcast — 24 of AVX-512's 32, 12 of AVX2's 16 — in the shape that divides F's vectors.
    /// </summary>
    private (int Rows, int Vectors) TileFor(VectorPath path)
    {
        int vectors = (_g.Filters + path.Width - 1) / path.Width;
        if (path.Width == VectorPath.V512.Width)
        {
            int v = vectors == 1 ? 1 : vectors % 4 == 0 ? 4 : vectors % 3 == 0 ? 3 : 2;
            return (v switch { 1 => 12, 2 => 12, 3 => 8, _ => 6 }, v);
        }
        int narrow = vectors == 1 ? 1 : vectors % 3 == 0 ? 3 : 2;
        return (narrow switch { 1 => 8, 2 => 6, _ => 4 }, narrow);
    }

    private int K => _g.KernelRows;

    private int F => _g.Filters;

    private int C => _g.Channels;

    /// <summary>Whether the taps of one kernel row are one contiguous run of kw·in floats in the input.</summary>
    private bool RowIsContiguous => _g.DilationWidth == 1 || _g.KernelWidth == 1;

    public void Emit(IndentedSourceWriter w)
    {
        ConvolutionGeometry g = _g;
        w.Line($"/// <summary>");
        w.Line($"/// A convolution as implicit GEMM: x ({g.PaddedHeight}, {g.PaddedWidth}, {g.Channels}) per sample{(g.IsPadded ? " (already padded)" : "")}, kernel ({g.KernelHeight}, {g.KernelWidth}, {g.Channels}, {g.Filters})"
            + $"{(g.StrideHeight != 1 || g.StrideWidth != 1 ? $", strides ({g.StrideHeight}, {g.StrideWidth})" : "")}{(g.DilationHeight != 1 || g.DilationWidth != 1 ? $", dilation ({g.DilationHeight}, {g.DilationWidth})" : "")}"
            + $" → y ({g.OutputHeight}, {g.OutputWidth}, {g.Filters}){(_useBias ? " + b" : "")}.");
        w.Line($"/// </summary>");
        using (w.Block($"internal static class {Name}"))
        {
            w.Line($"public const int H = {g.PaddedHeight}, W = {g.PaddedWidth}, C = {g.Channels}; // the input as read");
            w.Line($"public const int KH = {g.KernelHeight}, KW = {g.KernelWidth}, F = {g.Filters}, SH = {g.StrideHeight}, SW = {g.StrideWidth}, DH = {g.DilationHeight}, DW = {g.DilationWidth};");
            w.Line($"public const int OH = {g.OutputHeight}, OW = {g.OutputWidth};");
            w.Line("public const int K = KH * KW * C; // rows of the kernel matrix");
            w.Line();
            EmitForward(w);
            if (_forwardOnly) return;
            w.Line();
            EmitBackwardWeights(w);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Forward: y = P·W + b

    private string ForwardParameters => "Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w" + (_useBias ? ", ReadOnlySpan<float> bias" : "") + ", int batch";

    private string ForwardArguments => "y, x, w" + (_useBias ? ", bias" : "") + ", batch";

    /// <summary>
    /// Splits <paramref name="count"/> items into as few tiles of at most <paramref name="max"/> as possible, evenly:
    /// (size, tiles) pairs, the larger size first — at most two sizes, each a constant in the generated code.
    /// </summary>
    private static (int Size, int Tiles)[] EvenTiles(int count, int max)
    {
        int tiles = (count + max - 1) / max, size = count / tiles, larger = count % tiles;
        return larger == 0 ? new[] { (size, tiles) } : new[] { (size + 1, larger), (size, tiles - larger) };
    }

    private void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>y = conv(x, W){(_useBias ? " + b" : "")} for <paramref name=\"batch\"/> samples.</summary>");
        using (w.Block($"public static void Forward({ForwardParameters})"))
            w.Line($"Forward({ForwardArguments}, 0, batch * OH);");
        w.Line();
        w.Line("/// <summary>Output rows [<paramref name=\"rowStart\"/>, <paramref name=\"rowEnd\"/>) of the batch (row = b·OH + oy): one thread's part.</summary>");
        string parameters = ForwardParameters + ", int rowStart, int rowEnd";
        string arguments = ForwardArguments + ", rowStart, rowEnd";
        using (w.Block($"public static void Forward({parameters})"))
        {
            w.Line("if (x.Length < batch * H * W * C || y.Length < batch * OH * OW * F || w.Length != K * F" + (_useBias ? " || bias.Length != F" : "")
                + " || rowStart < 0 || rowEnd > batch * OH || rowStart > rowEnd)");
            w.Line($"    throw new ArgumentException(\"{Name}.Forward: buffer lengths or rows do not match the layer shape.\");");
            EmitDispatch(w, "Forward", arguments);
        }
        foreach (VectorPath path in Paths)
        {
            w.Line();
            w.Line(OptimizedAtOnce);
            using (w.Block($"internal static void Forward{path.Suffix}({parameters})"))
            {
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float w0 = ref MemoryMarshal.GetReference(w);");
                if (_useBias) w.Line("ref float bias0 = ref MemoryMarshal.GetReference(bias);");
                w.Line("ref float y0 = ref MemoryMarshal.GetReference(y);");
                var (rows, vectors) = TileFor(path);
                using (w.Block("for (int row = rowStart; row < rowEnd; row++)"))
                {
                    w.Line("int b = row / OH, oy = row - b * OH;");
                    w.Line("ref float x_row = ref Unsafe.Add(ref x0, (b * H + oy * SH) * W * C);");
                    w.Line("ref float y_row = ref Unsafe.Add(ref y0, row * (OW * F));");
                    // Tiles of neighbouring positions of one output row: their windows start SW·C floats apart, so one
                    // base address and constant displacements reach every row of the tile.
                    int ox = 0;
                    foreach (var (size, tiles) in EvenTiles(_g.OutputWidth, rows))
                    {
                        w.Line($"// positions [{ox}, {ox + size * tiles}) of the row: {tiles} tile(s) of {size}");
                        using (w.Block($"for (int ox = {ox}; ox < {ox + size * tiles}; ox += {size})"))
                        {
                            w.Line("ref float x_m = ref Unsafe.Add(ref x_row, ox * (SW * C));");
                            w.Line("ref float y_m = ref Unsafe.Add(ref y_row, ox * F);");
                            var plan = new TilePlan(F, path.Width, size == rows ? vectors : Math.Max(vectors, Math.Min(4, rows * vectors / size)));
                            ForEachVectorTile(w, plan, offsets => EmitForwardTile(w, path, size, offsets));
                        }
                        ox += size * tiles;
                    }
                }
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"Forward\"/>: the plain loops over positions, filters and taps.</summary>");
        using (w.Block($"internal static void ForwardReference({parameters})"))
        {
            using (w.Block("for (int m = rowStart * OW; m < rowEnd * OW; m++)"))
            {
                w.Line("int b = m / (OH * OW), p = m - b * (OH * OW), oy = p / OW, ox = p - oy * OW;");
                w.Line("int origin = ((b * H + oy * SH) * W + ox * SW) * C;");
                using (w.Block("for (int o = 0; o < F; o++)"))
                {
                    w.Line($"float sum = {(_useBias ? "bias[o]" : "0f")};");
                    using (w.Block("for (int k = 0; k < K; k++)"))
                    {
                        w.Line("int ky = k / (KW * C), r = k - ky * (KW * C), kx = r / C, c = r - kx * C;");
                        w.Line("sum += x[origin + (ky * DH * W + kx * DW) * C + c] * w[k * F + o];");
                    }
                    w.Line("y[m * F + o] = sum;");
                }
            }
        }
    }

    /// <summary>Positions ox .. ox + rows − 1 of the row at columns o + offsets: a register tile that walks all K taps.</summary>
    private void EmitForwardTile(IndentedSourceWriter w, VectorPath path, int rows, int[] offsets)
    {
        string V = path.Type;
        int vectors = offsets.Length;
        int step = _g.StrideWidth * C;
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"{V}<float> c{r}_{v} = " + (_useBias ? $"{V}.LoadUnsafe(ref bias0, (nuint)({Offset("o", offsets[v])}));" : $"{V}<float>.Zero;"));
        w.Line("ref float w_o = ref Unsafe.Add(ref w0, o);");
        EmitRuns(w, "x_m", (x, j, weightRow) =>
        {
            w.Line($"ref float w_k = ref Unsafe.Add(ref w_o, ({weightRow}) * F);");
            foreach (int v in Range(vectors))
                w.Line($"{V}<float> wv{v} = {V}.LoadUnsafe(ref w_k, {offsets[v]});");
            foreach (int r in Range(rows))
            {
                w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create(Unsafe.Add(ref {x}, {Offset(j, r * step)}));");
                foreach (int v in Range(vectors))
                    w.Line($"c{r}_{v} = Simd.MultiplyAdd(xk, wv{v}, c{r}_{v});");
            }
        });
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"c{r}_{v}.StoreUnsafe(ref y_m, (nuint)({Offset("o", r * F + offsets[v])}));");
    }

    /// <summary>
    /// The loops over a window's taps in kernel-row order (ky, kx, c), as runs contiguous in the input: one run of
    /// kw·in per kernel row when the width is not dilated, else one run of in per (ky, kx). <paramref name="body"/>
    /// gets the run's start (a ref declared here), the index within the run, and the tap's row of the kernel matrix.
    /// </summary>
    private void EmitRuns(IndentedSourceWriter w, string window, Action<string, string, string> body)
    {
        ConvolutionGeometry g = _g;
        IDisposable? rowsLoop = g.KernelHeight == 1 ? null : w.Block("for (int ky = 0; ky < KH; ky++)");
        string rowOffset = g.KernelHeight == 1 ? "0" : "ky * (DH * W * C)";
        string rowStart = g.KernelHeight == 1 ? "" : "ky * (KW * C) + ";
        if (RowIsContiguous)
        {
            w.Line($"ref float x_t = ref Unsafe.Add(ref {window}, {rowOffset}); // the taps of {(g.KernelHeight == 1 ? "the window" : "kernel row ky")}: kw·in = {g.KernelWidth * g.Channels} floats in a row");
            using (w.Block("for (int j = 0; j < KW * C; j++)"))
                body("x_t", "j", $"{rowStart}j");
        }
        else
        {
            using (w.Block("for (int kx = 0; kx < KW; kx++)"))
            {
                w.Line($"ref float x_t = ref Unsafe.Add(ref {window}, {rowOffset} + kx * (DW * C)); // the channels of tap (ky, kx)");
                using (w.Block("for (int c = 0; c < C; c++)"))
                    body("x_t", "c", $"{rowStart}kx * C + c");
            }
        }
        rowsLoop?.Dispose();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // BackwardWeights: dW = Pᵀ·dY, db = Σ dY

    private string WeightsParameters => "Span<float> dw, " + (_useBias ? "Span<float> db, " : "") + "ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch";

    private string WeightsArguments => "dw, " + (_useBias ? "db, " : "") + "x, dy, batch";

    /// <summary>Output rows per block of the weight gradient: the block's dY stays in L1 while every tile of dW reads it.</summary>
    private int BlockRows => Math.Max(1, Math.Min(_g.OutputHeight, WeightBlockFloats / Math.Max(1, _g.OutputWidth * F)));

    /// <summary>The runs of taps contiguous in the input (kernel rows, or (ky, kx) when the width is dilated) and their length.</summary>
    private (int Runs, int Length) RunsOfTaps => RowIsContiguous
        ? (_g.KernelHeight, _g.KernelWidth * C)
        : (_g.KernelHeight * _g.KernelWidth, C);

    private void EmitBackwardWeights(IndentedSourceWriter w)
    {
        var (runs, length) = RunsOfTaps;
        w.Line($"/// <summary>dW = Pᵀ·dY{(_useBias ? " and db = Σ dY" : "")} over the batch (written, not accumulated).</summary>");
        using (w.Block($"public static void BackwardWeights({WeightsParameters})"))
            w.Line($"BackwardWeights({WeightsArguments}, 0, WeightTiles);");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The row tiles of dW the path this machine runs cuts it into: each of the {runs} run(s) of {length} taps contiguous in");
        w.Line("/// the input, cut evenly into register tiles. Threads split dW by these tiles.");
        w.Line("/// </summary>");
        string count = string.Join(" : ", Paths.Select(path => $"{path.Type}.IsHardwareAccelerated ? {WeightTilesOf(path)}")) + (Paths.Length > 0 ? " : " : "") + "K";
        w.Line($"public static int WeightTiles => {count};");
        w.Line();
        w.Line($"/// <summary>Row tiles [<paramref name=\"tileStart\"/>, <paramref name=\"tileEnd\"/>) of dW (see <see cref=\"WeightTiles\"/>){(_useBias ? ", and db when tileStart is 0" : "")}: one thread's part.</summary>");
        string parameters = WeightsParameters + ", int tileStart, int tileEnd";
        string arguments = WeightsArguments + ", tileStart, tileEnd";
        using (w.Block($"public static void BackwardWeights({parameters})"))
        {
            w.Line("if (x.Length < batch * H * W * C || dy.Length < batch * OH * OW * F || dw.Length != K * F" + (_useBias ? " || db.Length != F" : "")
                + " || tileStart < 0 || tileEnd > WeightTiles || tileStart > tileEnd)");
            w.Line($"    throw new ArgumentException(\"{Name}.BackwardWeights: buffer lengths or tiles do not match the layer shape.\");");
            EmitDispatch(w, "BackwardWeights", arguments);
            if (_useBias)
                w.Line("if (tileStart == 0) BiasGradient(db, dy, batch);");
        }
        foreach (VectorPath path in Paths)
        {
            w.Line();
            w.Line(OptimizedAtOnce);
            using (w.Block($"internal static void BackwardWeights{path.Suffix}({parameters})"))
            {
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
                w.Line("ref float dw0 = ref MemoryMarshal.GetReference(dw);");
                var (rows, vectors) = TileFor(path);
                (int Size, int Tiles)[] tiles = EvenTiles(length, rows);
                int tilesPerRun = TilesPerRun(path);
                w.Line($"// the tiles' rows of dW start at zero; the blocks below add to them");
                using (w.Block("for (int t = tileStart; t < tileEnd; t++)"))
                    w.Line($"dw.Slice(TileStart{path.Suffix}(t) * F, TileSize{path.Suffix}(t) * F).Clear();");
                w.Line($"// blocks of {BlockRows} output row(s) of one sample: the block's dY stays in L1 while every tile of dW reads it");
                using (w.Block("for (int b = 0; b < batch; b++)"))
                using (w.Block($"for (int oyStart = 0; oyStart < OH; oyStart += {BlockRows})"))
                {
                    w.Line($"int oyEnd = Math.Min(OH, oyStart + {BlockRows});");
                    if (IsSingleTile(path))
                    {
                        // Every row of dW fits one register tile: each row's tap offset is a constant.
                        using (w.Block("if (tileStart == 0 && tileEnd == 1)"))
                        {
                            w.Line("ref float dw_k = ref dw0;");
                            w.Line("const int tap = 0;");
                            EmitWeightRows(w, path, K, Math.Max(vectors, Math.Min(4, rows * vectors / K)), Enumerable.Range(0, K).Select(TapOffset).ToArray());
                        }
                    }
                    else using (w.Block("for (int t = tileStart; t < tileEnd; t++)"))
                    {
                        w.Line($"int run = t / {tilesPerRun}, tile = t - run * {tilesPerRun};");
                        w.Line(RowIsContiguous
                            ? "int runOffset = run * (DH * W * C), runRow = run * (KW * C); // kernel row ky = run"
                            : "int ky = run / KW, kx = run - ky * KW, runOffset = (ky * DH * W + kx * DW) * C, runRow = run * C; // tap (ky, kx)");
                        int first = 0;
                        for (int i = 0; i < tiles.Length; i++)
                        {
                            var (size, count2) = tiles[i];
                            string condition = tiles.Length == 1 ? "" : i == tiles.Length - 1 ? "else" : $"if (tile < {first + count2})";
                            using (condition.Length == 0 ? w.Scope() : w.Block(condition))
                            {
                                w.Line($"int j = {(first == 0 ? "" : $"{first * tiles[0].Size} + ")}(tile - {first}) * {size}; // rows runRow + j .. + {size - 1} of dW");
                                w.Line("ref float dw_k = ref Unsafe.Add(ref dw0, (runRow + j) * F);");
                                w.Line("int tap = runOffset + j;");
                                EmitWeightRows(w, path, size, size == rows ? vectors : Math.Max(vectors, Math.Min(4, rows * vectors / size)), Enumerable.Range(0, size).ToArray());
                            }
                            first += count2;
                        }
                    }
                }
            }
            w.Line();
            EmitTileGeometry(w, path);
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"BackwardWeights\"/> (dW only; the entry adds db): tiles are single rows of dW.</summary>");
        using (w.Block($"internal static void BackwardWeightsReference({parameters})"))
        {
            using (w.Block("for (int k = tileStart; k < tileEnd; k++)"))
            {
                w.Line("int ky = k / (KW * C), r = k - ky * (KW * C), kx = r / C, c = r - kx * C;");
                w.Line("int tap = (ky * DH * W + kx * DW) * C + c;");
                using (w.Block("for (int o = 0; o < F; o++)"))
                {
                    w.Line("float sum = 0f;");
                    using (w.Block("for (int m = 0; m < batch * OH * OW; m++)"))
                    {
                        w.Line("int b = m / (OH * OW), p = m - b * (OH * OW), oy = p / OW, ox = p - oy * OW;");
                        w.Line("sum += x[((b * H + oy * SH) * W + ox * SW) * C + tap] * dy[m * F + o];");
                    }
                    w.Line("dw[k * F + o] = sum;");
                }
            }
        }
        if (_useBias)
        {
            w.Line();
            w.Line("/// <summary>db = Σ over every output position of dY.</summary>");
            using (w.Block("private static void BiasGradient(Span<float> db, ReadOnlySpan<float> dy, int batch)"))
            {
                w.Line("db.Clear();");
                w.Line("for (int m = 0; m < batch * OH * OW; m++)");
                w.Line("    for (int o = 0; o < F; o++) db[o] += dy[m * F + o];");
            }
        }
    }

    /// <summary>The tiles one run of taps is cut into on <paramref name="path"/>.</summary>
    private int TilesPerRun(VectorPath path) => EvenTiles(RunsOfTaps.Length, TileFor(path).Rows).Sum(tile => tile.Tiles);

    /// <summary>
    /// Whether all of dW is one register tile on <paramref name="path"/> (a first layer over few channels: 3 × 3 × 1 is 9
    /// rows), rather than one small tile per run of taps.
    /// </summary>
    private bool IsSingleTile(VectorPath path) => RunsOfTaps.Runs > 1 && K <= TileFor(path).Rows;

    /// <summary>The row tiles of dW on <paramref name="path"/>.</summary>
    private int WeightTilesOf(VectorPath path) => IsSingleTile(path) ? 1 : RunsOfTaps.Runs * TilesPerRun(path);

    /// <summary>The offset of kernel row <paramref name="k"/> = (ky, kx, c) within a window of the input.</summary>
    private int TapOffset(int k)
    {
        int ky = k / (_g.KernelWidth * C), rest = k - ky * (_g.KernelWidth * C), kx = rest / C, c = rest - kx * C;
        return (ky * _g.DilationHeight * _g.PaddedWidth + kx * _g.DilationWidth) * C + c;
    }

    /// <summary>The first row of dW and the rows of tile t on <paramref name="path"/>, for clearing a thread's tiles.</summary>
    private void EmitTileGeometry(IndentedSourceWriter w, VectorPath path)
    {
        if (IsSingleTile(path))
        {
            w.Line($"private static int TileStart{path.Suffix}(int t) => 0;");
            w.Line($"private static int TileSize{path.Suffix}(int t) => K;");
            return;
        }
        var (_, length) = RunsOfTaps;
        (int Size, int Tiles)[] tiles = EvenTiles(length, TileFor(path).Rows);
        int tilesPerRun = TilesPerRun(path);
        int largeTiles = tiles[0].Tiles, large = tiles[0].Size, small = tiles[tiles.Length - 1].Size;
        w.Line($"private static int TileStart{path.Suffix}(int t) => t / {tilesPerRun} * {length} + (t % {tilesPerRun} < {largeTiles} ? t % {tilesPerRun} * {large} : {largeTiles * large} + (t % {tilesPerRun} - {largeTiles}) * {small});");
        w.Line($"private static int TileSize{path.Suffix}(int t) => t % {tilesPerRun} < {largeTiles} ? {large} : {small};");
    }

    /// <summary>Rows runRow + j .. + rows − 1 of dW (taps tap .. tap + rows − 1 of each window), every filter, added over the block.</summary>
    private void EmitWeightRows(IndentedSourceWriter w, VectorPath path, int rows, int maxVectors, int[] rowOffsets)
    {
        string V = path.Type;
        var plan = new TilePlan(F, path.Width, maxVectors);
        // A one-vector remainder tile that starts inside the columns of the tile before it would add their sums twice:
        // its overlapped lanes are masked out of what it adds.
        int remainder = plan.Count - plan.FullEnd;
        int overlapped = plan.FullEnd > 0 && plan.RemainderVectors == 1 && remainder % path.Width != 0 ? path.Width - remainder : 0;
        int tiles = 0, tileCount = (plan.FullEnd > 0 ? 1 : 0) + (plan.RemainderVectors > 0 ? 1 : 0);
        ForEachVectorTile(w, plan, offsets =>
        {
            int vectors = offsets.Length;
            bool masked = ++tiles == tileCount && overlapped > 0;
            if (masked)
            {
                string lanes = string.Join(", ", Range(path.Width).Select(lane => lane < overlapped ? "0" : "-1"));
                w.Line($"{V}<float> keep = {V}.Create({lanes}).AsSingle(); // the first {overlapped} lane(s) belong to the tile before");
            }
            foreach (int r in Range(rows))
            foreach (int v in Range(vectors))
                w.Line($"{V}<float> c{r}_{v} = {V}<float>.Zero;");
            using (w.Block("for (int oy = oyStart; oy < oyEnd; oy++)"))
            {
                w.Line("ref float x_p = ref Unsafe.Add(ref x0, (b * H + oy * SH) * W * C + tap);");
                w.Line("ref float dy_p = ref Unsafe.Add(ref dy0, ((b * OH + oy) * OW) * F + o);");
                using (w.Block("for (int ox = 0; ox < OW; ox++)"))
                {
                    foreach (int v in Range(vectors))
                        w.Line($"{V}<float> d{v} = {V}.LoadUnsafe(ref dy_p, {offsets[v]});");
                    foreach (int r in Range(rows))
                    {
                        w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create(Unsafe.Add(ref x_p, {rowOffsets[r]}));");
                        foreach (int v in Range(vectors))
                            w.Line($"c{r}_{v} = Simd.MultiplyAdd(xk, d{v}, c{r}_{v});");
                    }
                    w.Line("x_p = ref Unsafe.Add(ref x_p, SW * C);");
                    w.Line("dy_p = ref Unsafe.Add(ref dy_p, F);");
                }
            }
            // Add the block's sums to dW. A row's vectors are all loaded before any is stored: where the last vector
            // overlaps the one before it, both lanes hold old + the same sum, written twice rather than added twice.
            foreach (int r in Range(rows))
            {
                foreach (int v in Range(vectors))
                    w.Line($"{V}<float> s{r}_{v} = {V}.LoadUnsafe(ref dw_k, (nuint)({Offset("o", r * F + offsets[v])})) + {(masked ? $"(c{r}_{v} & keep)" : $"c{r}_{v}")};");
                foreach (int v in Range(vectors))
                    w.Line($"s{r}_{v}.StoreUnsafe(ref dw_k, (nuint)({Offset("o", r * F + offsets[v])}));");
            }
        });
    }

    /// <summary>Calls the widest path the hardware accelerates (and F fills), else the scalar reference.</summary>
    private void EmitDispatch(IndentedSourceWriter w, string method, string arguments)
    {
        bool first = true;
        foreach (VectorPath path in Paths)
        {
            w.Line($"{(first ? "if" : "else if")} ({path.Type}.IsHardwareAccelerated) {method}{path.Suffix}({arguments});");
            first = false;
        }
        w.Line($"{(first ? "" : "else ")}{method}Reference({arguments});");
    }
}
