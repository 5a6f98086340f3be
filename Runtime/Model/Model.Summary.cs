using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Writes the Keras 2 summary table (layers, output shapes, parameter counts, totals) to <paramref name="output"/>
    /// (default the console); for a network declared as a graph, Keras's functional table with a "Connected to" column.
    /// </summary>
    public void Summary(TextWriter? output = null) => (output ?? Console.Out).Write(GetSummary());

    /// <summary>
    /// The Keras 2 summary table as text, one line per row: tf.keras 2.15's <c>print_summary</c>. A sequential network
    /// prints its layers in 65 columns. A network declared as a graph (<see cref="ModelDescription.IsGraph"/>) prints
    /// what Keras prints for a functional model: its <c>InputLayer</c>s among the layers, in Keras's order (deepest
    /// first, ties in the order a depth-first walk from the output meets them), in 98 columns with the "Connected to"
    /// column, unless the graph is a plain chain from one input, which Keras prints as sequential-like (65 columns,
    /// input row first, no connections).
    /// </summary>
    public string GetSummary()
    {
        if (!Description.IsGraph)
        {
            var rows = new List<string[]>(Description.Layers.Count);
            foreach (LayerInfo layer in Description.Layers)
                rows.Add([$"{layer.Name} ({layer.Type})", layer.OutputShape, layer.ParameterCount.ToString(CultureInfo.InvariantCulture)]);
            return SummaryTable(SequentialLineLength, SequentialStops, ["Layer (type)", "Output Shape", "Param #"], rows);
        }
        return GraphSummary();
    }

    // Keras 2.15's print_summary: 65 columns at [.45, .85, 1] for a sequential-like model, 98 at [.30, .60, .70, 1]
    // (int(98 · p)) for a functional one.
    private const int SequentialLineLength = 65, FunctionalLineLength = 98;
    private static readonly int[] SequentialStops = [29, 55, 65], FunctionalStops = [29, 58, 68, 98];

    /// <summary>The table of <see cref="GetSummary"/> around <paramref name="rows"/>: title, header, rows each followed by a blank row, totals.</summary>
    private string SummaryTable(int lineLength, int[] stops, string[] header, List<string[]> rows)
    {
        var text = new StringBuilder();
        text.Append("Model: \"").Append(Description.Name).Append("\"\n");
        text.Append('_', lineLength).Append('\n');
        AppendRow(text, stops, header);
        text.Append('=', lineLength).Append('\n');
        foreach (string[] row in rows)
        {
            AppendRow(text, stops, row);
            text.Append(' ', lineLength).Append('\n'); // Keras 2.15 separates every layer row, the last one included
        }
        text.Append('=', lineLength).Append('\n');
        long total = Description.ParameterCount, trainable = Description.TrainableParameterCount;
        text.Append("Total params: ").Append(FormatCount(total)).Append('\n');
        text.Append("Trainable params: ").Append(FormatCount(trainable)).Append('\n');
        text.Append("Non-trainable params: ").Append(FormatCount(total - trainable)).Append('\n');
        text.Append('_', lineLength).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The summary of a graph, as Keras builds a functional model's (<c>functional._map_graph_network</c>): every node's
    /// depth is the longest path from it to the output, <c>model.layers</c> is ordered by decreasing depth and, within a
    /// depth, by the order in which a depth-first walk from the output (through each layer's inbound list, in order)
    /// first meets the layers; inputs that do not reach the output come at depth 0, first. The model is sequential-like
    /// when every depth holds one node and no node reads more than one tensor. Layers that do not reach the output are
    /// not part of a Keras model and are left out.
    /// </summary>
    private string GraphSummary()
    {
        IReadOnlyList<InputInfo> inputs = Description.Inputs;
        IReadOnlyList<LayerInfo> layers = Description.Layers;
        // Nodes: the inputs (0 .. I-1), then the layers (I ..).
        int nodeCount = inputs.Count + layers.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < inputs.Count; i++) index[inputs[i].Name] = i;
        for (int j = 0; j < layers.Count; j++) index[layers[j].Name] = inputs.Count + j;
        var parents = new int[nodeCount][];
        for (int i = 0; i < inputs.Count; i++) parents[i] = [];
        for (int j = 0; j < layers.Count; j++)
        {
            IReadOnlyList<string> inbound = Description.InboundOf(j);
            parents[inputs.Count + j] = new int[inbound.Count];
            for (int k = 0; k < inbound.Count; k++) parents[inputs.Count + j][k] = index[inbound[k]];
        }

        // _build_map: a depth-first walk from the output, recording the first-visit order and the post-order.
        var traversal = new int[nodeCount];
        Array.Fill(traversal, int.MinValue);
        var postOrder = new List<int>(nodeCount);
        var state = new byte[nodeCount]; // 0 new, 1 in progress, 2 finished
        int visited = 0;
        void Visit(int node)
        {
            if (state[node] == 2) return;
            if (state[node] == 1)
                throw new InvalidOperationException($"The description of {Description.Name} wires a cycle through '{NodeName(node)}'.");
            if (traversal[node] == int.MinValue) traversal[node] = visited++;
            state[node] = 1;
            foreach (int parent in parents[node]) Visit(parent);
            state[node] = 2;
            postOrder.Add(node);
        }
        if (layers.Count > 0) Visit(nodeCount - 1);
        else Visit(0);

        // Depths, from the output back: a node's depth is the largest of its consumers' depths + 1.
        var depth = new int[nodeCount];
        Array.Fill(depth, -1);
        for (int p = postOrder.Count - 1; p >= 0; p--)
        {
            int node = postOrder[p];
            if (depth[node] < 0) depth[node] = 0;
            foreach (int parent in parents[node]) depth[parent] = Math.Max(depth[parent], depth[node] + 1);
        }
        var included = new List<int>(postOrder);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (depth[i] >= 0) continue;
            depth[i] = 0; // an input that does not reach the output
            traversal[i] = -1;
            included.Add(i);
        }
        // Python's sort is stable; so is this one (ties keep the order of `included`).
        int[] order = included.ToArray();
        var position = new Dictionary<int, int>();
        for (int k = 0; k < order.Length; k++) position[order[k]] = k;
        Array.Sort(order, (a, b) =>
        {
            int byDepth = depth[b].CompareTo(depth[a]);
            if (byDepth != 0) return byDepth;
            int byTraversal = traversal[a].CompareTo(traversal[b]);
            return byTraversal != 0 ? byTraversal : position[a].CompareTo(position[b]);
        });

        // print_summary's sequential_like: every depth holds one node, and no node reads more than one tensor.
        bool sequentialLike = true;
        var nodesAtDepth = new Dictionary<int, int>();
        foreach (int node in order)
        {
            nodesAtDepth[depth[node]] = nodesAtDepth.GetValueOrDefault(depth[node]) + 1;
            if (nodesAtDepth[depth[node]] > 1 || parents[node].Length > 1) sequentialLike = false;
        }

        var rows = new List<string[]>(order.Length);
        foreach (int node in order)
        {
            string[] row;
            if (node < inputs.Count)
                row = [$"{inputs[node].Name} (InputLayer)", InputLayerShape(inputs[node].Shape), "0", "[]"];
            else
            {
                LayerInfo layer = layers[node - inputs.Count];
                var connections = new string[parents[node].Length];
                for (int k = 0; k < connections.Length; k++) connections[k] = PythonRepr(NodeName(parents[node][k]) + "[0][0]");
                row = [$"{layer.Name} ({layer.Type})", layer.OutputShape, layer.ParameterCount.ToString(CultureInfo.InvariantCulture), "[" + string.Join(", ", connections) + "]"];
            }
            rows.Add(sequentialLike ? row[..3] : row);
        }
        return sequentialLike
            ? SummaryTable(SequentialLineLength, SequentialStops, ["Layer (type)", "Output Shape", "Param #"], rows)
            : SummaryTable(FunctionalLineLength, FunctionalStops, ["Layer (type)", "Output Shape", "Param #", "Connected to"], rows);

        string NodeName(int node) => node < inputs.Count ? inputs[node].Name : layers[node - inputs.Count].Name;
    }

    /// <summary>An InputLayer's output shape as tf.keras 2.15 prints it: a list of one shape tuple, <c>[(None, 28, 28)]</c>.</summary>
    private static string InputLayerShape(int[] shape)
    {
        var text = new StringBuilder("[(None");
        foreach (int d in shape) text.Append(", ").Append(d.ToString(CultureInfo.InvariantCulture));
        return text.Append(")]").ToString();
    }

    /// <summary>Python's <c>repr</c> of a string, as <c>str(list)</c> prints its items: single quotes unless the text holds one and no double quote.</summary>
    private static string PythonRepr(string value)
    {
        string escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal);
        return value.Contains('\'') && !value.Contains('"')
            ? "\"" + escaped + "\""
            : "'" + escaped.Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    private static void AppendRow(StringBuilder text, int[] stops, params string[] fields)
    {
        // Keras 2.15's print_row: each column is cut to its room (two spaces before the next column, one more for the
        // row's leading space), preferring a break after "),", and the rest continues on the following rows.
        string[] left = (string[])fields.Clone();
        string[] breaks = ["),", "},", "],", "',"];
        while (Array.Exists(left, field => field.Length > 0))
        {
            var line = new StringBuilder();
            for (int column = 0; column < left.Length; column++)
            {
                bool last = column == left.Length - 1;
                int start = column == 0 ? 0 : stops[column - 1];
                int space = last ? 0 : 2;
                int cutoff = stops[column] - start - space - (last ? 0 : 1);
                string fit = left[column].Length > cutoff ? left[column][..cutoff] : left[column];
                int breakAt = int.MaxValue;
                foreach (string mark in breaks)
                {
                    int found = fit.IndexOf(mark, StringComparison.Ordinal);
                    if (found >= 0) breakAt = Math.Min(breakAt, found + mark.Length);
                }
                if (breakAt != int.MaxValue) fit = fit[..breakAt];
                if (column == 0) line.Append(' ');
                line.Append(fit).Append(' ', space);
                left[column] = left[column][fit.Length..];
                line.Append(' ', Math.Max(0, stops[column] - line.Length));
            }
            text.Append(line).Append('\n');
        }
    }

    /// <summary>Keras's count with the weights' memory: <c>101770 (397.54 KB)</c>; Python's <c>{:.2f}</c> rounds ties to even.</summary>
    internal static string FormatCount(long count)
    {
        string[] units = ["Byte", "KB", "MB", "GB", "TB"];
        double size = count * 4.0;
        int unit = 0;
        while (unit < units.Length - 1 && size / 1024 >= 1)
        {
            size /= 1024;
            unit++;
        }
        return count.ToString(CultureInfo.InvariantCulture) + " (" + Math.Round(size, 2, MidpointRounding.ToEven).ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit] + ")";
    }
}
