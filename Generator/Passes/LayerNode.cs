using NetGen.Generator.Model;
using NetGen.Generator.Reading;

namespace NetGen.Generator.Passes;

/// <summary>
/// One layer while the parse passes run: its attribute, its reader and its spec, which each pass completes (the
/// graph pass its name and inputs, the shape pass its shapes, the layout pass its parameters). Never leaves the
/// parse step; only <see cref="Spec"/> does.
/// </summary>
internal sealed class LayerNode
{
    public LayerNode(LayerAttributeData attribute, LayerReader reader, LayerSpec spec)
    {
        Attribute = attribute;
        Reader = reader;
        Spec = spec;
    }

    public LayerAttributeData Attribute { get; }

    public LayerReader Reader { get; }

    /// <summary>The spec as far as the passes so far have completed it.</summary>
    public LayerSpec Spec { get; set; }
}
