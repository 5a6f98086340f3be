namespace NetGen.Tests.Generator;

/// <summary>Baselines of graph networks: several inputs, From, merges, a tensor read by several layers.</summary>
public sealed partial class SnapshotTests
{
    /// <summary>The wide &amp; deep regressor of ../shared/reference/wide_deep.json: two inputs, one joined back in by Concatenate.</summary>
    [Fact]
    public void WideAndDeep() => VerifyNetwork(nameof(WideAndDeep), """
        using NetGen;

        namespace Samples.Graphs;

        [Network]
        [Input("wide", 5)]
        [Input("deep", 6)]
        [Dense(30, Activation.Relu, From = "deep")]
        [Dense(30, Activation.Relu)]
        [Concatenate("wide", "dense_1")]
        [Dense(1)]
        [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 1e-3)]
        public partial class WideAndDeep;
        """);

    /// <summary>
    /// A residual block: the first Dense's output is read by the block and by Add, so its gradient is the sum of two
    /// contributions; Add hands its gradient to its first input in place.
    /// </summary>
    [Fact]
    public void ResidualMlp() => VerifyNetwork(nameof(ResidualMlp), """
        using NetGen;

        namespace Samples.Graphs;

        [Network]
        [Input(28, 28)]
        [Flatten]
        [Dense(64, Activation.Relu, Name = "stem")]
        [Dense(64, Activation.Relu)]
        [Dense(64)]
        [Add("stem", "dense_1")]
        [Activation(Activation.Relu)]
        [Dense(10, Activation.Softmax)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
        public partial class ResidualMlp;
        """);

    /// <summary>
    /// Hands-On ML's wide &amp; deep network with an auxiliary output: two outputs, one loss each, weighted 0.9 / 0.1;
    /// the output row and the label row are both outputs' concatenated.
    /// </summary>
    [Fact]
    public void WideAndDeepAuxiliary() => VerifyNetwork(nameof(WideAndDeepAuxiliary), """
        using NetGen;

        namespace Samples.Graphs;

        [Network(Outputs = new[] { "main_output", "aux_output" })]
        [Input("wide", 5)]
        [Input("deep", 6)]
        [Dense(30, Activation.Relu, From = "deep")]
        [Dense(30, Activation.Relu)]
        [Concatenate("wide", "dense_1")]
        [Dense(1, Name = "main_output")]
        [Dense(1, Name = "aux_output", From = "dense_1")]
        [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 1e-3, LossWeights = new[] { 0.9, 0.1 })]
        public partial class WideAndDeepAuxiliary;
        """);
}
