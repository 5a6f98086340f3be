using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>
/// Reads the merge layers (<c>[Concatenate("a", "b")]</c>, <c>[Add(…)]</c>, …) with Keras's shape rules:
/// Concatenate joins shapes equal but for the last axis; the elementwise merges need one shape.
/// </summary>
internal sealed class MergeReader : LayerReader
{
    private readonly MergeKind _kind;

    public MergeReader(MergeKind kind, string namePrefix)
    {
        _kind = kind;
        NamePrefix = namePrefix;
    }

    public override string NamePrefix { get; }

    public override string[]? InputNames(LayerAttributeData attribute) => attribute.Strings(0);

    public override LayerSpec? Read(LayerAttributeData attribute)
    {
        int count = attribute.Strings(0).Length;
        bool valid = true;
        if (count < 2 || (_kind == MergeKind.Subtract && count != 2))
        {
            string expected = _kind == MergeKind.Subtract ? "exactly two inputs" : "at least two inputs";
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"{_kind} needs {expected}; found {count}");
            valid = false;
        }
        if (attribute.HasNamed("From"))
        {
            attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"a merge names its inputs in its arguments, e.g. [{_kind}(\"a\", \"b\")]; remove From");
            valid = false;
        }
        return valid ? new MergeSpec { AttributeText = attribute.Text, Kind = _kind } : null;
    }

    public override TensorShape? InferShape(LayerSpec layer, EquatableArray<TensorShape> inputs, LayerAttributeData attribute)
    {
        TensorShape first = inputs[0];
        for (int i = 1; i < inputs.Count; i++)
        {
            TensorShape other = inputs[i];
            bool fits = _kind == MergeKind.Concatenate
                ? other.Rank == first.Rank && other.Dimensions.Take(other.Rank - 1).SequenceEqual(first.Dimensions.Take(first.Rank - 1))
                : other == first;
            if (fits) continue;
            string rule = _kind == MergeKind.Concatenate
                ? "Concatenate joins along the last axis: every other dimension must match"
                : $"{_kind} combines elementwise: the shapes must be equal";
            attribute.Report(DiagnosticDescriptors.MergeShapeMismatch, attribute.Text, first.WithBatch, other.WithBatch, rule);
            return null;
        }
        if (_kind != MergeKind.Concatenate) return first;
        // Summed in 64 bits: several inputs near the limit must not wrap the joined axis around.
        long joined = inputs.Sum(shape => (long)shape.Last);
        long elements = Limits.Product(Limits.Elements(first) / first.Last, joined);
        if (elements > Limits.MaxElements)
        {
            attribute.Report(DiagnosticDescriptors.TensorTooLarge, attribute.Text, "its output", Limits.Format(elements), Limits.Format(Limits.MaxElements));
            return null;
        }
        int[] dimensions = first.Dimensions.ToArray();
        dimensions[dimensions.Length - 1] = (int)joined;
        return TensorShape.Of(dimensions);
    }
}
