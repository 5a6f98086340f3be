namespace NetGen.Tests.Generator;

/// <summary>The diagnostics of regularizers, the LeakyReLU layer and initializer arguments (NG0020–NG0023).</summary>
public sealed partial class DiagnosticTests
{
    private const string MseSgd = "[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]";

    [Fact]
    public void NG0020_NegativeKernelL2() =>
        AssertDiagnostic("NG0020", "Dense(5, Activation.Relu, KernelL2 = -1e-4)",
            $"[Network] [Input(4)] [Dense(5, Activation.Relu, KernelL2 = -1e-4)] [Dense(2)] {MseSgd} public partial class Net;", "KernelL2 must be a non-negative finite number (0 turns it off); found -0.0001");

    [Fact]
    public void NG0020_InfiniteActivityL1() =>
        AssertDiagnostic("NG0020", "Dense(2, ActivityL1 = double.PositiveInfinity)",
            $"[Network] [Input(4)] [Dense(2, ActivityL1 = double.PositiveInfinity)] {MseSgd} public partial class Net;", "ActivityL1 must be");

    [Fact]
    public void NG0021_NegativeLeakyReluAlpha() =>
        AssertDiagnostic("NG0021", "LeakyReLU(Alpha = -0.1)",
            $"[Network] [Input(4)] [Dense(5)] [LeakyReLU(Alpha = -0.1)] [Dense(2)] {MseSgd} public partial class Net;", "found -0.1");

    [Fact]
    public void NG0022_ArgumentForAnotherInitializer() =>
        AssertDiagnostic("NG0022", "Dense(5, KernelInitializer = Initializer.HeNormal, KernelStddev = 0.1)",
            $"[Network] [Input(4)] [Dense(5, KernelInitializer = Initializer.HeNormal, KernelStddev = 0.1)] [Dense(2)] {MseSgd} public partial class Net;",
            "KernelStddev applies to Initializer.RandomNormal only; KernelInitializer is Initializer.HeNormal");

    [Fact]
    public void NG0022_UniformBoundsReversed() =>
        AssertDiagnostic("NG0022", "Dense(5, KernelInitializer = Initializer.RandomUniform, KernelMinVal = 1, KernelMaxVal = -1)",
            $"[Network] [Input(4)] [Dense(5, KernelInitializer = Initializer.RandomUniform, KernelMinVal = 1, KernelMaxVal = -1)] [Dense(2)] {MseSgd} public partial class Net;",
            "KernelMinVal must not exceed KernelMaxVal; found 1 > -1");

    [Fact]
    public void NG0022_NegativeStddev() =>
        AssertDiagnostic("NG0022", "Dense(5, BiasInitializer = Initializer.RandomNormal, BiasStddev = -1)",
            $"[Network] [Input(4)] [Dense(5, BiasInitializer = Initializer.RandomNormal, BiasStddev = -1)] [Dense(2)] {MseSgd} public partial class Net;",
            "BiasStddev must be non-negative; found -1");

    [Fact]
    public void NG0022_OrthogonalBias() =>
        AssertDiagnostic("NG0022", "Dense(5, BiasInitializer = Initializer.Orthogonal)",
            $"[Network] [Input(4)] [Dense(5, BiasInitializer = Initializer.Orthogonal)] [Dense(2)] {MseSgd} public partial class Net;",
            "the bias has rank 1");

    [Fact]
    public void NG0023_ActivityRegularizerOnFusedSoftmaxOutput() =>
        AssertDiagnostic("NG0023", "Dense(3, Activation.Softmax, ActivityL2 = 0.01)",
            $"[Network] [Input(4)] [Dense(5, Activation.Relu)] [Dense(3, Activation.Softmax, ActivityL2 = 0.01)] {Compile} public partial class Net;",
            "output layer 'dense_1', whose softmax the cross-entropy loss fuses");
}
