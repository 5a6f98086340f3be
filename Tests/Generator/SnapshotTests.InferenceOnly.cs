namespace NetGen.Tests.Generator;

public sealed partial class SnapshotTests
{
    /// <summary>The main sample's network as its predictor declares it: forward pass and forward kernels only.</summary>
    [Fact]
    public void InferenceOnlyFashionMlp() => VerifyNetwork(nameof(InferenceOnlyFashionMlp), """
        using NetGen;

        namespace Samples.Serving;

        [Network(InferenceOnly = true)]
        [Input(28, 28)]
        [Flatten]
        [Dense(128, Activation.Relu)]
        [Dropout(0.2)]
        [Dense(10, Activation.Softmax)]
        public partial class FashionMlp;
        """);
}
