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
