using NetGen;

namespace NetGen.Samples.DeepBatchNorm;

/// <summary>
/// The self-normalizing alternative: Flatten, then 20 × Dense(100, selu) with LeCun-normal kernels and no
/// BatchNormalization, then Dense(10, softmax); SGD with learning rate 0.01 (Géron's chapter 11).
/// </summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(100, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.01, Metrics = [Metric.Accuracy])]
public partial class DeepSeluMlp;
