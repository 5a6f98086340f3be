using System.Globalization;

namespace NetGen.Generator.Model;

/// <summary>Keras's L1 / L2 / L1L2 regularizer: penalty l1·Σ|w| + l2·Σw². At least one factor is positive.</summary>
/// <remarks>A cache-boundary value: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record RegularizerSpec(double L1, double L2)
{
    /// <summary>Keras's spelling, for generated comments: <c>L1(0.01)</c>, <c>L2(0.01)</c> or <c>L1L2(l1=0.01, l2=0.02)</c>.</summary>
    public string Describe() => L2 == 0 ? $"L1({Format(L1)})" : L1 == 0 ? $"L2({Format(L2)})" : $"L1L2(l1={Format(L1)}, l2={Format(L2)})";

    /// <summary>The regularizer of two factors, or null when both are 0 (off).</summary>
    public static RegularizerSpec? Of(double l1, double l2) => l1 == 0 && l2 == 0 ? null : new RegularizerSpec(l1, l2);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
