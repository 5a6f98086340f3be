namespace NetGen.Tests.Generator;

/// <summary>
/// The diagnostics of the convolution layers: the input rank (NG0060), a kernel larger than its input (NG0061) and
/// invalid arguments (NG0007), each naming the shapes or values found.
/// </summary>
public sealed partial class DiagnosticTests
{
    private const string Classify = "[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]";

    [Fact]
    public void NG0060_Conv2DOnAnImageWithoutChannelAxis() =>
        AssertDiagnostic("NG0060", "Conv2D(32, 3, Activation.Relu)",
            $"[Network] [Input(28, 28)] [Conv2D(32, 3, Activation.Relu)] [Flatten] [Dense(10, Activation.Softmax)] {Classify} public partial class Net;",
            "needs an input of shape (B, height, width, channels); found (B, 28, 28); for one-channel images declare [Input(h, w, 1)]");

    [Fact]
    public void NG0060_Conv1DOnAFlatInput() =>
        AssertDiagnostic("NG0060", "Conv1D(8, 3)",
            $"[Network] [Input(20)] [Conv1D(8, 3)] [Flatten] [Dense(2, Activation.Softmax)] {Classify} public partial class Net;",
            "needs an input of shape (B, steps, channels); found (B, 20); for one feature per step declare [Input(steps, 1)]");

    [Fact]
    public void NG0060_Conv2DAfterFlatten() =>
        AssertDiagnostic("NG0060", "Conv2D(4, 3)",
            $"[Network] [Input(8, 8, 1)] [Flatten] [Conv2D(4, 3)] [Flatten] [Dense(2, Activation.Softmax)] {Classify} public partial class Net;",
            "found (B, 64)");

    [Fact]
    public void NG0061_KernelLargerThanTheInput() =>
        AssertDiagnostic("NG0061", "Conv2D(8, 5)",
            $"[Network] [Input(4, 4, 1)] [Conv2D(8, 5)] [Flatten] [Dense(2, Activation.Softmax)] {Classify} public partial class Net;",
            "the kernel spans 5 × 5 but the input (B, 4, 4, 1) is 4 × 4");

    [Fact]
    public void NG0061_DilatedKernelLargerThanTheInput() =>
        AssertDiagnostic("NG0061", "Conv1D(8, 3, DilationRate = 4)",
            $"[Network] [Input(8, 2)] [Conv1D(8, 3, DilationRate = 4)] [Flatten] [Dense(2, Activation.Softmax)] {Classify} public partial class Net;",
            "the kernel spans 9 steps but the input (B, 8, 2) is 8 steps");

    [Fact]
    public void NG0061_ShrinkingChainRunsOut() =>
        AssertDiagnostic("NG0061", "Conv2D(4, 3)",
            $"[Network] [Input(5, 5, 1)] [Conv2D(4, 3)] [Conv2D(4, 3)] [Conv2D(4, 3)] [Flatten] [Dense(2, Activation.Softmax)] {Classify} public partial class Net;",
            "the input (B, 1, 1, 4) is 1 × 1");

    [Theory]
    [InlineData("Conv2D(0, 3)", "filters must be positive; found 0")]
    [InlineData("Conv2D(8, 0)", "the kernel size must be positive; found (0, 0)")]
    [InlineData("Conv2D(8, 3, Strides = 0)", "Strides must be positive; found 0")]
    [InlineData("Conv2D(8, 3, DilationRate = -1)", "DilationRate must be positive; found -1")]
    [InlineData("Conv2D(8, 3, Strides = 2, DilationRate = 2)", "Keras refuses strides and dilation both above 1")]
    public void NG0007_InvalidConvolutionArguments(string layer, string message) =>
        AssertDiagnostic("NG0007", layer,
            $"[Network] [Input(8, 8, 1)] [{layer}] [Flatten] [Dense(2, Activation.Softmax)] {Classify} public partial class Net;", message);
}
