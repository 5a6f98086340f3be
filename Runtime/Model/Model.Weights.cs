using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Saves every weight to a safetensors file (Keras's <c>save_weights</c>): one float32 tensor per weight, keyed by
    /// its Keras name (<c>dense/kernel</c>, …) in its Keras shape, little-endian; the metadata records the format
    /// (<c>netgen-weights</c>), the NetGen version, the network's class name and an architecture signature.
    /// The write is atomic: a temporary file in the same folder, flushed to disk, then renamed over
    /// <paramref name="path"/>; if it fails, an existing file at <paramref name="path"/> is left as it was.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or the write failed.</exception>
    public void SaveWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(WeightTensors(), FileMetadata(CheckpointMetadata.WeightsFormat)));
    }

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights"/> (Keras's <c>load_weights</c>), or the weights of a training
    /// checkpoint (its optimizer state is then ignored), or any safetensors file of F32 tensors with exactly this
    /// network's Keras names and shapes (for example one written from Python). Everything is checked before anything is
    /// copied: if the file is missing, truncated or corrupt, or its tensors do not match, the model is unchanged.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <remarks>
    /// For a network declared as a graph, a NetGen file must also come from a network wired the same way (the same
    /// inputs, and each layer reading the same inputs and layers): the weights of a graph wired differently are refused
    /// even when their names and shapes match. A file without NetGen's metadata (one written from Python) is checked by
    /// its tensors alone.
    /// </remarks>
    /// <exception cref="InvalidDataException">
    /// The file is truncated or corrupt, or its tensors do not match the network; the message lists every missing,
    /// unexpected and wrongly shaped tensor (expected versus found). Or the file comes from a network wired differently;
    /// the message lists the inputs and layers that differ.
    /// </exception>
    /// <param name="path">The file to read.</param>
    /// <param name="byName">
    /// Whether to match the tensors by their names and shapes alone (Keras's <c>by_name</c>): a NetGen file saved from
    /// another network class, or from a network whose layers differ (another type, output shape or wiring) but whose
    /// weights have the same names and shapes, is then loaded. By default such a file is refused, because the same
    /// shapes do not make the same network.
    /// </param>
    /// <exception cref="InvalidDataException">
    /// Without <paramref name="byName"/>: the file was saved from another network class, or its layer table differs from
    /// this network's (the message names both and the layers that differ).
    /// </exception>
    public void LoadWeights(string path, bool byName = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);
        bool checkpoint = file.Metadata.TryGetValue(CheckpointMetadata.Format, out string? format) && format == CheckpointMetadata.CheckpointFormat;
        SafeTensor[] tensors = MatchTensors(file, path, ExpectedWeightTensors(), ignoreOptimizerState: checkpoint);
        if (!byName)
        {
            CheckTopology(file, path);
            CheckSameNetwork(file, path);
        }
        CopyWeights(tensors);
    }

    /// <summary>
    /// Refuses a NetGen file saved from another network class or from a network with another layer table, even when
    /// every tensor matches; <c>LoadWeights(path, byName: true)</c> loads it anyway. A file without these entries
    /// (written from Python, or by an older NetGen) passes.
    /// </summary>
    private void CheckSameNetwork(SafeTensorsFile file, string path)
    {
        const string hint = " If these weights are meant for this network (the same names and shapes), load them with LoadWeights(path, byName: true).";
        if (file.Metadata.TryGetValue(CheckpointMetadata.ModelName, out string? savedFrom) && savedFrom != Description.Name)
            throw new InvalidDataException($"{path}: the file was saved from the network {savedFrom}, not {Description.Name}; nothing was loaded." + hint);
        if (!file.Metadata.TryGetValue(CheckpointMetadata.Layers, out string? savedLayers)) return;
        string layers = LayerTable();
        if (savedLayers == layers) return;
        var fileLines = new List<string>(savedLayers.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var networkLines = new List<string>(layers.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var message = new StringBuilder();
        message.Append(path).Append(": the file comes from a version of ").Append(Description.Name).Append(" with other layers; nothing was loaded. The layers (name, type, output shape) differ:");
        foreach (string line in fileLines.Except(networkLines)) message.Append("\n  in the file only: ").Append(line);
        foreach (string line in networkLines.Except(fileLines)) message.Append("\n  in ").Append(Description.Name).Append(" only: ").Append(line);
        if (fileLines.Except(networkLines).Concat(networkLines.Except(fileLines)).Any() == false) message.Append("\n  the same layers come in another order");
        throw new InvalidDataException(message.Append('\n').Append(hint.TrimStart()).ToString());
    }

    /// <summary>The layer table as a weights file records it: <c>name Type (None, …)</c>, one line per layer.</summary>
    private string LayerTable()
    {
        var text = new StringBuilder();
        foreach (LayerInfo layer in Description.Layers) text.Append(layer.Name).Append(' ').Append(layer.Type).Append(' ').Append(layer.OutputShape).Append('\n');
        return text.ToString();
    }

    /// <summary>A copy of every weight as a tensor with its Keras name and shape, in the order of the weight table.</summary>
    private SafeTensor[] WeightTensors()
    {
        var tensors = new SafeTensor[Description.Weights.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            WeightInfo weight = Description.Weights[i];
            tensors[i] = new SafeTensor(weight.Name, weight.Shape, Parameters.Slice(weight.Offset, weight.Length).ToArray());
        }
        return tensors;
    }

    /// <summary>The names and shapes of the weights, in the order of the weight table.</summary>
    private List<(string Name, int[] Shape)> ExpectedWeightTensors()
    {
        var expected = new List<(string Name, int[] Shape)>(Description.Weights.Count);
        foreach (WeightInfo weight in Description.Weights) expected.Add((weight.Name, weight.Shape));
        return expected;
    }

    /// <summary>Copies tensors matched by <see cref="MatchTensors"/> (weight table order) into the parameters.</summary>
    private void CopyWeights(SafeTensor[] tensors)
    {
        for (int i = 0; i < Description.Weights.Count; i++)
        {
            WeightInfo weight = Description.Weights[i];
            tensors[i].Values.CopyTo(Parameters.Slice(weight.Offset, weight.Length));
        }
    }

    /// <summary>
    /// The metadata every NetGen file carries: format, version, class name, architecture signature, seed; and for a
    /// graph its topology (a sequential network's metadata is what it was before graphs existed).
    /// </summary>
    private Dictionary<string, string> FileMetadata(string format)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckpointMetadata.Format] = format,
            [CheckpointMetadata.Version] = typeof(Model).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            [CheckpointMetadata.ModelName] = Description.Name,
            [CheckpointMetadata.Architecture] = ArchitectureSignature.Compute(Description),
            [CheckpointMetadata.Seed] = Seed.ToString(CultureInfo.InvariantCulture),
            [CheckpointMetadata.Layers] = LayerTable(),
        };
        if (Description.IsGraph) metadata[CheckpointMetadata.Topology] = ArchitectureSignature.Topology(Description);
        return metadata;
    }

    /// <summary>
    /// Refuses a NetGen file whose tensors match but whose network was wired differently: checked when this network is a
    /// graph or the file comes from one (a sequential network's signature covers its weights, which the tensors already
    /// matched). A file without an architecture signature (not written by NetGen) passes.
    /// </summary>
    private void CheckTopology(SafeTensorsFile file, string path)
    {
        if (!file.Metadata.TryGetValue(CheckpointMetadata.Architecture, out string? saved)) return;
        bool fromGraph = file.Metadata.TryGetValue(CheckpointMetadata.Topology, out string? savedTopology);
        if (!Description.IsGraph && !fromGraph) return;
        string signature = ArchitectureSignature.Compute(Description);
        if (saved == signature) return;

        var message = new StringBuilder();
        message.Append(path).Append(": the file comes from a network wired differently from ").Append(Description.Name);
        if (file.Metadata.TryGetValue(CheckpointMetadata.ModelName, out string? savedFrom))
            message.Append(" (it was saved from ").Append(savedFrom).Append(')');
        message.Append("; nothing was loaded. The weights have the same names and shapes, but ");
        string topology = ArchitectureSignature.Topology(Description);
        if (!fromGraph)
        {
            message.Append("the file comes from a sequential network, and ").Append(Description.Name).Append(" is a graph:");
            AppendLines(message, "  ", topology);
        }
        else if (!Description.IsGraph)
        {
            message.Append("the file comes from a graph, and ").Append(Description.Name).Append(" is a sequential network. The file's graph:");
            AppendLines(message, "  ", savedTopology!);
        }
        else
        {
            List<string> fileLines = Lines(savedTopology!), networkLines = Lines(topology);
            List<string> onlyInFile = Without(fileLines, networkLines), onlyInNetwork = Without(networkLines, fileLines);
            if (onlyInFile.Count + onlyInNetwork.Count > 0)
            {
                message.Append("the wiring differs:");
                foreach (string line in onlyInFile) message.Append("\n  in the file only: ").Append(line);
                foreach (string line in onlyInNetwork) message.Append("\n  in ").Append(Description.Name).Append(" only: ").Append(line);
            }
            else if (!fileLines.SequenceEqual(networkLines))
            {
                message.Append("the same inputs and layers come in another order.\n  the file: ").AppendJoin("; ", fileLines)
                    .Append("\n  ").Append(Description.Name).Append(": ").AppendJoin("; ", networkLines);
            }
            else
            {
                message.Append("the architecture signatures differ: the file's is ").Append(saved).Append(", the network's ").Append(signature).Append('.');
            }
        }
        throw new InvalidDataException(message.ToString());

        static void AppendLines(StringBuilder message, string indent, string text)
        {
            foreach (string line in Lines(text)) message.Append('\n').Append(indent).Append(line);
        }

        static List<string> Lines(string text) => new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // The lines of `from` that `other` lacks, counting repeats.
        static List<string> Without(List<string> from, List<string> other)
        {
            var left = new List<string>(other);
            var result = new List<string>();
            foreach (string line in from)
            {
                if (!left.Remove(line)) result.Add(line);
            }
            return result;
        }
    }

    /// <summary>
    /// Finds each expected tensor in <paramref name="file"/> and checks its shape; returns them in the expected order.
    /// Every problem is collected into one <see cref="InvalidDataException"/>: missing tensors, unexpected ones
    /// (optimizer state excepted when <paramref name="ignoreOptimizerState"/>) and wrong shapes, expected versus found.
    /// </summary>
    private SafeTensor[] MatchTensors(SafeTensorsFile file, string path, List<(string Name, int[] Shape)> expected, bool ignoreOptimizerState)
    {
        var result = new SafeTensor[expected.Count];
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < expected.Count; i++)
        {
            var (name, shape) = expected[i];
            names.Add(name);
            SafeTensor? tensor = file.Find(name);
            if (tensor is null)
                problems.Add($"missing: {name} {DataSet.FormatShape(shape)}");
            else if (!HasShape(tensor, shape))
                problems.Add($"wrong shape: {name}: expected {DataSet.FormatShape(shape)}, found {DataSet.FormatShape(tensor.Shape)}");
            else
                result[i] = tensor;
        }
        foreach (SafeTensor tensor in file.Tensors)
        {
            if (names.Contains(tensor.Name)) continue;
            if (ignoreOptimizerState && tensor.Name.StartsWith(CheckpointMetadata.OptimizerPrefix, StringComparison.Ordinal)) continue;
            // A BackupAndRestore backup also holds its callbacks' state.
            if (tensor.Name.StartsWith(CheckpointMetadata.CallbackPrefix, StringComparison.Ordinal)
                && file.Metadata.TryGetValue(CheckpointMetadata.Format, out string? format) && format == CheckpointMetadata.CheckpointFormat) continue;
            problems.Add($"unexpected: {tensor.Name} {DataSet.FormatShape(tensor.Shape)}");
        }
        if (problems.Count == 0) return result;

        var message = new StringBuilder();
        message.Append(path).Append(": the tensors do not match the network ").Append(Description.Name);
        if (file.Metadata.TryGetValue(CheckpointMetadata.ModelName, out string? savedFrom))
            message.Append(" (the file was saved from ").Append(savedFrom).Append(')');
        message.Append("; nothing was loaded. ").Append(problems.Count.ToString(CultureInfo.InvariantCulture)).Append(problems.Count == 1 ? " problem:" : " problems:");
        foreach (string problem in problems) message.Append("\n  ").Append(problem);
        throw new InvalidDataException(message.ToString());
    }

    private static bool HasShape(SafeTensor tensor, int[] shape)
    {
        if (tensor.Shape.Count != shape.Length) return false;
        for (int i = 0; i < shape.Length; i++)
        {
            if (tensor.Shape[i] != shape[i]) return false;
        }
        return true;
    }
}
