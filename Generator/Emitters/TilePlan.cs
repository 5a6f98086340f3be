using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Emitters;

/// <summary>
/// How a kernel covers <c>Count</c> contiguous floats with register tiles of up to <c>MaxVectors</c> vectors, decided
/// when the code is generated: a loop over full tiles, then at most one narrower tile. No remainder test is left for
/// run time.
/// </summary>
/// <remarks>
/// When <c>Count</c> is not a multiple of the vector width, the narrower tile's last vector ends exactly at
/// <c>Count</c> and so overlaps columns computed just before it. The kernels that use a plan write (never
/// accumulate) their results and compute every column with the same operations in the same order, so an overlapped
/// column is written twice with the same bits. This keeps the tail on the vector units: a scalar tail of 4 columns
/// costs as much as 24 vector columns. Only a count smaller than one vector is left to scalar code.
/// <para>
/// A remainder of one vector makes a tile with one accumulator per row: with 4 rows, 4 chains of dependent FMAs,
/// which wait on the FMA latency at half the machine's rate. With <c>SplitsOneVectorRemainder</c> the last full tile
/// and that vector become two tiles of about half the width instead (3 + 1 vectors → 2 + 2), which keep 8 chains.
/// </para>
/// </remarks>
internal readonly record struct TilePlan(int Count, int Width, int MaxVectors, bool SplitsOneVectorRemainder = false)
{
    public int TileFloats => Width * MaxVectors;

    /// <summary>End of the full tiles (a multiple of <see cref="TileFloats"/>).</summary>
    public int FullEnd => Count / TileFloats * TileFloats;

    /// <summary>Vectors in the one narrower tile after the full ones (0 if none), the last one overlapping if need be.</summary>
    public int RemainderVectors => Count < Width ? 0 : (Count - FullEnd + Width - 1) / Width;

    /// <summary>Where the scalar columns start: <see cref="Count"/> unless the count is smaller than one vector.</summary>
    public int VectorEnd => Count < Width ? 0 : Count;

    public int ScalarCount => Count - VectorEnd;

    /// <summary>
    /// The vector tiles as (header, vector offsets relative to <c>o</c>, comment): the header is a loop over full tiles
    /// or a <c>const int o</c>; the emitter wraps each in a scope.
    /// </summary>
    public IEnumerable<(string Header, int[] Offsets, string Comment)> VectorTiles()
    {
        int width = Width;
        if (RemainderVectors == 1 && SplitsOneVectorRemainder && FullEnd > 0 && MaxVectors >= 3)
        {
            foreach (var tile in SplitLastFullTile()) yield return tile;
            yield break;
        }
        if (FullEnd > 0)
            yield return ($"for (int o = 0; o < {FullEnd}; o += {TileFloats})", Enumerable.Range(0, MaxVectors).Select(v => v * width).ToArray(),
                $"columns [0, {FullEnd}): tiles of {MaxVectors} vector(s)");
        int vectors = RemainderVectors;
        if (vectors == 0) yield break;
        int remainder = Count - FullEnd;
        if (remainder % Width == 0)
        {
            yield return ($"const int o = {FullEnd};", Enumerable.Range(0, vectors).Select(v => v * width).ToArray(),
                $"columns [{FullEnd}, {Count}): {vectors} vector(s)");
        }
        else if (vectors == 1)
        {
            // One vector that ends at Count, starting inside the columns before it.
            int start = Count - Width;
            yield return ($"const int o = {start};", new[] { 0 },
                $"columns [{start}, {Count}): 1 vector, overlapping [{start}, {FullEnd}) with the same sums");
        }
        else
        {
            // Whole vectors from FullEnd, then one that ends at Count, overlapping the one before it.
            int[] offsets = Enumerable.Range(0, vectors).Select(v => v * width).ToArray();
            offsets[vectors - 1] = remainder - Width;
            yield return ($"const int o = {FullEnd};", offsets,
                $"columns [{FullEnd}, {Count}): {vectors} vectors, the last at {Count - Width} overlapping the one before it with the same sums");
        }
    }

    /// <summary>
    /// The full tiles but the last, then the last full tile and the one-vector remainder as two tiles of about half
    /// the width, the second's last vector ending at <c>Count</c> (overlapping the one before it when need be).
    /// </summary>
    private IEnumerable<(string Header, int[] Offsets, string Comment)> SplitLastFullTile()
    {
        int width = Width;
        int loopEnd = FullEnd - TileFloats;
        if (loopEnd > 0)
            yield return ($"for (int o = 0; o < {loopEnd}; o += {TileFloats})", Enumerable.Range(0, MaxVectors).Select(v => v * width).ToArray(),
                $"columns [0, {loopEnd}): tiles of {MaxVectors} vector(s)");
        int first = (MaxVectors + 2) / 2, second = MaxVectors + 1 - first;
        int secondStart = loopEnd + first * width;
        yield return ($"const int o = {loopEnd};", Enumerable.Range(0, first).Select(v => v * width).ToArray(),
            $"columns [{loopEnd}, {secondStart}): {first} vectors (the last full tile and the one vector left, split in two)");
        int[] offsets = Enumerable.Range(0, second).Select(v => v * width).ToArray();
        offsets[second - 1] = Count - Width - secondStart;
        string overlap = Count % Width == 0 ? "" : $", the last at {Count - Width} overlapping the one before it with the same sums";
        yield return ($"const int o = {secondStart};", offsets, $"columns [{secondStart}, {Count}): {second} vectors{overlap}");
    }
}
