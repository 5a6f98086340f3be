using System.Collections.Generic;

namespace NetGen.Generator.Emitters;

/// <summary>
/// How a kernel covers <c>Count</c> contiguous floats with register tiles of up to <c>MaxVectors</c> vectors, decided
/// when the code is generated: a loop over full tiles, then at most one narrower tile, then scalar columns.
/// No remainder test is left for run time.
/// </summary>
internal readonly record struct TilePlan(int Count, int Width, int MaxVectors)
{
    public int TileFloats => Width * MaxVectors;

    /// <summary>End of the full tiles (a multiple of <see cref="TileFloats"/>).</summary>
    public int FullEnd => Count / TileFloats * TileFloats;

    /// <summary>Vectors in the one narrower tile after the full ones (0 if none).</summary>
    public int RemainderVectors => (Count - FullEnd) / Width;

    /// <summary>Where the scalar columns start.</summary>
    public int VectorEnd => FullEnd + RemainderVectors * Width;

    public int ScalarCount => Count - VectorEnd;

    /// <summary>The vector tiles as (start expression, vectors, loop header or null): the emitter wraps each in a scope.</summary>
    public IEnumerable<(string Header, int Vectors, string Comment)> VectorTiles()
    {
        if (FullEnd > 0)
            yield return ($"for (int o = 0; o < {FullEnd}; o += {TileFloats})", MaxVectors, $"columns [0, {FullEnd}): tiles of {MaxVectors} vector(s)");
        if (RemainderVectors > 0)
            yield return ($"const int o = {FullEnd};", RemainderVectors, $"columns [{FullEnd}, {VectorEnd}): {RemainderVectors} vector(s)");
    }
}
