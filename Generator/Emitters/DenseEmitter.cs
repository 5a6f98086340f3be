using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>Dense: forward y = act(x·W + b); backward through the activation, then dW, db and dx.</summary>
internal sealed class DenseEmitter : LayerEmitter
{
    private readonly DenseSpec _dense;

    public DenseEmitter(DenseSpec dense) : base(dense) => _dense = dense;

    public override string OutputBuffer => $"_L{I}_Out";

    public override string? LogitsBuffer => _dense.FusedWithLoss ? $"_L{I}_Logits" : null;

    private string Kernel => "Kernels." + _dense.KernelName;

    private string Weight => $"parameters.Slice(Layout.L{I}_W, {_dense.InputUnits * _dense.Units})";

    private string Bias => $"parameters.Slice(Layout.L{I}_B, {_dense.Units})";

    public override void DeclareBuffers(BufferList buffers)
    {
        buffers.Add(OutputBuffer, OutSize, $"{Layer.Name} output {Layer.OutputShape.WithBatch}");
        if (LogitsBuffer is not null)
            buffers.Add(LogitsBuffer, OutSize, $"{Layer.Name} logits {Layer.OutputShape.WithBatch}, read by the fused loss");
        if (Layer.NeedsInputGradient)
            buffers.Add($"_L{I}_dX", InSize, $"gradient w.r.t. {Layer.Name}'s input {Layer.InputShape.WithBatch}");
    }

    public override void EmitForward(IndentedSourceWriter w)
    {
        string args = $"a{I - 1}, {Weight}" + (_dense.UseBias ? ", " + Bias : "") + ", batch";
        w.Line($"Span<float> a{I} = {Slice(OutputBuffer, OutSize)};");
        if (LogitsBuffer is null)
        {
            w.Line($"{Kernel}.Forward(a{I}, {args});");
            string? activation = ActivationCall(_dense.Activation, $"a{I}", _dense.Units);
            if (activation is not null) w.Line(activation);
            return;
        }
        // Fused with the loss: keep the logits, which the loss reads instead of the probabilities.
        w.Line($"Span<float> z{I} = {Slice(LogitsBuffer, OutSize)};");
        w.Line($"{Kernel}.Forward(z{I}, {args});");
        if (_dense.Activation == ActivationKind.Softmax)
            w.Line($"Activations.Softmax(z{I}, a{I}, {_dense.Units});");
        else
        {
            w.Line($"z{I}.CopyTo(a{I});");
            w.Line(ActivationCall(_dense.Activation, $"a{I}", _dense.Units)!);
        }
    }

    public override void EmitSavedActivation(IndentedSourceWriter w) =>
        w.Line($"ReadOnlySpan<float> a{I} = {Slice(OutputBuffer, OutSize)};");

    public override void EmitBackward(IndentedSourceWriter w)
    {
        if (_dense.FusedWithLoss)
            w.Line($"// d{I} is already the gradient w.r.t. the logits: the loss fused {_dense.Activation.ToString().ToLowerInvariant()}'s derivative");
        else
        {
            string? backward = ActivationBackwardCall(_dense.Activation, $"d{I}", $"a{I}", _dense.Units);
            if (backward is not null) w.Line(backward);
        }
        string biasGradient = _dense.UseBias ? $", gradients.Slice(Layout.L{I}_B, {_dense.Units})" : "";
        w.Line($"{Kernel}.BackwardWeights(gradients.Slice(Layout.L{I}_W, {_dense.InputUnits * _dense.Units}){biasGradient}, a{I - 1}, d{I}, batch);");
        if (Layer.NeedsInputGradient)
        {
            w.Line($"Span<float> d{I - 1} = {Slice($"_L{I}_dX", InSize)};");
            w.Line($"{Kernel}.BackwardInput(d{I - 1}, d{I}, {Weight}, batch);");
        }
    }
}
