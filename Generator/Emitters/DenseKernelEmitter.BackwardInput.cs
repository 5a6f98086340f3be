using System.Globalization;
using System.Linq;
using NetGen.Generator.Helpers;
using static NetGen.Generator.Emitters.TileLoops;

namespace NetGen.Generator.Emitters;

internal sealed partial class DenseKernelEmitter
{
    /// <summary>
    /// The register tile of a path's BackwardInput: rows of dx × neighbouring input columns, one dot-product accumulator
    /// each.
    /// <list type="bullet">
    /// <item>Vector512: 4 × 4 (AVX-512's 32 registers), the 16 sums in one transposing reduction (<c>Simd.SumRows4x4</c>).</item>
    /// <item>Vector256: 3 × 4 = 12 accumulators, 3 dy rows held and one W vector at a time (16 registers, AVX2's count);
    /// each row's four sums in one reduction (<c>Simd.SumEach</c>), three horizontal adds where four sums take eight.</item>
    /// <item>Vector128: 4 × 3, each sum alone (a 128-bit sum is cheap).</item>
    /// </list>
    /// </summary>
    private static (int Rows, int Columns) InputTile(VectorPath path) =>
        path.Width == VectorPath.V512.Width ? (4, 4)
        : path.Width == VectorPath.V256.Width ? (3, 4)
        : (TileRows, 3);

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
    /// go in tiles (see <see cref="InputTile"/>), and each tile's W rows stay in cache while every row tile of the batch
    /// uses them, so a W larger than the cache is read from memory once per call. Leftover rows go two, then one, at a
    /// time. Every element is summed in the same order whatever tile it falls in, so the bits do not depend on how
    /// the batch is sliced.
    /// </summary>
    private void EmitInputPath(IndentedSourceWriter w, VectorPath path)
    {
        var (tileRows, tileColumns) = InputTile(path);
        w.Line($"int fullRows = batch / {tileRows} * {tileRows};");
        ForEachConstantTile(w, "k", _in, tileColumns, columns =>
        {
            w.Line("ref float w_k = ref Unsafe.Add(ref w0, k * OUT);");
            using (w.Block($"for (int b = 0; b < fullRows; b += {tileRows})"))
            {
                EmitInputRowPointers(w);
                EmitInputTile(w, path, tileRows, columns);
            }
        });
        w.Line("int row = fullRows;");
        w.Line("// the rows after the last full row tile: pairs, then one");
        foreach (int rows in new[] { 2, 1 })
        {
            using (w.Block(rows == 2 ? "for (; row + 2 <= batch; row += 2)" : "for (; row < batch; row++)"))
            {
                w.Line("int b = row;");
                EmitInputRowPointers(w);
                ForEachConstantTile(w, "k", _in, tileColumns, columns =>
                {
                    w.Line("ref float w_k = ref Unsafe.Add(ref w0, k * OUT);");
                    EmitInputTile(w, path, rows, columns);
                });
            }
        }
    }

    private static void EmitInputRowPointers(IndentedSourceWriter w)
    {
        w.Line("ref float dy_b = ref Unsafe.Add(ref dy0, b * OUT);");
        w.Line("ref float dx_b = ref Unsafe.Add(ref dx0, b * IN);");
    }

