using System;

namespace NetGen;

/// <summary>
/// One input of the network and the shape of its samples, without the batch dimension (Keras's
/// <c>Input(shape=..., name=...)</c>). A network may declare several named inputs; layers read them with
/// <see cref="LayerAttribute.From"/> or name them in a merge.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares the input shape, e.g. <c>[Input(28, 28)]</c>; the input is named <c>input</c>.</summary>
    public InputAttribute(params int[] shape) => Shape = shape;

    /// <summary>Declares a named input, e.g. <c>[Input("wide", 5)]</c>.</summary>
    public InputAttribute(string name, params int[] shape)
    {
        Name = name;
        Shape = shape;
    }

    /// <summary>The input's name (Keras's <c>Input(name=...)</c>), or null for the default <c>input</c>.</summary>
    public string? Name { get; }

    /// <summary>The sample shape.</summary>
    public int[] Shape { get; }

    /// <summary>
    /// What the values are (default <see cref="InputType.Float"/>); <see cref="InputType.TokenIds"/> declares integer
    /// token ids for an <see cref="EmbeddingAttribute"/> (Keras's <c>dtype='int32'</c>).
    /// </summary>
    public InputType Type { get; set; }
}
