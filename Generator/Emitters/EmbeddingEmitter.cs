using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>Embedding: forward looks rows of the table up by token id; backward scatter-adds dy into the rows used.</summary>
internal sealed class EmbeddingEmitter : LayerEmitter
{
    private readonly EmbeddingSpec _embedding;

    public EmbeddingEmitter(LayerPlan plan) : base(plan) => _embedding = (EmbeddingSpec)plan.Layer;

    public override string OutputBuffer => $"_L{I}_Out";

    private int TableLength => _embedding.InputDim * _embedding.OutputDim;

    private string Table => $"parameters.Slice(Layout.L{I}_E, {TableLength})";

    private string RowTracker => $"_L{I}_Rows";

    public override bool HasFields => !Plan.InferenceOnly; // the row tracker serves the gradient only

    public override void EmitFields(IndentedSourceWriter w) =>
        w.Line($"private readonly EmbeddingGradient {RowTracker} = new({_embedding.InputDim}); // {Layer.Name}: the table rows the last batch's gradient wrote");

    public override void DeclareBuffers(BufferList buffers) =>
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");

    public override void EmitForward(IndentedSourceWriter w)
    {
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        w.Line($"// Each id is checked against input_dim = {_embedding.InputDim} (a clear error names the sample and the token).");
        w.Line($"Embedding.Forward(a{I}, {In()}, {Table}, {_embedding.InputDim}, {_embedding.OutputDim}, {_embedding.Tokens}, {Literals.String(Layer.Name)});");
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        string gradient = $"gradients.Slice(Layout.L{I}_E, {TableLength})";
        if (_embedding.EmbeddingsRegularizer is { } regularizer)
        {
            w.Line($"// The regularizer's gradient covers every row: clear the whole table's gradient, then scatter-add dy.");
            w.Line($"{RowTracker}.Backward({gradient}, d{I}, {In()}, {_embedding.OutputDim}, clearAll: true);");
            w.Line($"Regularizers.AddPenaltyGradient({gradient}, {Table}, {Literals.Float(regularizer.L1)}, {Literals.Float(regularizer.L2)}); // embeddings regularizer {regularizer.Describe()}");
        }
        else
        {
            w.Line("// Only the rows this batch's tokens use get a gradient; the rest stay zero.");
            w.Line($"{RowTracker}.Backward({gradient}, d{I}, {In()}, {_embedding.OutputDim});");
        }
    }

    public override bool HasPenalties => _embedding.EmbeddingsRegularizer is not null;

    public override void EmitPenalties(IndentedSourceWriter w)
    {
        if (_embedding.EmbeddingsRegularizer is { } regularizer)
            w.Line($"loss += Regularizers.Penalty(Parameters.Slice(Layout.L{I}_E, {TableLength}), {Literals.Double(regularizer.L1)}, {Literals.Double(regularizer.L2)}); // {Layer.Name}/embeddings: {regularizer.Describe()}");
    }
}
