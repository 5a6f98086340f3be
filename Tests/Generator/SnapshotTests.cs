using System.Linq;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>
/// Full-text baselines of the generated code (review every diff), each also compiled: a snapshot is only
/// accepted when the code it certifies builds with zero errors and zero warnings.
/// </summary>
public sealed partial class SnapshotTests
{
    [Fact]
    public void FashionMlp() => VerifyNetwork(nameof(FashionMlp), """
        using NetGen;

        namespace Samples;

        [Network]
        [Input(28, 28)]
        [Flatten]
        [Dense(128, Activation.Relu)]
        [Dropout(0.2)]
        [Dense(10, Activation.Softmax)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
        public partial class FashionMlp;
        """);

    [Fact]
    public void NesterovMseNoBiasActivationLayer() => VerifyNetwork(nameof(NesterovMseNoBiasActivationLayer), """
        using NetGen;

        namespace Samples.Regression;

        [Network]
        [Input(5)]
        [Dense(7, Activation.Tanh, UseBias = false)]
        [Activation(Activation.Sigmoid)]
        [Dense(3)]
        [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05, Momentum = 0.9, Nesterov = true)]
        internal partial class Regressor;
        """);

    [Fact]
    public void BinaryFromLogitsInGlobalNamespace() => VerifyNetwork(nameof(BinaryFromLogitsInGlobalNamespace), """
        using NetGen;

        [Network]
        [Input(4)]
        [Dense(6, Activation.Relu, Name = "hidden")]
        [Dense(1, Name = "logit")]
        [Compile(Loss.BinaryCrossentropy, Optimizer.Sgd, FromLogits = true, Metrics = [Metric.Accuracy])]
        partial class Detector;
        """);

    [Fact]
    public void CategoricalOnSigmoidProbabilities() => VerifyNetwork(nameof(CategoricalOnSigmoidProbabilities), """
        using NetGen;

        namespace Samples;

        [Network]
        [Input(2, 3)]
        [Flatten]
        [Dense(4, Activation.Sigmoid)]
        [Dropout(0.5)]
        [Compile(Loss.CategoricalCrossentropy, Optimizer.Adam)]
        public partial class SigmoidScores;
        """);

    [Fact]
    public void DenseBatchNormalization() => VerifyNetwork(nameof(DenseBatchNormalization), """
        using NetGen;

        namespace Samples;

        [Network]
        [Input(6)]
        [Dense(8)]
        [BatchNormalization]
        [Activation(Activation.Relu)]
        [Dense(4)]
        [BatchNormalization(Trainable = false, Center = false, Momentum = 0.9, Epsilon = 1e-5)]
        [Dense(3, Activation.Softmax)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, Momentum = 0.9, Metrics = [Metric.Accuracy])]
        public partial class DenseBatchNormalization;
        """);

    [Fact]
    public void CenteredRmsPropWithMomentumAndClipNorm() => VerifyNetwork(nameof(CenteredRmsPropWithMomentumAndClipNorm), """
        using NetGen;

        namespace Samples;

        [Network]
        [Input(6)]
        [Dense(5, Activation.Relu)]
        [Dense(3, Activation.Softmax)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.RmsProp, Momentum = 0.9, Centered = true, ClipNorm = 1.0, WeightDecay = 0.01)]
        public partial class ClippedRmsProp;
        """);

    private static void VerifyNetwork(string name, string source)
    {
        GenerationResult result = GeneratorHarness.Run(source);
        result.AssertNoGeneratorDiagnostics();
        Assert.Empty(result.CompilationProblems.Select(d => d.ToString()));
        var (hintName, text) = Assert.Single(result.Sources);
        Assert.EndsWith(".NetGen.g.cs", hintName);
        Snapshot.Verify(name, text);
    }
}
