using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ranges: NG00xx declaration and arguments, NG01xx shapes,
/// NG09xx internal. Each id is documented in docs/diagnostics.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Usage = "NetGen.Usage";
    private const string Shape = "NetGen.Shape";
    private static readonly string HelpBase = HelpLinks.DiagnosticsPage + "#";

    public const string NotPartialId = "NG0001";
    public const string MissingInputId = "NG0002";
    public const string NoLayersId = "NG0003";
    public const string MissingCompileId = "NG0004";
    public const string SplitDeclarationId = "NG0005";
    public const string UnsupportedClassId = "NG0006";
    public const string InvalidArgumentId = "NG0007";
    public const string FromLogitsAfterActivationId = "NG0008";
    public const string MisplacedInputId = "NG0009";
    public const string DuplicateLayerNameId = "NG0010";
    public const string InvalidRegularizerId = "NG0020";
    public const string InvalidLeakyReluAlphaId = "NG0021";
    public const string InvalidInitializerArgumentId = "NG0022";
    public const string ActivityRegularizerOnFusedOutputId = "NG0023";
    public const string OptionForAbsentWeightId = "NG0024";
    public const string OptimizerOptionNotApplicableId = "NG0030";
    public const string OptimizerOptionNeedsAnotherId = "NG0031";
    public const string OptimizerValueOutOfRangeId = "NG0032";
    public const string ConflictingClipOptionsId = "NG0033";
    public const string MetricLabelMismatchId = "NG0050";
    public const string DenseNeedsFlatId = "NG0101";
    public const string LossOutputMismatchId = "NG0102";
    public const string InternalErrorId = "NG0999";
    public const string BatchNormalizationInputId = "NG0040";
    public const string UnknownFromId = "NG0011";
    public const string GraphCycleId = "NG0012";
    public const string UnusedInputId = "NG0013";
    public const string UnreadLayerId = "NG0014";
    public const string UnoptimizedBuildId = "NG0140";
    public const string InvalidOutputsId = "NG0015";
    public const string CompileWithoutEffectId = "NG0017";
    public const string OutputReadByLayerId = "NG0016";
    public const string LossOptionsOutputMismatchId = "NG0034";
    public const string MergeShapeMismatchId = "NG0103";
    public const string ReshapeSizeMismatchId = "NG0104";
    public const string ConvolutionInputRankId = "NG0060";
    public const string ConvolutionWindowTooLargeId = "NG0061";
    public const string SpatialInputRankId = "NG0070";
    public const string InvalidWindowArgumentId = "NG0071";
    public const string PoolLargerThanInputId = "NG0072";
    public const string RecurrentNeedsSequenceId = "NG0080";
    public const string EmbeddingNeedsTokenIdsId = "NG0081";
    public const string TokenIdsNeedEmbeddingId = "NG0082";
    public const string SequenceAfterLastStateId = "NG0083";
    public const string UnsupportedRecurrentActivationId = "NG0084";
    public const string TensorTooLargeId = "NG0120";
    public const string ArgumentPastLimitId = "NG0121";
    public const string InvalidLayerNameId = "NG0122";
    public const string NetworkNotAClassId = "NG0123";

    /// <summary>Format: "The network class '{0}' must be declared partial".</summary>
    public static readonly DiagnosticDescriptor NotPartial = Error(NotPartialId, "Network class must be partial",
        "The network class '{0}' must be declared partial, so that NetGen can add the generated training code to it", Usage);

    /// <summary>Format: "The network '{0}' has no [Input(...)] attribute".</summary>
    public static readonly DiagnosticDescriptor MissingInput = Error(MissingInputId, "Network has no Input",
        "The network '{0}' has no [Input(...)] attribute; declare the shape of one sample first, e.g. [Input(28, 28)]", Usage);

    /// <summary>Format: "The network '{0}' has no layers after its input".</summary>
    public static readonly DiagnosticDescriptor NoLayers = Error(NoLayersId, "Network has no layers",
        "The network '{0}' has no layers after its input; add at least one layer, e.g. [Dense(10)]", Usage);

    /// <summary>Format: "The network '{0}' has no [Compile(...)] attribute".</summary>
    public static readonly DiagnosticDescriptor MissingCompile = Error(MissingCompileId, "Network has no Compile",
        "The network '{0}' has no [Compile(loss, optimizer)] attribute; NetGen needs the loss and optimizer to generate training code (a network that only predicts is declared [Network(InferenceOnly = true)] and needs none)", Usage);

    /// <summary>Format: "'{0}' is declared [Network(InferenceOnly = true)] …" (the class name). A warning the user may suppress.</summary>
    public static readonly DiagnosticDescriptor CompileWithoutEffect = new(CompileWithoutEffectId, "Compile has no effect on an inference-only network",
        "'{0}' is declared [Network(InferenceOnly = true)]: it has no loss, backward pass or optimizer, so [Compile] has no effect; remove it",
        Usage, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "ng0017");

    /// <summary>Format: "The layers of '{0}' are split across partial declarations".</summary>
    public static readonly DiagnosticDescriptor SplitDeclaration = Error(SplitDeclarationId, "Layers split across partial declarations",
        "The attributes of network '{0}' are split across partial declarations; put [Network] and every layer attribute on one declaration, so their order is well defined", Usage);

    /// <summary>Format: "The network class '{0}' cannot be generated: {1}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedClass = Error(UnsupportedClassId, "Unsupported network class",
        "The network class '{0}' cannot be generated: {1}", Usage);

    /// <summary>Format: "{0}: {1}" (the attribute, then what is wrong).</summary>
    public static readonly DiagnosticDescriptor InvalidArgument = Error(InvalidArgumentId, "Invalid layer argument",
        "{0}: {1}", Usage);

    /// <summary>Format: "FromLogits = true but the output layer '{0}' applies {1}".</summary>
    public static readonly DiagnosticDescriptor FromLogitsAfterActivation = Error(FromLogitsAfterActivationId, "FromLogits after an activation",
        "FromLogits = true but the output layer '{0}' applies {1}, so the output is probabilities, not logits; remove FromLogits (NetGen then uses the logits the activation saw, as Keras does) or make the output linear", Usage);

    /// <summary>Format: "[Input] must be the first attribute after [Network] and appear once; found {0}".</summary>
    public static readonly DiagnosticDescriptor MisplacedInput = Error(MisplacedInputId, "Misplaced Input",
        "[Input] must come before every layer, and a network with several inputs names each; {0}", Usage);

    /// <summary>Format: "The layer name '{0}' is used twice".</summary>
    public static readonly DiagnosticDescriptor DuplicateLayerName = Error(DuplicateLayerNameId, "Duplicate layer name",
        "The layer name '{0}' is used twice; weight names (e.g. '{0}/kernel') must be unique", Usage);

    /// <summary>Format: "{0}: the regularization factor {1} must be a non-negative finite number; found {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidRegularizer = Error(InvalidRegularizerId, "Invalid regularization factor",
        "{0}: the regularization factor {1} must be a non-negative finite number (0 turns it off); found {2}", Usage);

    /// <summary>Format: "{0}: the LeakyReLU slope Alpha must be a non-negative finite number; found {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidLeakyReluAlpha = Error(InvalidLeakyReluAlphaId, "Invalid LeakyReLU slope",
        "{0}: the LeakyReLU slope Alpha must be a non-negative finite number (Keras rejects negative slopes); found {1}", Usage);

    /// <summary>Format: "{0}: {1}" (the attribute, then which initializer argument is wrong).</summary>
    public static readonly DiagnosticDescriptor InvalidInitializerArgument = Error(InvalidInitializerArgumentId, "Invalid initializer argument",
        "{0}: {1}", Usage);

    /// <summary>Format: "{0}: an activity regularizer on the output layer '{1}', whose {2} the loss fuses, is not supported".</summary>
    public static readonly DiagnosticDescriptor ActivityRegularizerOnFusedOutput = Error(ActivityRegularizerOnFusedOutputId, "Activity regularizer on a fused output",
        "{0}: an activity regularizer on the output layer '{1}', whose {2} the cross-entropy loss fuses, is not supported; regularize a hidden layer's activity instead", Usage);

    /// <summary>Format: "{0}: found {1} for the {2}, which the layer does not have ({3}); remove {4}, or set {5}".</summary>
    public static readonly DiagnosticDescriptor OptionForAbsentWeight = Error(OptionForAbsentWeightId, "Option for a weight the layer does not have",
        "{0}: found {1} for the {2}, which the layer does not have ({3}); remove {4}, or set {5}", Usage);

    /// <summary>Format: "{0}: {1} needs {2}; {3}".</summary>
    public static readonly DiagnosticDescriptor MetricLabelMismatch = Error(MetricLabelMismatchId, "Metric does not fit the labels",
        "{0}: {1} needs {2}; found {3}", Usage);

    /// <summary>Format: "{0}: {1} applies to {2}; found Optimizer.{3}".</summary>
    public static readonly DiagnosticDescriptor OptimizerOptionNotApplicable = Error(OptimizerOptionNotApplicableId, "Optimizer option does not apply",
        "{0}: {1} applies to {2}; found Optimizer.{3}, which does not read it (Keras rejects it as an unexpected argument)", Usage);

    /// <summary>Format: "{0}: {1} needs {2}; found {3}".</summary>
    public static readonly DiagnosticDescriptor OptimizerOptionNeedsAnother = Error(OptimizerOptionNeedsAnotherId, "Optimizer option needs another",
        "{0}: {1} needs {2}; found {3}", Usage);

    /// <summary>Format: "{0}: {1} must be {2}; found {3}".</summary>
    public static readonly DiagnosticDescriptor OptimizerValueOutOfRange = Error(OptimizerValueOutOfRangeId, "Optimizer hyperparameter out of range",
        "{0}: {1} must be {2}; found {3}", Usage);

    /// <summary>Format: "{0}: at most one of ClipNorm, ClipValue and GlobalClipNorm can be set; found {1}".</summary>
    public static readonly DiagnosticDescriptor ConflictingClipOptions = Error(ConflictingClipOptionsId, "Conflicting gradient clipping options",
        "{0}: at most one of ClipNorm, ClipValue and GlobalClipNorm can be set (Keras 3's rule; tf.keras 2 rejects ClipNorm with GlobalClipNorm and ignores ClipValue next to either); found {1}", Usage);

    /// <summary>Format: "{0} receives a tensor of shape {1}; Dense takes samples of at most 3 dimensions".</summary>
    public static readonly DiagnosticDescriptor DenseNeedsFlat = Error(DenseNeedsFlatId, "Dense input has too many dimensions",
        "{0} receives a tensor of shape {1}; Dense applies its kernel along the last axis of samples with at most 3 dimensions: add [Flatten] or [Reshape] before it", Shape);

    /// <summary>Format: "{0} needs an input of shape {1}; found {2}{3}".</summary>
    public static readonly DiagnosticDescriptor ConvolutionInputRank = Error(ConvolutionInputRankId, "Convolution input has the wrong rank",
        "{0} needs an input of shape {1}; found {2}{3}", Shape);

    /// <summary>Format: "{0}: the kernel spans {1} of the {2} input {3}; ...".</summary>
    public static readonly DiagnosticDescriptor ConvolutionWindowTooLarge = Error(ConvolutionWindowTooLargeId, "Convolution kernel larger than its input",
        "{0}: the kernel spans {1} but the input {2} is {3}, so the output would be empty; use a smaller kernel or dilation, or Padding = Padding.Same", Shape);

    /// <summary>Format: "{0} does not fit the output of '{1}' (shape {2}): {3}".</summary>
    public static readonly DiagnosticDescriptor LossOutputMismatch = Error(LossOutputMismatchId, "Loss does not fit the output",
        "{0} does not fit the output of '{1}' (shape {2}): {3}", Shape);

    /// <summary>Format: "{0} receives a tensor of shape {1}; BatchNormalization supports (B, C) inputs here".</summary>
    public static readonly DiagnosticDescriptor BatchNormalizationInput = Error(BatchNormalizationInputId, "BatchNormalization input not supported",
        "{0} receives a tensor of shape {1}; BatchNormalization normalizes the last axis of a (B, C), (B, steps, C) or (B, h, w, C) input here", Shape);

    /// <summary>Format: "{0}: {1}" (the attribute, then which name is unknown or declared later, and the names it could read).</summary>
    public static readonly DiagnosticDescriptor UnknownFrom = Error(UnknownFromId, "Unknown input or layer name",
        "{0}: {1}", Usage);

    /// <summary>Format: "{0}: the layer '{1}' would read itself through {2}; a network is a graph without cycles".</summary>
    public static readonly DiagnosticDescriptor GraphCycle = Error(GraphCycleId, "Cycle in the network",
        "{0}: the layer '{1}' would read itself ({2}); a network is a graph without cycles", Usage);

    /// <summary>Format: "{0}: the input '{1}' is read by no layer".</summary>
    public static readonly DiagnosticDescriptor UnusedInput = Error(UnusedInputId, "Unused input",
        "{0}: the input '{1}' is read by no layer; read it with From = \"{1}\" or a merge, or remove it", Usage);

    /// <summary>Format: "{0}: the output of '{1}' is read by no layer and is not the network's output".</summary>
    public static readonly DiagnosticDescriptor UnreadLayer = new(UnreadLayerId, "Layer output is never read",
        "{0}: the output of '{1}' is read by no layer and is not an output of the network (the last layer, or those [Network(Outputs = …)] names); it is computed but does not affect training",
        Usage, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "ng0014");

    /// <summary>Format: "{0}: {1}" (the [Network] attribute, then which output name is unknown, repeated or empty).</summary>
    public static readonly DiagnosticDescriptor InvalidOutputs = Error(InvalidOutputsId, "Invalid network outputs",
        "{0}: {1}", Usage);

    /// <summary>Format: "{0}: the output '{1}' is also read by '{2}'; …".</summary>
    public static readonly DiagnosticDescriptor OutputReadByLayer = Error(OutputReadByLayerId, "Output read by another layer",
        "{0}: the output '{1}' is also read by '{2}'; an output that other layers read is not supported yet: give '{2}' its own copy of the tensor, e.g. read '{1}''s input instead, or make the reader's result the output", Usage);

    /// <summary>Format: "{0}: {1}" (the [Compile] attribute, then how LossWeights or Losses disagree with the outputs).</summary>
    public static readonly DiagnosticDescriptor LossOptionsOutputMismatch = Error(LossOptionsOutputMismatchId, "Loss options do not fit the outputs",
        "{0}: {1}", Usage);

    /// <summary>Format: "{0}: cannot merge {1} with {2}: {3}".</summary>
    public static readonly DiagnosticDescriptor MergeShapeMismatch = Error(MergeShapeMismatchId, "Merge inputs do not fit",
        "{0}: cannot merge {1} with {2}: {3}", Shape);

    /// <summary>Format: "{0}: the input {1} has {2} values per sample, which do not fill the target shape {3}".</summary>
    public static readonly DiagnosticDescriptor ReshapeSizeMismatch = Error(ReshapeSizeMismatchId, "Reshape changes the size",
        "{0}: the input {1} has {2} values per sample, which do not fill the target shape {3}", Shape);

    /// <summary>Format: "{0} receives a tensor of shape {1}; {2} needs {3}".</summary>
    public static readonly DiagnosticDescriptor SpatialInputRank = Error(SpatialInputRankId, "Wrong input rank for a spatial layer",
        "{0} receives a tensor of shape {1}; {2} needs {3}", Shape);

    /// <summary>Format: "{0}: {1} must be {2}; found {3}".</summary>
    public static readonly DiagnosticDescriptor InvalidWindowArgument = Error(InvalidWindowArgumentId, "Invalid pool, stride or padding size",
        "{0}: {1} must be {2}; found {3}", Usage);

    /// <summary>Format: "{0}: the pool {1} does not fit the input {2} with Padding.Valid: the output would be {3}; …".</summary>
    public static readonly DiagnosticDescriptor PoolLargerThanInput = Error(PoolLargerThanInputId, "Pool larger than its input",
        "{0}: the pool {1} does not fit the input {2} with Padding.Valid: the output would be {3}, with no position; use a pool of at most {4}, or Padding.Same", Shape);
    /// <summary>Format: "{0} receives a tensor of shape {1}; {2} needs a sequence (B, T, features)".</summary>
    public static readonly DiagnosticDescriptor RecurrentNeedsSequence = Error(RecurrentNeedsSequenceId, "Recurrent layer needs a sequence",
        "{0} receives a tensor of shape {1}; {2} reads a sequence of shape (B, T, features): declare the input as [Input(steps, features)] or feed it an Embedding or a recurrent layer with ReturnSequences = true", Shape);

    /// <summary>Format: "{0} reads '{1}', which is not an input of token ids".</summary>
    public static readonly DiagnosticDescriptor EmbeddingNeedsTokenIds = Error(EmbeddingNeedsTokenIdsId, "Embedding not fed token ids",
        "{0} reads '{1}', which is not an input of token ids; an Embedding looks up integer ids: declare the input with Type = InputType.TokenIds, e.g. [Input(80, Type = InputType.TokenIds)]", Usage);

    /// <summary>Format: "{0} reads the token ids of '{1}'; only an Embedding can read them".</summary>
    public static readonly DiagnosticDescriptor TokenIdsNeedEmbedding = Error(TokenIdsNeedEmbeddingId, "Token ids read by a layer other than Embedding",
        "{0} reads the token ids of '{1}'; ids are not features: only an [Embedding(inputDim, outputDim)] can read an input declared with Type = InputType.TokenIds", Usage);

    /// <summary>Format: "{0} needs a sequence, but '{1}' returns only its last state {2}".</summary>
    public static readonly DiagnosticDescriptor SequenceAfterLastState = Error(SequenceAfterLastStateId, "Recurrent layer after one that returns its last state",
        "{0} needs a sequence, but '{1}' returns only its last state {2}: set ReturnSequences = true on '{1}'", Shape);

    /// <summary>Format: "{0}: {1} = Activation.{2} is not supported in a recurrent cell".</summary>
    public static readonly DiagnosticDescriptor UnsupportedRecurrentActivation = Error(UnsupportedRecurrentActivationId, "Activation not supported in a recurrent cell",
        "{0}: {1} = Activation.{2} is not supported in a recurrent cell; use one whose derivative follows from its output: Tanh, Sigmoid, Relu, Linear, Elu, Selu, LeakyRelu or Softplus", Usage);

    /// <summary>Format: "{0}: {1} would have {2} elements per sample; NetGen's limit is {3}".</summary>
    public static readonly DiagnosticDescriptor TensorTooLarge = Error(TensorTooLargeId, "Tensor too large",
        "{0}: {1} would have {2} elements per sample; NetGen's limit is {3} (buffers are indexed with int): make the input or the layer smaller, or pool or stride it first", Shape);

    /// <summary>Format: "{0}: {1} = {2} is past NetGen's limit of {3}".</summary>
    public static readonly DiagnosticDescriptor ArgumentPastLimit = Error(ArgumentPastLimitId, "Size argument past NetGen's limit",
        "{0}: {1} = {2} is past NetGen's limit of {3} for any size", Usage);

    /// <summary>Format: "{0}: the name {1} {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidLayerName = Error(InvalidLayerNameId, "Invalid layer name",
        "{0}: the name {1} {2}; as in Keras, a name has no '/' (it separates a layer from its weights, as in 'dense/kernel') and no control characters", Usage);

    /// <summary>Format: "[Network] is on '{0}', which is {1}; a network is a partial class".</summary>
    public static readonly DiagnosticDescriptor NetworkNotAClass = Error(NetworkNotAClassId, "[Network] on a type that is not a class",
        "[Network] is on '{0}', which is {1}; a network is declared as a partial class: 'public partial class {0};'", Usage);

    /// <summary>Format: "'{0}' is compiled without optimization …" (the class name). A warning the user may suppress.</summary>
    public static readonly DiagnosticDescriptor UnoptimizedBuild = new(UnoptimizedBuildId, "Network compiled without optimization",
        "'{0}' is compiled without optimization (a Debug build), so its generated kernels train several times slower; build with -c Release, or set <Optimize>true</Optimize> in the project (to silence it: <NoWarn>$(NoWarn);NG0140</NoWarn>)",
        "NetGen.Performance", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "ng0140");

    /// <summary>Format: "NetGen could not generate '{0}': {1}".</summary>
    public static readonly DiagnosticDescriptor InternalError = Error(InternalErrorId, "Internal generator error",
        "NetGen could not generate '{0}' because of an internal error; please report it: {1}", "NetGen.Internal");

    private static DiagnosticDescriptor Error(string id, string title, string format, string category) =>
        new(id, title, format, category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: HelpBase + id.ToLowerInvariant(), customTags: WellKnownDiagnosticTags.NotConfigurable);
}
