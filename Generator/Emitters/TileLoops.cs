using System;
using System.Collections.Generic;
using NetGen.Generator.Helpers;

namespace NetGen.Generator.Emitters;

/// <summary>
/// The loops the matrix kernels share (Dense's products, convolutions as implicit GEMM): register tiles over a
/// constant dimension resolved when the code is generated, and the small text helpers they use.
/// </summary>
internal static class TileLoops
{
    /// <summary>
    /// The attribute on every kernel path: compiled fully optimized at its first call. A network calls each kernel once
    /// per step, and tiered compilation would run these large methods unoptimized for the first 30 calls, then as an
    /// on-stack-replacement variant of their loops until the background compile lands: measured on the Conv1D
    /// classifier, the first ~300 steps ran 5 times slower (14.5 ms instead of 2.4 ms forward).
    /// </summary>
    internal const string OptimizedAtOnce = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

    /// <summary>
    /// Runs <paramref name="body"/> for each vector tile of <paramref name="plan"/>, in its own scope with the column
    /// offset <c>o</c>; the body gets the offset of each of the tile's vectors relative to <c>o</c>.
    /// </summary>
    internal static void ForEachVectorTile(IndentedSourceWriter w, TilePlan plan, Action<int[]> body)
    {
        foreach (var (header, offsets, comment) in plan.VectorTiles())
        {
            w.Line("// " + comment);
            if (header.StartsWith("for", StringComparison.Ordinal))
            {
                using (w.Block(header)) body(offsets);
            }
            else
            {
                using (w.Scope())
                {
                    w.Line(header);
                    body(offsets);
                }
            }
        }
    }

    /// <summary>
    /// Tiles of a constant dimension of <paramref name="size"/> in steps of <paramref name="step"/>: a loop over full
    /// tiles, then one narrower tile with the remainder — both resolved now.
    /// </summary>
    internal static void ForEachConstantTile(IndentedSourceWriter w, string variable, int size, int step, Action<int> body)
    {
        int full = size / step * step;
        if (full > 0)
        {
            using (w.Block($"for (int {variable} = 0; {variable} < {full}; {variable} += {step})")) body(step);
        }
        if (size > full)
        {
            w.Line($"// {variable} in [{full}, {size}): the remaining {size - full}");
            using (w.Scope())
            {
                w.Line($"const int {variable} = {full};");
                body(size - full);
            }
        }
    }

    internal static IEnumerable<int> Range(int count)
    {
        for (int i = 0; i < count; i++) yield return i;
    }

    internal static string Offset(string baseExpression, int constant) =>
        constant == 0 ? baseExpression : $"{baseExpression} + {constant}";
}
