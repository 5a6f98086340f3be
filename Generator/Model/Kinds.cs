namespace NetGen.Generator.Model;

// Mirrors of the runtime enums (NetGen.Activation, NetGen.Loss, …). The generator cannot reference the runtime
// assembly, so attribute arguments arrive as integers; the numeric values here must equal the runtime's.
// Tests/Generator/EnumMirrorTests checks that they do.

internal enum ActivationKind
{
    Linear = 0,
    Relu = 1,
    Sigmoid = 2,
    Tanh = 3,
    Softmax = 4,
    Selu = 5,
    Elu = 6,
    LeakyRelu = 7,
    Gelu = 8,
    GeluApproximate = 9,
    Swish = 10,
    Softplus = 11,
}

internal enum LossKind
{
    SparseCategoricalCrossentropy = 0,
    CategoricalCrossentropy = 1,
    BinaryCrossentropy = 2,
    MeanSquaredError = 3,
    MeanAbsoluteError = 4,
    Huber = 5,
}

internal enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
    Adagrad = 2,
    RmsProp = 3,
    Adadelta = 4,
    AdamW = 5,
    Nadam = 6,
}

internal enum MetricKind
{
    Accuracy = 0,
    TopKCategoricalAccuracy = 1,
    SparseTopKCategoricalAccuracy = 2,
}

internal enum InitializerKind
{
    GlorotUniform = 0,
    Zeros = 1,
    Ones = 2,
    HeUniform = 3,
    LecunUniform = 4,
    GlorotNormal = 5,
    HeNormal = 6,
    LecunNormal = 7,
    Orthogonal = 8,
    Constant = 9,
    RandomUniform = 10,
    RandomNormal = 11,
}

/// <summary>How the loss reads the network's output.</summary>
internal enum LossInput
{
    /// <summary>The output itself (probabilities or predictions); the gradient flows back through the last activation.</summary>
    Output,

    /// <summary>
    /// The logits a softmax or sigmoid output saw (Keras's shortcut for a cross-entropy after that activation):
    /// the gradient with respect to the logits is p − y, and the activation's own backward is skipped.
    /// </summary>
    FusedActivationLogits,

    /// <summary>The output is logits (<c>FromLogits = true</c>); the loss computes the probabilities it needs.</summary>
    OutputLogits,
}

internal enum PaddingKind
{
    Valid = 0,
    Same = 1,
}
