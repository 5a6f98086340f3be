using System;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits one layer's part of the generated class. Naming: <c>a{i}</c> is node i's output activation (the inputs are
/// the first nodes: a0 for a single input), <c>d{i}</c> the gradient with respect to it; buffers are fields
/// <c>_L{i}_…</c>. Which nodes a layer reads and where gradients go come from its <see cref="LayerPlan"/>.
/// </summary>
internal abstract class LayerEmitter
{
    protected LayerEmitter(LayerPlan plan)
    {
        Plan = plan;
        Layer = plan.Layer;
    }

    public LayerPlan Plan { get; }

    public LayerSpec Layer { get; }

    protected int I => Layer.Index;

    /// <summary>The local holding input <paramref name="k"/>'s activation, e.g. <c>a3</c>.</summary>
    protected string In(int k = 0) => "a" + Layer.Inputs[k];

    /// <summary>The property reading input <paramref name="k"/>'s activation from the parallel tasks, e.g. <c>A3</c>.</summary>
    protected string InProperty(int k = 0) => "A" + Layer.Inputs[k];

    /// <summary>How the gradient of input <paramref name="k"/> goes back.</summary>
    protected InputGradientPlan InputGradient(int k = 0) => Plan.InputGradients[k];

    /// <summary>Whether the backward pass hands back the gradient of input <paramref name="k"/>.</summary>
    protected bool NeedsGradientOf(int k = 0) => Plan.InputGradients[k].Mode != GradientMode.None;

    /// <summary>
    /// Starts the contribution to input <paramref name="k"/>'s gradient and returns the span the layer writes it into:
    /// the gradient itself (declared here) when this contribution comes first, else the scratch buffer.
    /// </summary>
    protected string BeginInputGradient(IndentedSourceWriter w, int k)
    {
        InputGradientPlan gradient = InputGradient(k);
        if (gradient.Mode == GradientMode.Accumulate)
            return $"{NetworkPlan.ScratchField}.AsSpan(0, batch * {gradient.PerSample})";
        w.Line($"Span<float> {gradient.Local} = {Slice(gradient.Field, gradient.PerSample)};");
        return gradient.Local;
    }

    /// <summary>The field the contribution to input <paramref name="k"/>'s gradient is written into (for the parallel tasks).</summary>
    protected string InputGradientTarget(int k) =>
        InputGradient(k).Mode == GradientMode.Accumulate ? NetworkPlan.ScratchField : InputGradient(k).Field;

    /// <summary>Ends the contribution started by <see cref="BeginInputGradient"/>: adds it when it went to the scratch buffer.</summary>
    protected void EndInputGradient(IndentedSourceWriter w, int k)
    {
        InputGradientPlan gradient = InputGradient(k);
        if (gradient.Mode == GradientMode.Accumulate)
            w.Line($"Merge.AddTo({gradient.Local}, {NetworkPlan.ScratchField}.AsSpan(0, batch * {gradient.PerSample})); // {Layer.Name}'s contribution to d{gradient.Tensor}, which several layers read");
    }

    /// <summary>
    /// Hands <paramref name="contribution"/> (a span already holding this layer's gradient for input <paramref name="k"/>,
    /// usually d{i} transformed in place) back: shared when this layer is the only reader, else written or added.
    /// </summary>
    protected void PassInputGradient(IndentedSourceWriter w, int k, string contribution, string note = "")
    {
        InputGradientPlan gradient = InputGradient(k);
        switch (gradient.Mode)
        {
            case GradientMode.Alias:
                w.Line($"Span<float> {gradient.Local} = {contribution};{note}");
                break;
            case GradientMode.Write:
                w.Line($"Span<float> {gradient.Local} = {Slice(gradient.Field, gradient.PerSample)};");
                w.Line($"{contribution}.CopyTo({gradient.Local}); // d{gradient.Tensor} is read by several layers: a buffer of its own");
                break;
            case GradientMode.Accumulate:
                w.Line($"Merge.AddTo({gradient.Local}, {contribution}); // {Layer.Name}'s contribution to d{gradient.Tensor}, which several layers read");
                break;
        }
    }

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

    /// <summary>The field that holds d{i} in the backward pass.</summary>
    public string OutputGradientField => Plan.OutputGradientField;

    /// <summary>
    /// The expression for a{i} in terms of fields and the current batch (<c>_batch</c>, <c>_training</c>): the body
    /// of the generated property <c>A{i}</c> that parallel tasks read.
    /// </summary>
    public virtual string ActivationExpression => OutputBuffer is null ? InProperty() : $"{OutputBuffer}.AsSpan(0, _batch * {OutSize})";

    /// <summary>
    /// The Dense kernel shapes (inputs → units, with or without bias, class name) this layer's products run on, besides a
    /// Dense layer's own: the generated Kernels class gets one class per distinct name.
    /// </summary>
    public virtual System.Collections.Generic.IEnumerable<(int Inputs, int Units, bool UseBias, string Name)> KernelShapes =>
        Array.Empty<(int, int, bool, string)>();

    /// <summary>The names of this layer's kernel calls that run split over threads (see <see cref="EmitTask"/>).</summary>
    public virtual string[] Tasks => Array.Empty<string>();

    /// <summary>The <see cref="Tasks"/> the forward pass runs: all an inference-only network emits.</summary>
    public virtual string[] ForwardTasks => Tasks;

    /// <summary>The body of one task: part <c>part</c> of <c>parts</c>.</summary>
    public virtual void EmitTask(IndentedSourceWriter w, string task) => throw new NotSupportedException(task);

    public static LayerEmitter For(LayerPlan plan) => plan.Layer switch
    {
        DenseSpec => new DenseEmitter(plan),
        FlattenSpec or ReshapeSpec => new ViewEmitter(plan),
        DropoutSpec => new DropoutEmitter(plan),
        ActivationLayerSpec => new ActivationEmitter(plan),
        LeakyReluSpec => new LeakyReluEmitter(plan),
        BatchNormalizationSpec => new BatchNormalizationEmitter(plan),
        MergeSpec => new MergeEmitter(plan),
        ConvolutionSpec => new ConvolutionEmitter(plan),
        PoolingSpec => new PoolingEmitter(plan),
        ZeroPaddingSpec => new ZeroPaddingEmitter(plan),
        SpatialDropoutSpec => new SpatialDropoutEmitter(plan),
        EmbeddingSpec => new EmbeddingEmitter(plan),
        RecurrentSpec => new RecurrentEmitter(plan),
        _ => throw new NotSupportedException("No emitter for " + plan.Layer.GetType().Name),
    };

    /// <summary>
    /// The one-line description before the layer's code, e.g. <c>// L2 dense = [Dense(128, Activation.Relu)]: (B, 784) -> (B, 128)</c>;
    /// a layer that does not read the node above it names what it reads: <c>a0 (B, 5), a3 (B, 4) -> (B, 9)</c>.
    /// </summary>
    public string Describe()
    {
        string inputs = Layer.ReadsNodeAbove ? Layer.InputShape.WithBatch : string.Join(", ", Layer.Inputs.Select((input, k) => $"a{input} {Layer.InputShapes[k].WithBatch}"));
        return $"// {Layer.Prefix} {Layer.Name} = {Layer.AttributeText}: {inputs} -> {Layer.OutputShape.WithBatch}";
    }

    public abstract void DeclareBuffers(BufferList buffers);

    /// <summary>Fields that do not grow with the batch (per-channel statistics), if the layer has any.</summary>
    public virtual void EmitFields(IndentedSourceWriter w)
    {
    }

    /// <summary>Whether <see cref="EmitFields"/> writes anything.</summary>
    public virtual bool HasFields => false;

    /// <summary>Defines <c>a{i}</c> from its inputs' activations, in training or inference mode (the local <c>training</c>).</summary>
    public abstract void EmitForward(IndentedSourceWriter w);

    /// <summary>Re-defines <c>a{i}</c> in the backward pass: the training-mode activation the forward pass left.</summary>
    public abstract void EmitSavedActivation(IndentedSourceWriter w);

    /// <summary>Consumes <c>d{i}</c>: writes this layer's weight gradients and hands back its inputs' gradients as planned.</summary>
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
