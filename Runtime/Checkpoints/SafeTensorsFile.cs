using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// The contents of a safetensors file, as <see cref="SafeTensorsReader"/> reads it and <see cref="SafeTensorsWriter"/>
/// writes it: float32 tensors in the order of their data, and the string metadata of the header's <c>__metadata__</c>.
/// </summary>
public sealed class SafeTensorsFile
{
    /// <summary>The header key that holds the metadata instead of a tensor.</summary>
    public const string MetadataKey = "__metadata__";

    private readonly Dictionary<string, SafeTensor> _byName;

    /// <summary>Creates the contents of a file.</summary>
    /// <param name="tensors">The tensors, in the order their data is laid out.</param>
    /// <param name="metadata">The string metadata (<c>__metadata__</c>), or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">Two tensors have the same name.</exception>
    public SafeTensorsFile(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = new SafeTensor[tensors.Count];
        _byName = new Dictionary<string, SafeTensor>(tensors.Count, StringComparer.Ordinal);
        for (int i = 0; i < list.Length; i++)
        {
            SafeTensor tensor = tensors[i] ?? throw new ArgumentException($"Tensor {i} is null.", nameof(tensors));
            if (!_byName.TryAdd(tensor.Name, tensor))
                throw new ArgumentException($"Two tensors are named '{tensor.Name}'; names must be unique.", nameof(tensors));
            list[i] = tensor;
        }
        Tensors = list;
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (KeyValuePair<string, string> pair in metadata)
                copy.Add(pair.Key, pair.Value ?? throw new ArgumentException($"The metadata value of '{pair.Key}' is null.", nameof(metadata)));
        }
        Metadata = copy;
    }

    /// <summary>The tensors, in the order of their data.</summary>
    public IReadOnlyList<SafeTensor> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c>: string keys and values (empty if the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>, or <see langword="null"/> if there is none.</summary>
    public SafeTensor? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out SafeTensor? tensor) ? tensor : null;
    }
}
