namespace NetGen.Tests.BatchNormalization;

// The networks of the BatchNormalization tests.

/// <summary>BatchNormalization alone (the only weights): its output is the network's, and no input gradient is needed.</summary>
[Network]
[Input(2)]
[BatchNormalization(Momentum = 0.9)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1)]
public partial class BnOnly;

/// <summary>Dense → BatchNormalization → tanh → softmax: the gradient flows through the batch statistics into dense/kernel.</summary>
[Network]
[Input(4)]
[Dense(5)]
[BatchNormalization]
[Activation(Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 0.01, Metrics = [Metric.Accuracy])]
public partial class BnDense;

/// <summary>Keras's <c>center=False, scale=False</c>: no γ, no β, only the normalization and the moving statistics (9 channels: a vector and a tail).</summary>
[Network]
[Input(4)]
[Dense(9)]
[BatchNormalization(Center = false, Scale = false)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class BnNoCenterNoScale;

/// <summary>A frozen layer (<c>trainable=False</c>) between two Dense layers.</summary>
[Network]
[Input(4)]
[Dense(3)]
[BatchNormalization(Trainable = false)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Adam)]
public partial class BnFrozen;

/// <summary>The shape of the DeepBatchNorm sample's first block, for the summary.</summary>
[Network]
[Input(784)]
[Dense(100, Activation.Relu)]
[BatchNormalization]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, Metrics = [Metric.Accuracy])]
public partial class BnSummary;

/// <summary>100 channels: with a batch of 4096 the BatchNormalization tasks split over threads.</summary>
[Network]
[Input(20)]
[Dense(100, Activation.Relu)]
[BatchNormalization]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.1)]
public partial class BnWide;

/// <summary>Like <see cref="BnDense"/> with 13 channels, so the kernels' vector paths (8 + 5, or 3 × 4 + 1 lanes) are exercised.</summary>
[Network]
[Input(4)]
[Dense(13)]
[BatchNormalization]
[Activation(Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class BnDense13;

/// <summary>Like <see cref="BnFrozen"/> with 11 channels (vector paths of the frozen backward).</summary>
[Network]
[Input(4)]
[Dense(11)]
[BatchNormalization(Trainable = false)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class BnFrozen11;
