namespace NetGen.Generator.Model;

/// <summary>One input of the network (Keras's <c>Input</c>): node <paramref name="Index"/> of the graph.</summary>
/// <remarks>A cache-boundary value: keep it immutable and structurally equal (see <see cref="LayerSpec"/>).</remarks>
internal sealed record InputSpec(int Index, string Name, TensorShape Shape, string AttributeText)
{
    /// <summary>The prefix of the input in generated code: its activation is <c>a{Index}</c>.</summary>
    public string Prefix => "L" + Index;

    /// <summary>Whether the input holds integer token ids (<c>Type = InputType.TokenIds</c>), which only an Embedding reads.</summary>
    public bool TokenIds { get; init; }
}
