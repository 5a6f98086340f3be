// Activation.Selu and Initializer.LecunNormal come from the activations and initializers work that is being merged
// separately; until then this network is compiled out. After that merge, delete the #if / #endif lines here and in
// Program.cs.
#if NETGEN_SELU
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
#endif
