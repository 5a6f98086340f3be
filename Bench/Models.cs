using NetGen;

namespace NetGen.Bench;

/// <summary>The peer scripts' MLP (`../shared/peers/mlp.py`): Flatten, Dense(128, relu), Dense(10, softmax); Adam.</summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class Mlp;

/// <summary>
/// A residual MLP (`Bench/peers/residual.py`): the stem's output is read by the block and by Add, so its gradient is
/// the sum of two contributions; Adam.
/// </summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(256, Activation.Relu, Name = "stem")]
[Dense(256, Activation.Relu)]
[Dense(256)]
[Add("stem", "dense_1")]
[Activation(Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class ResidualMlp;

/// <summary>
/// The tutorial's VGG-like CNN (`../shared/peers/cnn.py`): [Conv2D(32, 3, relu)] × 2, MaxPooling2D(2), Dropout(0.25),
/// [Conv2D(64, 3, relu)] × 2, MaxPooling2D(2), Dropout(0.25), Flatten, Dense(256, relu), Dropout(0.5),
/// Dense(10, softmax); valid padding; Adam.
/// </summary>
[Network]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.Relu)]
[Conv2D(32, 3, Activation.Relu)]
[MaxPooling2D(2)]
[Dropout(0.25)]
[Conv2D(64, 3, Activation.Relu)]
[Conv2D(64, 3, Activation.Relu)]
[MaxPooling2D(2)]
[Dropout(0.25)]
[Flatten]
[Dense(256, Activation.Relu)]
[Dropout(0.5)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class VggCnn;

// The Conv1D workload's model is the SequenceConv1D sample's SequenceClassifier (linked from Samples/SequenceConv1D).
