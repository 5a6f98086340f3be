using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// A stable fingerprint of a network's architecture: FNV-1a 64 over the UTF-8 text <c>name(d0, d1, …)\n</c> of every
/// weight in order, as 16 lowercase hex digits. Two networks with the same signature have the same weight names and
/// shapes. For a network declared as a graph the text goes on with its <see cref="Topology"/> (inputs, and what each
/// layer reads), so that two graphs wired differently differ even when their weights do not; a sequential network's
/// signature covers its weights only, as it always has (files saved before graphs existed keep theirs).
/// </summary>
internal static class ArchitectureSignature
{
    private const ulong OffsetBasis = 0xCBF29CE484222325UL;
    private const ulong Prime = 0x100000001B3UL;

    /// <summary>The signature of <paramref name="description"/>: of its weights, and for a graph of its topology too.</summary>
    public static string Compute(ModelDescription description)
    {
        StringBuilder text = WeightText(description.Weights);
        if (description.IsGraph) text.Append(Topology(description));
        return Hash(text);
    }

    /// <summary>The signature of <paramref name="weights"/> alone (a sequential network's).</summary>
    public static string Compute(IReadOnlyList<WeightInfo> weights) => Hash(WeightText(weights));

    /// <summary>
    /// The wiring of a graph as text, one line per input (<c>input wide (5,)</c>) then one per layer
    /// (<c>layer concatenate Concatenate &lt;- wide, dense_1</c>), each ending in <c>\n</c>. Checkpoints of graphs carry it
    /// in their metadata, so that a refused file can say which lines differ.
    /// </summary>
    public static string Topology(ModelDescription description)
    {
        var text = new StringBuilder();
        foreach (InputInfo input in description.Inputs)
            text.Append("input ").Append(input.Name).Append(' ').Append(DataSet.FormatShape(input.Shape)).Append('\n');
        for (int i = 0; i < description.Layers.Count; i++)
        {
            LayerInfo layer = description.Layers[i];
            text.Append("layer ").Append(layer.Name).Append(' ').Append(layer.Type).Append(" <- ")
                .AppendJoin(", ", description.InboundOf(i)).Append('\n');
        }
        return text.ToString();
    }

    private static StringBuilder WeightText(IReadOnlyList<WeightInfo> weights)
    {
        var text = new StringBuilder();
        foreach (WeightInfo weight in weights)
            text.Append(weight.Name).Append(DataSet.FormatShape(weight.Shape)).Append('\n');
        return text;
    }

    private static string Hash(StringBuilder text) =>
        Fnv1a64(Encoding.UTF8.GetBytes(text.ToString())).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The 64-bit FNV-1a hash of <paramref name="bytes"/>.</summary>
    internal static ulong Fnv1a64(byte[] bytes)
    {
        ulong hash = OffsetBasis;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * Prime);
        }
        return hash;
    }
}
