using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Reading;

namespace NetGen.Generator.Passes;

/// <summary>
/// The graph pass: names every layer (Keras's auto names where none is given), resolves what each layer reads
/// (<c>From</c>, a merge's arguments, or the layer above) to node indices, and reports unknown or later names,
/// cycles, duplicate names, unused inputs and layers nobody reads. Inputs are nodes 0 … k − 1, layers follow in
/// declaration order, so the declaration order is a topological order.
/// </summary>
internal static class GraphBuilder
{
    /// <summary>Completes each node's name, index and inputs; false when the graph has errors (reported).</summary>
    /// <param name="outputs">The output layers' names ([Network(Outputs = …)]), or null when the last layer is the output.</param>
    public static bool Build(IReadOnlyList<InputSpec> inputs, IReadOnlyList<(LayerAttributeData Attribute, string? Name)> inputAttributes, IReadOnlyList<LayerNode> layers,
        IReadOnlyCollection<string>? outputs = null)
    {
        bool valid = true;
        var indexOf = new Dictionary<string, int>();
        for (int i = 0; i < inputs.Count; i++)
        {
            if (indexOf.ContainsKey(inputs[i].Name))
            {
                inputAttributes[i].Attribute.Report(DiagnosticDescriptors.DuplicateLayerName, inputs[i].Name);
                valid = false;
            }
            else indexOf[inputs[i].Name] = i;
        }

        // Names: Keras's auto names count per prefix (dense, dense_1, …); explicit names take no number.
        var counters = new Dictionary<string, int>();
        for (int l = 0; l < layers.Count; l++)
        {
            LayerNode node = layers[l];
            string? explicitName = node.Attribute.Named<string?>("Name", null);
            string name;
            if (!string.IsNullOrEmpty(explicitName))
                name = explicitName!;
            else
            {
                counters.TryGetValue(node.Reader.NamePrefix, out int count);
                counters[node.Reader.NamePrefix] = count + 1;
                name = count == 0 ? node.Reader.NamePrefix : node.Reader.NamePrefix + "_" + count;
            }
            int index = inputs.Count + l;
            if (indexOf.ContainsKey(name))
            {
                node.Attribute.Report(DiagnosticDescriptors.DuplicateLayerName, name);
                valid = false;
            }
            else indexOf[name] = index;
            node.Spec = node.Spec with { Name = name, Index = index };
        }

        // What each layer reads: names first (any order), then checked against the declaration order.
        var reads = new int[layers.Count][];
        for (int l = 0; l < layers.Count; l++)
        {
            LayerNode node = layers[l];
            string[] names = node.Reader.InputNames(node.Attribute) ?? ReadsOne(node, l, inputs, layers);
            reads[l] = new int[names.Length];
            for (int k = 0; k < names.Length; k++)
            {
                if (indexOf.TryGetValue(names[k], out int index))
                {
                    reads[l][k] = index;
                    continue;
                }
                reads[l][k] = -1;
                string known = string.Join(", ", indexOf.Where(pair => pair.Value < inputs.Count + l).OrderBy(pair => pair.Value).Select(pair => "'" + pair.Key + "'"));
                node.Attribute.Report(DiagnosticDescriptors.UnknownFrom, node.Attribute.Text,
                    names[k].Length == 0 ? $"the first layer of a network with several inputs has no layer above it to read; say which input it reads with From = \"name\" ({known})"
                        : $"no input or layer is named '{names[k]}'; it can read {known}");
                valid = false;
            }
        }
        for (int l = 0; l < layers.Count; l++)
        {
            int self = inputs.Count + l;
            foreach (int index in reads[l])
            {
                if (index < self) continue;
                LayerNode node = layers[l];
                string? cycle = FindCycle(self, index, reads, inputs.Count, layers);
                if (cycle is not null)
                    node.Attribute.Report(DiagnosticDescriptors.GraphCycle, node.Attribute.Text, node.Spec.Name, cycle);
                else
                    node.Attribute.Report(DiagnosticDescriptors.UnknownFrom, node.Attribute.Text,
                        $"'{layers[index - inputs.Count].Spec.Name}' is declared below this layer; declare every layer after the inputs and layers it reads");
                valid = false;
            }
        }
        if (!valid) return false;

        for (int l = 0; l < layers.Count; l++)
            layers[l].Spec = layers[l].Spec with { Inputs = reads[l].ToEquatableArray() };

        // Inputs nobody reads are errors (their data would be required for nothing); layers nobody reads, warnings.
        var read = new HashSet<int>(reads.SelectMany(r => r));
        for (int i = 0; i < inputs.Count; i++)
        {
            if (read.Contains(i)) continue;
            inputAttributes[i].Attribute.Report(DiagnosticDescriptors.UnusedInput, inputAttributes[i].Attribute.Text, inputs[i].Name);
            valid = false;
        }
        for (int l = 0; l < layers.Count; l++)
        {
            bool output = outputs is null ? l == layers.Count - 1 : outputs.Contains(layers[l].Spec.Name);
            if (!output && !read.Contains(inputs.Count + l))
                layers[l].Attribute.Report(DiagnosticDescriptors.UnreadLayer, layers[l].Attribute.Text, layers[l].Spec.Name);
        }
        return valid;
    }

    /// <summary>The one name a single-input layer reads: its From, else the layer above (or the only input).</summary>
    private static string[] ReadsOne(LayerNode node, int l, IReadOnlyList<InputSpec> inputs, IReadOnlyList<LayerNode> layers)
    {
        string? from = node.Attribute.Named<string?>("From", null);
        if (from is not null) return new[] { from };
        if (l > 0) return new[] { layers[l - 1].Spec.Name };
        return new[] { inputs.Count == 1 ? inputs[0].Name : "" };
    }

    /// <summary>The path "a -> b -> a" when reading <paramref name="target"/> from <paramref name="self"/> closes a cycle, else null.</summary>
    private static string? FindCycle(int self, int target, int[][] reads, int inputCount, IReadOnlyList<LayerNode> layers)
    {
        string Name(int index) => layers[index - inputCount].Spec.Name;
        var path = new List<int>();
        var seen = new HashSet<int>();
        bool Walk(int node)
        {
            path.Add(node);
            if (node == self) return true;
            if (node >= inputCount && seen.Add(node))
            {
                foreach (int next in reads[node - inputCount])
                {
                    if (next >= 0 && Walk(next)) return true;
                }
            }
            path.RemoveAt(path.Count - 1);
            return false;
        }
        if (!Walk(target)) return null;
        // path runs target … self; the data flows the other way.
        path.Reverse();
        return string.Join(" -> ", path.Select(Name)) + " -> " + Name(self);
    }
}
