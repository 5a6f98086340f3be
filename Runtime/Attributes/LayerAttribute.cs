using System;

namespace NetGen;

/// <summary>
/// The base of every layer attribute: the Keras layer name and, for graphs, the layer or input it reads. A layer
/// without <see cref="From"/> reads the layer declared just above it (or the only input), as in a Keras
/// <c>Sequential</c> model.
/// </summary>
public abstract class LayerAttribute : Attribute
{
    /// <summary>The Keras layer name; by default Keras's auto name (<c>dense</c>, <c>dense_1</c>, …).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The name of the layer or input this layer reads (Keras's functional call <c>Dense(30)(deep)</c>); null reads the
    /// layer declared just above. The name must belong to an input or a layer declared earlier.
    /// </summary>
    public string? From { get; set; }
}
