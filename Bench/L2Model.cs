using NetGen;

namespace NetGen.Bench;

/// <summary>
/// The peer scripts' L2 network (`../shared/peers/l2.py`): Flatten, 5 × Dense(500, relu) with an L2 penalty 1e-4·ΣW²
/// on each hidden kernel (not on the output layer), Dense(10, softmax); Adam with Keras's defaults.
/// </summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(500, Activation.Relu, KernelL2 = 1e-4)]
[Dense(500, Activation.Relu, KernelL2 = 1e-4)]
[Dense(500, Activation.Relu, KernelL2 = 1e-4)]
[Dense(500, Activation.Relu, KernelL2 = 1e-4)]
[Dense(500, Activation.Relu, KernelL2 = 1e-4)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class L2Mlp;
