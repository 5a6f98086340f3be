using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Passes;

/// <summary>
/// The sequence checks, between the graph and the shape passes (they need what each layer reads, not shapes): token
/// ids go to an Embedding and an Embedding reads token ids (NG0081, NG0082), and a recurrent layer does not read one
/// that returns only its last state (NG0083, said here more precisely than the shape pass's NG0080 would).
/// </summary>
internal static class SequenceChecks
{
    /// <summary>False after reporting a mistake.</summary>
    public static bool Check(IReadOnlyList<InputSpec> inputs, IReadOnlyList<LayerNode> layers)
    {
        bool valid = true;
        foreach (LayerNode node in layers)
        {
            LayerSpec spec = node.Spec;
            for (int k = 0; k < spec.Inputs.Count; k++)
            {
                int source = spec.Inputs[k];
                bool tokenIds = source < inputs.Count && inputs[source].TokenIds;
                string sourceName = source < inputs.Count ? inputs[source].Name : layers[source - inputs.Count].Spec.Name;
                if (spec is EmbeddingSpec && !tokenIds)
                {
                    node.Attribute.Report(DiagnosticDescriptors.EmbeddingNeedsTokenIds, node.Attribute.Text, sourceName);
                    valid = false;
                }
                else if (spec is not EmbeddingSpec && tokenIds)
                {
                    node.Attribute.Report(DiagnosticDescriptors.TokenIdsNeedEmbedding, node.Attribute.Text, sourceName);
                    valid = false;
                }
                if (spec is RecurrentSpec && source >= inputs.Count && layers[source - inputs.Count].Spec is RecurrentSpec { ReturnSequences: false } previous)
                {
                    node.Attribute.Report(DiagnosticDescriptors.SequenceAfterLastState, node.Attribute.Text, previous.Name, $"(B, {previous.Units})");
                    valid = false;
                }
            }
        }
        return valid;
    }
}
