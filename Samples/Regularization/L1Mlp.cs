using NetGen;

namespace NetGen.Samples.Regularization;

/// <summary>
/// The baseline with an L1 penalty 1e-4·Σ|W| on each hidden kernel (Keras's <c>kernel_regularizer=l1(1e-4)</c>); the
/// output layer is not regularized.
/// </summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(500, Activation.Relu, KernelL1 = 1e-4)]
[Dense(500, Activation.Relu, KernelL1 = 1e-4)]
[Dense(500, Activation.Relu, KernelL1 = 1e-4)]
[Dense(500, Activation.Relu, KernelL1 = 1e-4)]
[Dense(500, Activation.Relu, KernelL1 = 1e-4)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class L1Mlp;
