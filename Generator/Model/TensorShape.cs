using System.Linq;
using NetGen.Generator.Helpers;

namespace NetGen.Generator.Model;

/// <summary>The shape of one sample (no batch dimension). Value-equal.</summary>
internal readonly record struct TensorShape(EquatableArray<int> Dimensions)
{
    public static TensorShape Of(params int[] dimensions) => new(dimensions.ToEquatableArray());

    public int Rank => Dimensions.Count;

    public int Size => Dimensions.Aggregate(1, (product, d) => product * d);

    public int Last => Dimensions[Dimensions.Count - 1];

    /// <summary>The same shape with the last axis replaced: what a layer applied along the last axis (Dense) returns.</summary>
    public TensorShape WithLast(int last)
    {
        int[] dimensions = Dimensions.ToArray();
        dimensions[dimensions.Length - 1] = last;
        return Of(dimensions);
    }

    /// <summary>"(B, 28, 28)": the batch dimension as the generated code's legend names it.</summary>
    public string WithBatch => "(B, " + string.Join(", ", Dimensions) + ")";

    /// <summary>"(None, 28, 28)": as Keras's summary prints it.</summary>
    public string Keras => "(None, " + string.Join(", ", Dimensions) + ")";

    /// <summary>"(28, 28)": the sample shape alone.</summary>
    public override string ToString() => "(" + string.Join(", ", Dimensions) + (Rank == 1 ? ",)" : ")");
}
