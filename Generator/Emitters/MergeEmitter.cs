using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// The merge layers over the <c>NetGen.Kernels.Merge</c> kernels. Forward: the elementwise ones fold their inputs
/// pairwise into the layer's buffer, as Keras does; Concatenate copies each input into its columns. Backward: each
/// input's gradient as planned (Add and Average pass d{i} itself, the others compute their share).
/// </summary>
internal sealed class MergeEmitter : LayerEmitter
{
    private readonly MergeSpec _merge;

    public MergeEmitter(LayerPlan plan) : base(plan) => _merge = (MergeSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    private int Count => Layer.Inputs.Count;

    /// <summary>Rows of the last axis in the batch: Concatenate joins along it.</summary>
    private string Rows => Layer.OutputShape.Size == Layer.OutputShape.Last ? "batch" : $"batch * {Layer.OutputShape.Size / Layer.OutputShape.Last}";

    /// <summary>Where input <paramref name="k"/>'s columns start in a Concatenate's output rows.</summary>
    private int ColumnOffset(int k) => Enumerable.Range(0, k).Sum(j => Layer.InputShapes[j].Last);

    public override void DeclareBuffers(BufferList buffers) =>
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        switch (_merge.Kind)
        {
            case MergeKind.Concatenate:
                for (int k = 0; k < Count; k++)
                    w.Line($"Merge.CopyColumns(a{I}, {Layer.OutputShape.Last}, {ColumnOffset(k)}, {In(k)}, {Layer.InputShapes[k].Last}, {Rows});");
                return;
            case MergeKind.Subtract:
                w.Line($"Merge.Subtract(a{I}, {In(0)}, {In(1)});");
                return;
            case MergeKind.Average:
                EmitFold(w, "Add");
                w.Line($"Merge.Scale(a{I}, a{I}, {Literals.Float(1.0 / Count)}); // the sum over {Count} inputs");
                return;
            default:
                EmitFold(w, _merge.Kind.ToString());
                return;
        }
    }

    /// <summary>a{i} = op(op(x0, x1), x2)…: Keras's pairwise order, which also decides Maximum's and Minimum's ties.</summary>
    private void EmitFold(IndentedSourceWriter w, string operation)
    {
        w.Line($"Merge.{operation}(a{I}, {In(0)}, {In(1)});");
        for (int k = 2; k < Count; k++) w.Line($"Merge.{operation}(a{I}, a{I}, {In(k)});");
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (_merge.Kind == MergeKind.Average && Enumerable.Range(0, Count).Any(k => NeedsGradientOf(k)))
            w.Line($"Merge.Scale(d{I}, d{I}, {Literals.Float(1.0 / Count)}); // each input's share of the average");
        for (int k = 0; k < Count; k++)
        {
            if (!NeedsGradientOf(k)) continue;
            switch (_merge.Kind)
            {
                case MergeKind.Add:
                case MergeKind.Average:
                case MergeKind.Subtract when k == 0:
                    PassInputGradient(w, k, $"d{I}");
                    continue;
            }
            string dx = BeginInputGradient(w, k);
            switch (_merge.Kind)
            {
                case MergeKind.Subtract:
                    w.Line($"Merge.Scale({dx}, d{I}, -1f);");
                    break;
                case MergeKind.Multiply:
                    // The product of the other inputs, times d{i}.
                    int[] others = Enumerable.Range(0, Count).Where(j => j != k).ToArray();
                    w.Line($"Merge.Multiply({dx}, d{I}, {In(others[0])});");
                    foreach (int j in others.Skip(1)) w.Line($"Merge.Multiply({dx}, {dx}, {In(j)});");
                    break;
                case MergeKind.Maximum:
                case MergeKind.Minimum:
                    // d{i} where this input holds the output, unless an earlier input holds it too (it took the tie).
                    w.Line($"Merge.Claim({dx}, d{I}, a{I}, {In(k)});");
                    for (int j = 0; j < k; j++) w.Line($"Merge.Unclaim({dx}, a{I}, {In(j)});");
                    break;
                case MergeKind.Concatenate:
                    w.Line($"Merge.SliceColumns({dx}, {Layer.InputShapes[k].Last}, d{I}, {Layer.OutputShape.Last}, {ColumnOffset(k)}, {Rows});");
                    break;
            }
            EndInputGradient(w, k);
        }
    }
}
