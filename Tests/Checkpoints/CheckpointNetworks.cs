namespace NetGen.Tests.Checkpoints;

// Small networks for the checkpoint tests.

/// <summary>The brief's network: 4 inputs, 3 classes, Adam.</summary>
[Network]
[Input(4)]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class CheckpointNet;

/// <summary>The same weight table as <see cref="CheckpointNet"/> under another class name.</summary>
[Network]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class CheckpointTwinNet;

/// <summary>Another architecture: a wider hidden layer and a third Dense.</summary>
[Network]
[Input(4)]
[Dense(6, Activation.Relu)]
[Dense(3, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class CheckpointOtherNet;

/// <summary>Adam with Dropout: weights, both optimizer slots and both random streams matter on resume.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dropout(0.3)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 0.01, Metrics = [Metric.Accuracy])]
public partial class CheckpointDropoutNet;

/// <summary>SGD with momentum: one optimizer slot.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dropout(0.2)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.05, Momentum = 0.9)]
public partial class CheckpointMomentumNet;

/// <summary>Plain SGD: no optimizer slots, the same weight table as <see cref="CheckpointMomentumNet"/>.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dropout(0.2)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.05)]
public partial class CheckpointPlainSgdNet;

/// <summary>The Fashion-MNIST sample's model (Flatten, Dense 128, Dropout, Dense 10), for the Python interop test.</summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(128, Activation.Relu)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class CheckpointFashionMlp;

/// <summary>A 4×4 one-channel image classifier: augmentation needs an image-shaped input.</summary>
[Network]
[Input(4, 4)]
[Flatten]
[Dense(6, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 0.01)]
public partial class CheckpointImageNet;

/// <summary>Nadam: its scalar state u_product must survive a resume.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Nadam, LearningRate = 0.01)]
public partial class CheckpointNadamNet;

/// <summary>Centered RMSprop with momentum, ClipNorm and weight decay: three slots and the clipping/decay hyperparameters.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.RmsProp, LearningRate = 0.01, Momentum = 0.5, Centered = true, ClipNorm = 0.5, WeightDecay = 0.01)]
public partial class CheckpointRmsPropNet;

/// <summary>Adagrad: accumulators that start at 0.1, not 0.</summary>
[Network]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adagrad, LearningRate = 0.05)]
public partial class CheckpointAdagradNet;
