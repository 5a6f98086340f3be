namespace NetGen.Generator.Model;

/// <summary>The merge layers: how several tensors become one.</summary>
internal enum MergeKind
{
    Concatenate,
    Add,
    Subtract,
    Multiply,
    Average,
    Maximum,
    Minimum,
}

/// <summary>
/// A Keras merge layer over <see cref="LayerSpec.Inputs"/>: <c>Concatenate</c> along the last axis, or an elementwise
/// <c>Add</c>, <c>Subtract</c>, <c>Multiply</c>, <c>Average</c>, <c>Maximum</c>, <c>Minimum</c> of equal shapes.
/// </summary>
/// <remarks>The incremental-generation cache boundary: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record MergeSpec : LayerSpec
{
    public required MergeKind Kind { get; init; }

    public override string KerasType => Kind.ToString();

    /// <summary>Add and Average (after its 1/n) pass the same gradient to every input; Subtract passes it unchanged to its first only.</summary>
    public override bool PassesGradientInPlaceTo(int k) => Kind is MergeKind.Add or MergeKind.Average || (Kind == MergeKind.Subtract && k == 0);
}
