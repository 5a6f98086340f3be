namespace NetGen.Tests.Generator;

/// <summary>Baselines of convolutional networks: implicit-GEMM kernels, same padding, the input gradient's convolution.</summary>
public sealed partial class SnapshotTests
{
    /// <summary>
    /// A small CNN: a first convolution (no dx), a same-padded one with strides 2 (padded input, spread dY, flipped
    /// kernel), BatchNormalization on maps (the fused kernel's moving variance), Flatten, softmax output.
    /// </summary>
    [Fact]
    public void SmallCnn() => VerifyNetwork(nameof(SmallCnn), """
        using NetGen;

        namespace Samples.Convolutions;

        [Network]
        [Input(12, 12, 1)]
        [Conv2D(16, 3, Activation.Relu)]
        [Conv2D(16, 3, Strides = 2, Padding = Padding.Same)]
        [BatchNormalization]
        [Activation(Activation.Relu)]
        [Flatten]
        [Dense(10, Activation.Softmax)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
        public partial class SmallCnn;
        """);
}
