using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Model;

/// <summary>
/// NetGen's explicit size limits. Generated code indexes every buffer with an int (<c>b * Size + i</c>) and the runtime
/// sizes buffers as float arrays, so every size the generator computes is worked out in 64 bits and checked against
/// these limits before it becomes an int (NG0120, NG0121).
/// </summary>
internal static class Limits
{
    /// <summary>
    /// The most elements one sample's tensor (an input, a layer's output, a padded copy, a kernel) may have, and the
    /// most parameters a network may have: a quarter of int's range, so a batch of several samples, the optimizer's
    /// state buffers and the indices into them stay in range.
    /// </summary>
    public const long MaxElements = int.MaxValue / 4;

    /// <summary>The product of <paramref name="dimensions"/>, saturating at <see cref="long.MaxValue"/> (never wraps).</summary>
    public static long Product(params long[] dimensions)
    {
        long product = 1;
        foreach (long d in dimensions)
        {
            if (d <= 0) return d == 0 ? 0 : -1;
            product = product > long.MaxValue / d ? long.MaxValue : product * d;
        }
        return product;
    }

    /// <summary>The element count of <paramref name="shape"/>, saturating (never wraps).</summary>
    public static long Elements(TensorShape shape) => Product(shape.Dimensions.Select(d => (long)d).ToArray());

    /// <summary>"536,870,911": a count as messages print it.</summary>
    public static string Format(long value) => value == long.MaxValue ? "more than 9.2e18" : value.ToString("N0", CultureInfo.InvariantCulture);
}
