using System.Linq;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>Diagnostics of networks with several outputs: [Network(Outputs = …)] and Compile's Losses and LossWeights.</summary>
public sealed partial class DiagnosticTests
{
    /// <summary>A hidden layer read by a 3-class softmax head <c>a</c> and a 1-unit head <c>b</c>.</summary>
    private const string TwoHeads = "[Input(4)] [Dense(5)] [Dense(3, Activation.Softmax, Name = \"a\")] [Dense(1, Name = \"b\", From = \"dense\")]";

    private const string TwoLosses = "[Compile(Loss.MeanSquaredError, Optimizer.Sgd, Losses = new[] { Loss.SparseCategoricalCrossentropy, Loss.MeanSquaredError })]";

    [Fact]
    public void NG0015_UnknownOutput() =>
        AssertDiagnostic("NG0015", "Network(Outputs = new[] { \"a\", \"nope\" })",
            $"[Network(Outputs = new[] {{ \"a\", \"nope\" }})] {TwoHeads} {TwoLosses} public partial class Net;", "no layer is named 'nope'; the layers are 'dense', 'a', 'b'");

    [Fact]
    public void NG0015_OutputNamedTwice() =>
        AssertDiagnostic("NG0015", "Network(Outputs = new[] { \"a\", \"a\" })",
            $"[Network(Outputs = new[] {{ \"a\", \"a\" }})] {TwoHeads} {TwoLosses} public partial class Net;", "'a' is named twice");

    [Fact]
    public void NG0015_NoOutputs() =>
        AssertDiagnostic("NG0015", "Network(Outputs = new string[0])",
            $"[Network(Outputs = new string[0])] {TwoHeads} {TwoLosses} public partial class Net;", "Outputs names no layer");

    [Fact]
    public void NG0016_OutputReadByAnotherLayer() =>
        AssertDiagnostic("NG0016", "Network(Outputs = new[] { \"dense\", \"a\" })",
            $"[Network(Outputs = new[] {{ \"dense\", \"a\" }})] [Input(4)] [Dense(5)] [Dense(3, Activation.Softmax, Name = \"a\")] {TwoLosses} public partial class Net;",
            "the output 'dense' is also read by 'a'; an output that other layers read is not supported yet");

    [Fact]
    public void NG0034_LossWeightsCount() =>
        AssertDiagnostic("NG0034", "Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] { 0.9 })",
            $"[Network(Outputs = new[] {{ \"b\", \"c\" }})] [Input(4)] [Dense(5)] [Dense(1, Name = \"b\")] [Dense(1, Name = \"c\", From = \"dense\")] [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] {{ 0.9 }})] public partial class Net;",
            "LossWeights has 1 entry for 2 output(s) ('b', 'c'); give one weight per output");

    [Fact]
    public void NG0034_NegativeWeight() =>
        AssertDiagnostic("NG0034", "Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] { 1.0, -0.5 })",
            $"[Network(Outputs = new[] {{ \"b\", \"c\" }})] [Input(4)] [Dense(5)] [Dense(1, Name = \"b\")] [Dense(1, Name = \"c\", From = \"dense\")] [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] {{ 1.0, -0.5 }})] public partial class Net;",
            "the loss weight of 'c' is -0.5; each weight must be a finite number >= 0");

    [Fact]
    public void NG0034_NonFiniteWeight() =>
        AssertDiagnostic("NG0034", "Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] { double.NaN, 1.0 })",
            $"[Network(Outputs = new[] {{ \"b\", \"c\" }})] [Input(4)] [Dense(5)] [Dense(1, Name = \"b\")] [Dense(1, Name = \"c\", From = \"dense\")] [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] {{ double.NaN, 1.0 }})] public partial class Net;",
            "the loss weight of 'b' is NaN");

    [Fact]
    public void NG0034_LossesCount() =>
        AssertDiagnostic("NG0034", "Compile(Loss.MeanSquaredError, Optimizer.Sgd, Losses = new[] { Loss.MeanSquaredError })",
            $"[Network(Outputs = new[] {{ \"a\", \"b\" }})] {TwoHeads} [Compile(Loss.MeanSquaredError, Optimizer.Sgd, Losses = new[] {{ Loss.MeanSquaredError }})] public partial class Net;",
            "Losses has 1 entry for 2 output(s) ('a', 'b'); give one loss per output");

    [Fact]
    public void NG0034_SingleOutputWeightOtherThanOne() =>
        AssertDiagnostic("NG0034", "Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] { 0.5 })",
            "[Network] [Input(4)] [Dense(1)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LossWeights = new[] { 0.5 })] public partial class Net;",
            "a single output's weight must be 1");

    [Fact]
    public void NG0102_LossDoesNotFitOneOfTheOutputs() =>
        AssertDiagnostic("NG0102", "Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)",
            $"[Network(Outputs = new[] {{ \"a\", \"b\" }})] {TwoHeads} [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)] public partial class Net;",
            "'b'");

    [Fact]
    public void SeveralOutputs_WithAnOutputThatIsNotTheLastLayer_GenerateWithoutDiagnostics()
    {
        // 'a' is read by no layer and is not last: as an output it is no NG0014.
        GenerationResult result = GeneratorHarness.Run($"using NetGen;\n[Network(Outputs = new[] {{ \"b\", \"a\" }})] {TwoHeads} [Compile(Loss.MeanSquaredError, Optimizer.Sgd, Losses = new[] {{ Loss.MeanSquaredError, Loss.SparseCategoricalCrossentropy }})] public partial class Net;");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Single(result.Sources);
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
