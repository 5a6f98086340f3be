using System;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits one layer's part of the generated class. Naming: <c>a{i}</c> is layer i's output activation (a0 the
/// input), <c>d{i}</c> the gradient with respect to it; buffers are fields <c>_L{i}_…</c>.
/// </summary>
internal abstract class LayerEmitter
{
    protected LayerEmitter(LayerSpec layer) => Layer = layer;

    public LayerSpec Layer { get; }

    protected int I => Layer.Index;

    /// <summary>The output's floats per batch row.</summary>
    protected int OutSize => Layer.OutputShape.Size;

    protected int InSize => Layer.InputShape.Size;

    /// <summary>The field holding the output, or null when the output is a view of another buffer.</summary>
    public abstract string? OutputBuffer { get; }

    /// <summary>
    /// The field holding the output after a forward pass in either mode, or null (a view, or a layer whose output is
    /// a view at inference); the network's output then gets a buffer of its own.
    /// </summary>
    public virtual string? OutputBufferInBothModes => OutputBuffer;

    /// <summary>The field holding the logits a fused loss reads, or null.</summary>
    public virtual string? LogitsBuffer => null;

    /// <summary>The field that holds d{i} in the backward pass (set by the network emitter, which sees the layers after this one).</summary>
    public string OutputGradientField { get; set; } = "";

    /// <summary>
    /// The expression for a{i} in terms of fields and the current batch (<c>_batch</c>, <c>_training</c>): the body
    /// of the generated property <c>A{i}</c> that parallel tasks read.
    /// </summary>
    public virtual string ActivationExpression => OutputBuffer is null ? $"A{I - 1}" : $"{OutputBuffer}.AsSpan(0, _batch * {OutSize})";

    /// <summary>The names of this layer's kernel calls that run split over threads (see <see cref="EmitTask"/>).</summary>
    public virtual string[] Tasks => Array.Empty<string>();

    /// <summary>The body of one task: part <c>part</c> of <c>parts</c>.</summary>
    public virtual void EmitTask(IndentedSourceWriter w, string task) => throw new NotSupportedException(task);

    public static LayerEmitter For(LayerSpec layer) => layer switch
    {
        DenseSpec dense => new DenseEmitter(dense),
        FlattenSpec flatten => new FlattenEmitter(flatten),
        DropoutSpec dropout => new DropoutEmitter(dropout),
        ActivationLayerSpec activation => new ActivationEmitter(activation),
        LeakyReluSpec leakyRelu => new LeakyReluEmitter(leakyRelu),
        BatchNormalizationSpec batchNormalization => new BatchNormalizationEmitter(batchNormalization),
        _ => throw new NotSupportedException("No emitter for " + layer.GetType().Name),
    };

    /// <summary>The one-line description before the layer's code, e.g. <c>// L2 dense = [Dense(128, Activation.Relu)]: (B, 784) -> (B, 128)</c>.</summary>
    public string Describe() => $"// {Layer.Prefix} {Layer.Name} = {Layer.AttributeText}: {Layer.InputShape.WithBatch} -> {Layer.OutputShape.WithBatch}";

    public abstract void DeclareBuffers(BufferList buffers);

    /// <summary>Fields that do not grow with the batch (per-channel statistics), if the layer has any.</summary>
    public virtual void EmitFields(IndentedSourceWriter w)
    {
    }

    /// <summary>Whether <see cref="EmitFields"/> writes anything.</summary>
    public virtual bool HasFields => false;

    /// <summary>Defines <c>a{i}</c> from <c>a{i-1}</c>, in training or inference mode (the local <c>training</c>).</summary>
    public abstract void EmitForward(IndentedSourceWriter w);

    /// <summary>Re-defines <c>a{i}</c> in the backward pass: the training-mode activation the forward pass left.</summary>
    public abstract void EmitSavedActivation(IndentedSourceWriter w);

    /// <summary>Consumes <c>d{i}</c>: writes this layer's weight gradients and, if needed, defines <c>d{i-1}</c>.</summary>
    public abstract void EmitBackward(IndentedSourceWriter w);

    protected string Slice(string buffer, int perSample) => $"{buffer}.AsSpan(0, batch * {perSample})";

    /// <summary>Whether <see cref="EmitPenalties"/> writes anything.</summary>
    public virtual bool HasPenalties => false;

    /// <summary>Adds this layer's regularization penalties to the local <c>loss</c> in <c>LossCore</c> (nothing by default).</summary>
    public virtual void EmitPenalties(IndentedSourceWriter w) { }

    /// <summary>Whether the activation's backward reads its input rather than its output (GELU and swish are not invertible).</summary>
    internal static bool BackwardReadsInput(ActivationKind activation) =>
        activation is ActivationKind.Gelu or ActivationKind.GeluApproximate or ActivationKind.Swish;

    /// <summary>The call applying an activation in place over <paramref name="values"/> (nothing for linear).</summary>
    internal static string? ActivationCall(ActivationKind activation, string values, int units) => activation switch
    {
        ActivationKind.Linear => null,
        ActivationKind.Relu => $"Activations.Relu({values});",
        ActivationKind.Sigmoid => $"Activations.Sigmoid({values});",
        ActivationKind.Tanh => $"Activations.Tanh({values});",
        ActivationKind.Softmax => $"Activations.Softmax({values}, {values}, {units});",
        ActivationKind.Selu => $"Activations.Selu({values});",
        ActivationKind.Elu => $"Activations.Elu({values});",
        ActivationKind.LeakyRelu => $"Activations.LeakyRelu({values}, {values}, Activations.LeakyReluActivationSlope);",
        ActivationKind.Gelu => $"Activations.Gelu({values});",
        ActivationKind.GeluApproximate => $"Activations.GeluApproximate({values});",
        ActivationKind.Swish => $"Activations.Swish({values});",
        ActivationKind.Softplus => $"Activations.Softplus({values});",
        _ => throw new NotSupportedException(activation.ToString()),
    };

    /// <summary>
    /// The call turning the gradient w.r.t. an activation's output into the gradient w.r.t. its input, in place; it
    /// reads <paramref name="output"/>, or <paramref name="input"/> where <see cref="BackwardReadsInput"/>.
    /// </summary>
    internal static string? ActivationBackwardCall(ActivationKind activation, string gradient, string output, string input, int units) => activation switch
    {
        ActivationKind.Linear => null,
        ActivationKind.Relu => $"Activations.ReluBackward({gradient}, {output});",
        ActivationKind.Sigmoid => $"Activations.SigmoidBackward({gradient}, {output});",
        ActivationKind.Tanh => $"Activations.TanhBackward({gradient}, {output});",
        ActivationKind.Softmax => $"Activations.SoftmaxBackward({gradient}, {output}, {units});",
        ActivationKind.Selu => $"Activations.SeluBackward({gradient}, {output});",
        ActivationKind.Elu => $"Activations.EluBackward({gradient}, {output});",
        ActivationKind.LeakyRelu => $"Activations.LeakyReluBackward({gradient}, {output}, Activations.LeakyReluActivationSlope);",
        ActivationKind.Gelu => $"Activations.GeluBackward({gradient}, {input});",
        ActivationKind.GeluApproximate => $"Activations.GeluApproximateBackward({gradient}, {input});",
        ActivationKind.Swish => $"Activations.SwishBackward({gradient}, {input});",
        ActivationKind.Softplus => $"Activations.SoftplusBackward({gradient}, {output});",
        _ => throw new NotSupportedException(activation.ToString()),
    };
}
