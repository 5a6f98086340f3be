using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>One named float32 tensor of a safetensors file: its shape and its values, row-major.</summary>
public sealed class SafeTensor
{
    private readonly int[] _shape;

    /// <summary>Creates a tensor.</summary>
    /// <param name="name">The tensor's name, e.g. <c>dense/kernel</c>.</param>
    /// <param name="shape">The shape; an empty shape is a scalar (one value).</param>
    /// <param name="values">The values, row-major (the last axis varies fastest); kept, not copied.</param>
    /// <exception cref="ArgumentException">The name is empty or reserved, a dimension is negative, or the number of values is not the product of the shape.</exception>
    public SafeTensor(string name, IReadOnlyList<int> shape, float[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        if (name == SafeTensorsFile.MetadataKey)
            throw new ArgumentException($"'{SafeTensorsFile.MetadataKey}' is reserved for the metadata of a safetensors file; it cannot name a tensor.", nameof(name));
        _shape = new int[shape.Count];
        for (int i = 0; i < _shape.Length; i++)
        {
            if (shape[i] < 0)
                throw new ArgumentException($"The tensor '{name}' has a negative dimension in shape {DataSet.FormatShape(shape)}.", nameof(shape));
            _shape[i] = shape[i];
        }
        long count = ElementCount(_shape);
        if (count != values.Length)
            throw new ArgumentException(
                $"The tensor '{name}' has shape {DataSet.FormatShape(shape)}, which holds {count.ToString(CultureInfo.InvariantCulture)} values; found {values.Length.ToString(CultureInfo.InvariantCulture)}.",
                nameof(values));
        Name = name;
        Values = values;
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The shape (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The values, row-major.</summary>
    public float[] Values { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {DataSet.FormatShape(_shape)}";

    /// <summary>The number of values of a shape, saturated at <see cref="long.MaxValue"/> instead of overflowing.</summary>
    internal static long ElementCount(IReadOnlyList<int> shape)
    {
        long count = 1;
        for (int i = 0; i < shape.Count; i++)
        {
            if (shape[i] == 0) return 0;
            count = count > long.MaxValue / shape[i] ? long.MaxValue : count * shape[i];
        }
        return count;
    }
}
