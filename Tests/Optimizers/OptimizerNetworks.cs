namespace NetGen.Tests.Optimizers;

// Networks for the optimizer tests. The small ones (4 → 3 → 2) are for hand-checked updates; the large ones
// (784 → 48 → 10, 38,180 parameters) are big enough for the update to be split over two threads.

/// <summary>Plain SGD, learning rate 1, on a small regression: the update is w −= lr·g, easy to check by hand.</summary>
[Network]
[Input(4)]
[Dense(3, Activation.Tanh)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 1.0)]
public partial class OptSgdNet;

/// <summary>SGD with global_clipnorm.</summary>
[Network]
[Input(4)]
[Dense(3, Activation.Tanh)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 1.0, GlobalClipNorm = 0.01)]
public partial class OptSgdGlobalClipNet;

/// <summary>SGD with decoupled weight decay.</summary>
[Network]
[Input(4)]
[Dense(3, Activation.Tanh)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.5, WeightDecay = 0.1)]
public partial class OptSgdWeightDecayNet;

/// <summary>Centered RMSprop with momentum, ClipNorm and weight decay (every per-tensor path).</summary>
[Network]
[Input(784)]
[Dense(48, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.RmsProp, Momentum = 0.9, Centered = true, ClipNorm = 0.5, WeightDecay = 0.01)]
public partial class OptLargeRmsProp;

/// <summary>Nadam with ClipValue (scalar state u_product).</summary>
[Network]
[Input(784)]
[Dense(48, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Nadam, ClipValue = 0.01)]
public partial class OptLargeNadam;

/// <summary>AdamW with AMSGrad and global_clipnorm.</summary>
[Network]
[Input(784)]
[Dense(48, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.AdamW, Amsgrad = true, GlobalClipNorm = 1.0)]
public partial class OptLargeAdamW;

/// <summary>Adagrad.</summary>
[Network]
[Input(784)]
[Dense(48, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adagrad, LearningRate = 0.01)]
public partial class OptLargeAdagrad;

/// <summary>Adadelta.</summary>
[Network]
[Input(784)]
[Dense(48, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adadelta, LearningRate = 1.0)]
public partial class OptLargeAdadelta;
