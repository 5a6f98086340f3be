using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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
    /// <exception cref="InvalidDataException">
    /// The file is truncated or corrupt, or its tensors do not match the network; the message lists every missing,
    /// unexpected and wrongly shaped tensor (expected versus found).
    /// </exception>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);
        bool checkpoint = file.Metadata.TryGetValue(CheckpointMetadata.Format, out string? format) && format == CheckpointMetadata.CheckpointFormat;
        SafeTensor[] tensors = MatchTensors(file, path, ExpectedWeightTensors(), ignoreOptimizerState: checkpoint);
        CopyWeights(tensors);
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

    /// <summary>The metadata every NetGen file carries: format, version, class name, architecture signature, seed.</summary>
    private Dictionary<string, string> FileMetadata(string format) => new(StringComparer.Ordinal)
    {
        [CheckpointMetadata.Format] = format,
        [CheckpointMetadata.Version] = typeof(Model).Assembly.GetName().Version?.ToString(3) ?? "unknown",
        [CheckpointMetadata.ModelName] = Description.Name,
        [CheckpointMetadata.Architecture] = ArchitectureSignature.Compute(Description.Weights),
        [CheckpointMetadata.Seed] = Seed.ToString(CultureInfo.InvariantCulture),
    };

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
