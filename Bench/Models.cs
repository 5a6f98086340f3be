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
