namespace NetGen.Generator.Emitters;

/// <summary>
/// How a kernel covers <c>Columns</c> contiguous floats with vectors, decided when the code is generated:
/// full blocks of <c>BlockVectors</c> vectors in a loop, one remainder block of fewer vectors, then a scalar tail.
/// No remainder branch is left for run time.
/// </summary>
internal readonly record struct ColumnPlan(int Columns, int Width, int BlockVectors)
{
    public int BlockFloats => Width * BlockVectors;

    public int FullBlocksEnd => Columns / BlockFloats * BlockFloats;

    public int RemainderVectors => (Columns - FullBlocksEnd) / Width;

    public int TailStart => FullBlocksEnd + RemainderVectors * Width;

    public int Tail => Columns - TailStart;
}