    /// <summary>
    /// dx[b .. b + rows − 1, k .. k + columns − 1]: rows × columns vector accumulators over OUT, then reduced
    /// horizontally: on Vector512 a full 4 × 4 tile's sums together, on Vector256 each row's four sums together
    /// (see <see cref="InputTile"/>), else one at a time.
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
            // The loop steps two references: constant offsets from them address without index arithmetic.
            w.Line("ref float dy_o = ref dy_b;");
            w.Line("ref float w_o = ref w_k;");
            using (w.Block($"for (int o = 0; o < {vectorEnd}; o += {path.Width})"))
            {
                EmitInputMultiplyAdds(w, path, rows, columns, "dy_o", "w_o", offset: null, mask: "");
                w.Line($"dy_o = ref Unsafe.Add(ref dy_o, {path.Width});");
                w.Line($"w_o = ref Unsafe.Add(ref w_o, {path.Width});");
            }
            if (maskedTail)
            {
                // The last vector ends at OUT and overlaps the one before it; dy is masked to the lanes not yet summed.
                w.Line($"// o in [{vectorEnd}, {_out}): the last vector, starting at {_out - path.Width}, with dy masked to its last {_out - vectorEnd} lane(s)");
                using (w.Scope())
                {
                    w.Line($"const int o = {_out - path.Width};");
                    EmitInputMultiplyAdds(w, path, rows, columns, "dy_b", "w_k", offset: "o", mask: " & tailMask");
                }
            }
        }
        int scalarStart = maskedTail ? _out : vectorEnd;
        bool vectorsOnly = vectorEnd > 0 && scalarStart == _out;
        string Accumulators(int r) => string.Join(", ", Range(columns).Select(j => $"c{r}{j}"));
        if (vectorsOnly && rows == 4 && columns == 4 && path.Width == VectorPath.V512.Width)
        {
            // 16 horizontal sums in one transposing reduction: quarter r of the result is dx[b + r, k .. k + 3].
            w.Line($"{V}<float> sums = Simd.SumRows4x4({string.Join(", ", Range(rows).Select(Accumulators))});");
            foreach (int r in Range(rows))
                w.Line($"Simd.Quarter(sums, {r}).StoreUnsafe(ref dx_b, (nuint)({Offset("k", r * _in)}));");
            return;
        }
        if (vectorsOnly && columns == 4 && path.Width == VectorPath.V256.Width)
        {
            // Each row's four sums in one reduction, stored as dx[b + r, k .. k + 3].
            foreach (int r in Range(rows))
                w.Line($"Simd.SumEach({Accumulators(r)}).StoreUnsafe(ref dx_b, (nuint)({Offset("k", r * _in)}));");
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

    /// <summary>
    /// One vector step of a tile's dot products: c{r}{j} += dy[b + r, o..] · W[k + j, o..], addressed from
    /// <paramref name="dy"/> and <paramref name="weights"/> plus <paramref name="offset"/> (null: they point at o). The
    /// tile's W vectors are loaded once and each dy row in turn; when that needs more registers than the path has
    /// (Vector256's 3 × 4 tile: 12 + 4 + 1 = 17 of 16), the dy rows are held and one W vector at a time streams past.
    /// </summary>
    private void EmitInputMultiplyAdds(IndentedSourceWriter w, VectorPath path, int rows, int columns, string dy, string weights, string? offset, string mask)
    {
        string V = path.Type;
        int registers = path.Width == VectorPath.V512.Width ? 32 : 16;
        string At(int constant) => offset is null ? constant.ToString(CultureInfo.InvariantCulture) : $"(nuint)({Offset(offset, constant)})";
        string Dy(int r) => $"{V}.LoadUnsafe(ref {dy}, {At(r * _out)}){mask}";
        string W(int j) => $"{V}.LoadUnsafe(ref {weights}, {At(j * _out)})";
        if (rows * columns + columns + 1 <= registers)
        {
            foreach (int j in Range(columns))
                w.Line($"{V}<float> wv{j} = {W(j)};");
            foreach (int r in Range(rows))
            {
                w.Line($"{(r == 0 ? $"{V}<float> " : "")}d = {Dy(r)};");
                foreach (int j in Range(columns))
                    w.Line($"c{r}{j} = Simd.MultiplyAdd(d, wv{j}, c{r}{j});");
            }
            return;
        }
        foreach (int r in Range(rows))
            w.Line($"{V}<float> d{r} = {Dy(r)};");
        foreach (int j in Range(columns))
        {
            w.Line($"{(j == 0 ? $"{V}<float> " : "")}wv = {W(j)};");
            foreach (int r in Range(rows))
                w.Line($"c{r}{j} = Simd.MultiplyAdd(d{r}, wv, c{r}{j});");
        }
    }

    /// <summary>Whether the dot products over OUT end with a masked vector (OUT is at least one vector but not a multiple of it).</summary>
    private bool HasMaskedTail(VectorPath path) => _out >= path.Width && _out % path.Width != 0;

    /// <summary>The lanes of the tail mask as int bits: 0 for lanes already summed, −1 (all bits) for the last OUT mod width.</summary>
    private string TailMaskLanes(VectorPath path) =>
        string.Join(", ", Enumerable.Range(0, path.Width).Select(lane => lane < path.Width - _out % path.Width ? "0" : "-1"));
}
