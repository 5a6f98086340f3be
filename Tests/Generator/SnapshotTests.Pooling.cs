namespace NetGen.Tests.Generator;

/// <summary>The spatial layers' generated code: zero padding, max pooling with its argmax buffer, spatial dropout, average and global pooling.</summary>
public sealed partial class SnapshotTests
{
    [Fact]
    public void PoolingStack() => VerifyNetwork(nameof(PoolingStack), """
        using NetGen;

        namespace Samples.Vision;

        [Network]
        [Input(12)]
        [Dense(48, Activation.Tanh)]
        [Reshape(4, 4, 3)]
        [ZeroPadding2D]
        [MaxPooling2D(2)]
        [SpatialDropout2D(0.2)]
        [AveragePooling2D(2, Padding = Padding.Same)]
        [GlobalMaxPooling2D]
        [Dense(2)]
        [Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
        public partial class PoolingStack;
        """);
}
