using System;
using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>Matrix transposition, for products that run faster over a transposed copy of a small weight.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Transpose
{
    /// <summary>Writes the (<paramref name="columns"/>, <paramref name="rows"/>) transpose of the row-major (<paramref name="rows"/>, <paramref name="columns"/>) <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">A length is not rows × columns.</exception>
    public static void Matrix(Span<float> target, ReadOnlySpan<float> source, int rows, int columns)
    {
        int count = rows * columns;
        if (source.Length != count || target.Length != count)
            throw new ArgumentException($"Expected {rows} × {columns} = {count} values in both matrices; found {source.Length} and {target.Length}.");
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = source.Slice(r * columns, columns);
            for (int c = 0; c < row.Length; c++) target[c * rows + r] = row[c];
        }
    }
}
