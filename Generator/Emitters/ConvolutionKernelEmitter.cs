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
            w.Line("/// <summary>The offset of output position <paramref name=\"m\"/>'s window in the input: row m of the patch matrix starts there.</summary>");
            using (w.Block("private static int Origin(int m)"))
            {
                w.Line("int b = m / (OH * OW), p = m - b * (OH * OW);");
                w.Line("int oy = p / OW, ox = p - oy * OW;");
                w.Line("return ((b * H + oy * SH) * W + ox * SW) * C;");
            }
            w.Line();
            w.Line("/// <summary>The offset of kernel row <paramref name=\"k\"/> = (ky, kx, c) within a window.</summary>");
            using (w.Block("private static int TapOffset(int k)"))
            {
                w.Line("int ky = k / (KW * C), r = k - ky * (KW * C);");
                w.Line("int kx = r / C, c = r - kx * C;");
                w.Line("return (ky * DH * W + kx * DW) * C + c;");
            }
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

    private void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>y = conv(x, W){(_useBias ? " + b" : "")} for <paramref name=\"batch\"/> samples.</summary>");
        using (w.Block($"public static void Forward({ForwardParameters})"))
            w.Line($"Forward({ForwardArguments}, 0, batch * OH * OW);");
        w.Line();
        w.Line("/// <summary>Output positions [<paramref name=\"rowStart\"/>, <paramref name=\"rowEnd\"/>) of the batch: one thread's part.</summary>");
        string parameters = ForwardParameters + ", int rowStart, int rowEnd";
        string arguments = ForwardArguments + ", rowStart, rowEnd";
        using (w.Block($"public static void Forward({parameters})"))
        {
            w.Line("if (x.Length < batch * H * W * C || y.Length < batch * OH * OW * F || w.Length != K * F" + (_useBias ? " || bias.Length != F" : "")
                + " || rowStart < 0 || rowEnd > batch * OH * OW || rowStart > rowEnd)");
            w.Line($"    throw new ArgumentException(\"{Name}.Forward: buffer lengths or rows do not match the layer shape.\");");
            EmitDispatch(w, "Forward", arguments);
        }
        foreach (VectorPath path in Paths)
        {
            w.Line();
            using (w.Block($"internal static void Forward{path.Suffix}({parameters})"))
            {
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float w0 = ref MemoryMarshal.GetReference(w);");
                if (_useBias) w.Line("ref float bias0 = ref MemoryMarshal.GetReference(bias);");
                w.Line("ref float y0 = ref MemoryMarshal.GetReference(y);");
                var (rows, vectors) = TileFor(path);
                w.Line("int m = rowStart;");
                w.Line($"// output positions in tiles of {rows}: each keeps its own window origin, so a tile may cross rows and samples");
                using (w.Block($"for (; m + {rows} <= rowEnd; m += {rows})"))
                    EmitForwardRows(w, path, rows, vectors);
                w.Line("// the positions after the last full tile, one at a time");
                using (w.Block("for (; m < rowEnd; m++)"))
                    EmitForwardRows(w, path, 1, 4);
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"Forward\"/>: the plain loops over positions, filters and taps.</summary>");
        using (w.Block($"internal static void ForwardReference({parameters})"))
        {
            using (w.Block("for (int m = rowStart; m < rowEnd; m++)"))
            {
                w.Line("int origin = Origin(m);");
                using (w.Block("for (int o = 0; o < F; o++)"))
                {
                    w.Line($"float sum = {(_useBias ? "bias[o]" : "0f")};");
                    w.Line("for (int k = 0; k < K; k++) sum += x[origin + TapOffset(k)] * w[k * F + o];");
                    w.Line("y[m * F + o] = sum;");
                }
            }
        }
    }

    /// <summary>Output rows m .. m + rows − 1, every filter: register tiles over F that each walk all K taps.</summary>
    private void EmitForwardRows(IndentedSourceWriter w, VectorPath path, int rows, int maxVectors)
    {
        foreach (int r in Range(rows))
            w.Line($"int x_{r} = Origin({Offset("m", r)});");
        w.Line("ref float y_m = ref Unsafe.Add(ref y0, m * F);");
        var plan = new TilePlan(F, path.Width, maxVectors);
        ForEachVectorTile(w, plan, offsets => EmitForwardTile(w, path, rows, offsets));
    }

    private void EmitForwardTile(IndentedSourceWriter w, VectorPath path, int rows, int[] offsets)
    {
        string V = path.Type;
        int vectors = offsets.Length;
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"{V}<float> c{r}{v} = " + (_useBias ? $"{V}.LoadUnsafe(ref bias0, (nuint)({Offset("o", offsets[v])}));" : $"{V}<float>.Zero;"));
        w.Line("ref float w_o = ref Unsafe.Add(ref w0, o);");
        EmitTapLoops(w, (tap, weightRow) =>
        {
            w.Line($"ref float w_k = ref Unsafe.Add(ref w_o, ({weightRow}) * F);");
            foreach (int v in Range(vectors))
                w.Line($"{V}<float> wv{v} = {V}.LoadUnsafe(ref w_k, {offsets[v]});");
            foreach (int r in Range(rows))
            {
                w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create(Unsafe.Add(ref x0, x_{r} + {tap}));");
                foreach (int v in Range(vectors))
                    w.Line($"c{r}{v} = Simd.MultiplyAdd(xk, wv{v}, c{r}{v});");
            }
        });
        foreach (int r in Range(rows))
        foreach (int v in Range(vectors))
            w.Line($"c{r}{v}.StoreUnsafe(ref y_m, (nuint)({Offset("o", r * F + offsets[v])}));");
    }

    /// <summary>
    /// The loops over a window's taps in kernel-row order (ky, kx, c); <paramref name="body"/> gets the tap's offset
    /// within the window and its row of the kernel matrix, as expressions.
    /// </summary>
    private void EmitTapLoops(IndentedSourceWriter w, Action<string, string> body)
    {
        ConvolutionGeometry g = _g;
        string rowOffset = g.KernelHeight == 1 ? "" : "ky * (DH * W * C) + ";
        string rowStart = g.KernelHeight == 1 ? "" : "ky * (KW * C) + ";
        IDisposable? outer = g.KernelHeight == 1 ? null : w.Block("for (int ky = 0; ky < KH; ky++)");
        if (RowIsContiguous)
        {
            w.Line($"// the taps of {(g.KernelHeight == 1 ? "the window" : "kernel row ky")}: kw·in = {g.KernelWidth * g.Channels} floats in a row of the input");
            using (w.Block("for (int j = 0; j < KW * C; j++)"))
                body($"{rowOffset}j", $"{rowStart}j");
        }
        else
        {
            using (w.Block("for (int kx = 0; kx < KW; kx++)"))
            using (w.Block("for (int c = 0; c < C; c++)"))
                body($"{rowOffset}kx * (DW * C) + c", $"{rowStart}kx * C + c");
        }
        outer?.Dispose();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // BackwardWeights: dW = Pᵀ·dY, db = Σ dY

    private string WeightsParameters => "Span<float> dw, " + (_useBias ? "Span<float> db, " : "") + "ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch";

    private string WeightsArguments => "dw, " + (_useBias ? "db, " : "") + "x, dy, batch";

    /// <summary>Output rows per block of the weight gradient: the block's dY stays in L1 while every tile of dW reads it.</summary>
    private int BlockRows => Math.Max(1, Math.Min(_g.OutputHeight, WeightBlockFloats / Math.Max(1, _g.OutputWidth * F)));

    private void EmitBackwardWeights(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>dW = Pᵀ·dY{(_useBias ? " and db = Σ dY" : "")} over the batch (written, not accumulated).</summary>");
        using (w.Block($"public static void BackwardWeights({WeightsParameters})"))
            w.Line($"BackwardWeights({WeightsArguments}, 0, K);");
        w.Line();
        w.Line($"/// <summary>Rows [<paramref name=\"kStart\"/>, <paramref name=\"kEnd\"/>) of dW{(_useBias ? ", and db when kStart is 0" : "")}: one thread's part.</summary>");
        string parameters = WeightsParameters + ", int kStart, int kEnd";
        string arguments = WeightsArguments + ", kStart, kEnd";
        using (w.Block($"public static void BackwardWeights({parameters})"))
        {
            w.Line("if (x.Length < batch * H * W * C || dy.Length < batch * OH * OW * F || dw.Length != K * F" + (_useBias ? " || db.Length != F" : "")
                + " || kStart < 0 || kEnd > K || kStart > kEnd)");
            w.Line($"    throw new ArgumentException(\"{Name}.BackwardWeights: buffer lengths or rows do not match the layer shape.\");");
            w.Line("dw.Slice(kStart * F, (kEnd - kStart) * F).Clear(); // the blocks below accumulate");
            EmitDispatch(w, "BackwardWeights", arguments);
            if (_useBias)
            {
                w.Line("if (kStart == 0) BiasGradient(db, dy, batch);");
            }
        }
        foreach (VectorPath path in Paths)
        {
            w.Line();
            using (w.Block($"internal static void BackwardWeights{path.Suffix}({parameters})"))
            {
                w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
                w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
                w.Line("ref float dw0 = ref MemoryMarshal.GetReference(dw);");
                var (rows, vectors) = TileFor(path);
                w.Line($"// blocks of {BlockRows} output row(s) of one sample: the block's dY stays in L1 while every tile of dW reads it");
                using (w.Block("for (int b = 0; b < batch; b++)"))
                using (w.Block($"for (int oyStart = 0; oyStart < OH; oyStart += {BlockRows})"))
                {
                    w.Line($"int oyEnd = Math.Min(OH, oyStart + {BlockRows});");
                    w.Line("int k = kStart;");
                    w.Line($"// rows of dW in tiles of {rows}, each row a tap whose input value every position reads at its own offset");
                    using (w.Block($"for (; k + {rows} <= kEnd; k += {rows})"))
                        EmitWeightRows(w, path, rows, vectors);
                    using (w.Block("for (; k < kEnd; k++)"))
                        EmitWeightRows(w, path, 1, 4);
                }
            }
        }
        w.Line();
        w.Line("/// <summary>The scalar reference for <see cref=\"BackwardWeights\"/> (dW only; the entry adds db).</summary>");
        using (w.Block($"internal static void BackwardWeightsReference({parameters})"))
        {
            using (w.Block("for (int k = kStart; k < kEnd; k++)"))
            {
                w.Line("int tap = TapOffset(k);");
                using (w.Block("for (int o = 0; o < F; o++)"))
                {
                    w.Line("float sum = 0f;");
                    w.Line("for (int m = 0; m < batch * OH * OW; m++) sum += x[Origin(m) + tap] * dy[m * F + o];");
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

    /// <summary>Rows k .. k + rows − 1 of dW, every filter, added over the block's output positions.</summary>
    private void EmitWeightRows(IndentedSourceWriter w, VectorPath path, int rows, int maxVectors)
    {
        string V = path.Type;
        foreach (int r in Range(rows))
            w.Line($"int tap_{r} = TapOffset({Offset("k", r)});");
        w.Line("ref float dw_k = ref Unsafe.Add(ref dw0, k * F);");
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
                w.Line($"{V}<float> c{r}{v} = {V}<float>.Zero;");
            using (w.Block("for (int oy = oyStart; oy < oyEnd; oy++)"))
            {
                w.Line("ref float x_row = ref Unsafe.Add(ref x0, (b * H + oy * SH) * W * C);");
                w.Line("ref float dy_row = ref Unsafe.Add(ref dy0, ((b * OH + oy) * OW) * F + o);");
                using (w.Block("for (int ox = 0; ox < OW; ox++)"))
                {
                    w.Line("ref float x_p = ref Unsafe.Add(ref x_row, ox * (SW * C));");
                    w.Line("ref float dy_p = ref Unsafe.Add(ref dy_row, ox * F);");
                    foreach (int v in Range(vectors))
                        w.Line($"{V}<float> d{v} = {V}.LoadUnsafe(ref dy_p, {offsets[v]});");
                    foreach (int r in Range(rows))
                    {
                        w.Line($"{(r == 0 ? $"{V}<float> " : "")}xk = {V}.Create(Unsafe.Add(ref x_p, tap_{r}));");
                        foreach (int v in Range(vectors))
                            w.Line($"c{r}{v} = Simd.MultiplyAdd(xk, d{v}, c{r}{v});");
                    }
                }
            }
            // Add the block's sums to dW. A row's vectors are all loaded before any is stored: where the last vector
            // overlaps the one before it, both lanes hold old + the same sum, written twice rather than added twice.
            foreach (int r in Range(rows))
            {
                foreach (int v in Range(vectors))
                    w.Line($"{V}<float> s{r}{v} = {V}.LoadUnsafe(ref dw_k, (nuint)({Offset("o", r * F + offsets[v])})) + {(masked ? $"(c{r}{v} & keep)" : $"c{r}{v}")};");
                foreach (int v in Range(vectors))
                    w.Line($"s{r}{v}.StoreUnsafe(ref dw_k, (nuint)({Offset("o", r * F + offsets[v])}));");
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
