using System.Linq;
using NetGen.Generator.Helpers;
using static NetGen.Generator.Emitters.TileLoops;

namespace NetGen.Generator.Emitters;

internal sealed partial class DenseKernelEmitter
{
    /// <summary>Input columns per BackwardInput tile: 4 rows × 3 columns = 12 dot-product accumulators.</summary>
    private const int InputColumns = 3;

    /// <summary>
    /// Input columns per tile on the Vector512 path: AVX-512's 32 registers hold 4 × 4 accumulators, whose 16 sums one
    /// transposing reduction (<c>Simd.SumRows4x4</c>) delivers as four rows of four neighbouring dx values.
    /// </summary>
    private const int WideInputColumns = 4;

    private void EmitBackwardInput(IndentedSourceWriter w)
    {
        const string parameters = "Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, int batch";
        EmitEntry(w, "dx = dy·Wᵀ: the gradient with respect to the layer's input.", "BackwardInput", parameters, "dx, dy, w, batch",
            "dx.Length < batch * IN || dy.Length < batch * OUT || w.Length != IN * OUT");
        foreach (VectorPath path in Paths)
        {
            w.Line();
            w.Line(TileLoops.OptimizedAtOnce);
            using (w.Block($"internal static void BackwardInput{path.Suffix}({parameters})"))
            {
                w.Line("ref float dx0 = ref MemoryMarshal.GetReference(dx);");
                w.Line("ref float dy0 = ref MemoryMarshal.GetReference(dy);");
                w.Line("ref float w0 = ref MemoryMarshal.GetReference(w);");
                if (HasMaskedTail(path))
                    w.Line($"{path.Type}<float> tailMask = {path.Type}.Create({TailMaskLanes(path)}).AsSingle(); // keeps the last {_out % path.Width} lane(s)");
                EmitInputPath(w, path);
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

    /// <summary>
    /// One path's body. Each element of dx is a dot product of a dy row with a W row (both contiguous). Input columns
    /// go in tiles (3, or 4 on Vector512), and each tile's W rows stay in cache while every row tile of the batch
    /// uses them, so a W larger than the cache is read from memory once per call. Leftover rows go one at a time.
    /// </summary>
    private void EmitInputPath(IndentedSourceWriter w, VectorPath path)
    {
        int tileColumns = path.Width == VectorPath.V512.Width ? WideInputColumns : InputColumns;
        w.Line($"int fullRows = batch / {TileRows} * {TileRows};");
        ForEachConstantTile(w, "k", _in, tileColumns, columns =>
        {
            w.Line("ref float w_k = ref Unsafe.Add(ref w0, k * OUT);");
            using (w.Block($"for (int b = 0; b < fullRows; b += {TileRows})"))
            {
                EmitInputRowPointers(w);
                EmitInputTile(w, path, TileRows, columns);
            }
        });
        w.Line("// the rows after the last full row tile, one at a time");
        using (w.Block("for (int b = fullRows; b < batch; b++)"))
        {
            EmitInputRowPointers(w);
            ForEachConstantTile(w, "k", _in, tileColumns, columns =>
            {
                w.Line("ref float w_k = ref Unsafe.Add(ref w0, k * OUT);");
                EmitInputTile(w, path, 1, columns);
            });
        }
    }

    private static void EmitInputRowPointers(IndentedSourceWriter w)
    {
        w.Line("ref float dy_b = ref Unsafe.Add(ref dy0, b * OUT);");
        w.Line("ref float dx_b = ref Unsafe.Add(ref dx0, b * IN);");
    }

    /// <summary>
    /// dx[b .. b + rows − 1, k .. k + columns − 1]: rows × columns vector accumulators over OUT, then reduced
    /// horizontally (on Vector512, a 4 × 4 tile in one transposing reduction).
    /// </summary>
    private void EmitInputTile(IndentedSourceWriter w, VectorPath path, int rows, int columns)
    {
        string V = path.Type;
        int vectorEnd = _out / path.Width * path.Width;
        bool maskedTail = HasMaskedTail(path);
        if (vectorEnd > 0)
        {
            foreach (int r in Range(rows))
            foreach (int j in Range(columns))
                w.Line($"{V}<float> c{r}{j} = {V}<float>.Zero;");
            using (w.Block($"for (int o = 0; o < {vectorEnd}; o += {path.Width})"))
            {
                foreach (int j in Range(columns))
                    w.Line($"{V}<float> wv{j} = {V}.LoadUnsafe(ref w_k, (nuint)({Offset("o", j * _out)}));");
                foreach (int r in Range(rows))
                {
                    w.Line($"{(r == 0 ? $"{V}<float> " : "")}d = {V}.LoadUnsafe(ref dy_b, (nuint)({Offset("o", r * _out)}));");
                    foreach (int j in Range(columns))
                        w.Line($"c{r}{j} = Simd.MultiplyAdd(d, wv{j}, c{r}{j});");
                }
            }
            if (maskedTail)
            {
                // The last vector ends at OUT and overlaps the one before it; dy is masked to the lanes not yet summed.
                w.Line($"// o in [{vectorEnd}, {_out}): the last vector, starting at {_out - path.Width}, with dy masked to its last {_out - vectorEnd} lane(s)");
                using (w.Scope())
                {
                    w.Line($"const int o = {_out - path.Width};");
                    foreach (int j in Range(columns))
                        w.Line($"{V}<float> wv{j} = {V}.LoadUnsafe(ref w_k, (nuint)({Offset("o", j * _out)}));");
                    foreach (int r in Range(rows))
                    {
                        w.Line($"{(r == 0 ? $"{V}<float> " : "")}d = {V}.LoadUnsafe(ref dy_b, (nuint)({Offset("o", r * _out)})) & tailMask;");
                        foreach (int j in Range(columns))
                            w.Line($"c{r}{j} = Simd.MultiplyAdd(d, wv{j}, c{r}{j});");
                    }
                }
            }
        }
        int scalarStart = maskedTail ? _out : vectorEnd;
        if (rows == 4 && columns == WideInputColumns && vectorEnd > 0 && scalarStart == _out)
        {
            // 16 horizontal sums in one transposing reduction: quarter r of the result is dx[b + r, k .. k + 3].
            w.Line($"{V}<float> sums = Simd.SumRows4x4({string.Join(", ", Range(rows).SelectMany(r => Range(columns).Select(j => $"c{r}{j}")))});");
            foreach (int r in Range(rows))
                w.Line($"Simd.Quarter(sums, {r}).StoreUnsafe(ref dx_b, (nuint)({Offset("k", r * _in)}));");
            return;
        }
        foreach (int r in Range(rows))
        foreach (int j in Range(columns))
        {
            string sum = vectorEnd > 0 ? $"{V}.Sum(c{r}{j})" : "0f";
            string tail = string.Concat(Enumerable.Range(scalarStart, _out - scalarStart).Select(o =>
                $" + Unsafe.Add(ref dy_b, {r * _out + o}) * Unsafe.Add(ref w_k, {j * _out + o})"));
            w.Line($"Unsafe.Add(ref dx_b, {Offset("k", r * _in + j)}) = {sum}{tail};");
        }
    }

    /// <summary>Whether the dot products over OUT end with a masked vector (OUT is at least one vector but not a multiple of it).</summary>
    private bool HasMaskedTail(VectorPath path) => _out >= path.Width && _out % path.Width != 0;

    /// <summary>The lanes of the tail mask as int bits: 0 for lanes already summed, −1 (all bits) for the last OUT mod width.</summary>
    private string TailMaskLanes(VectorPath path) =>
        string.Join(", ", Enumerable.Range(0, path.Width).Select(lane => lane < path.Width - _out % path.Width ? "0" : "-1"));
}
