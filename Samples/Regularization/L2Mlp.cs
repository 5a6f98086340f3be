using NetGen;

namespace NetGen.Samples.Regularization;

/// <summary>
/// The baseline with an L2 penalty 1e-4·ΣW² on each hidden kernel (Keras's <c>kernel_regularizer=l2(1e-4)</c>, as
/// the PyTorch benchmark peer l2.py); the output layer is not regularized.
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
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class L2Mlp;
