using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>One test per diagnostic id: the id, the location (the offending attribute or the class name), and no crash.</summary>
public sealed partial class DiagnosticTests
{
    private const string Compile = "[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]";

    [Fact]
    public void NG0001_ClassNotPartial() =>
        AssertDiagnostic("NG0001", "Net", $"[Network] [Input(4)] [Dense(3, Activation.Softmax)] {Compile} public class Net {{ }}", "must be declared partial");

    [Fact]
    public void NG0002_NoInput() =>
        AssertDiagnostic("NG0002", "Dense(3, Activation.Softmax)", $"[Network] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "no [Input(...)]");

    [Fact]
    public void NG0002_NothingDeclared() =>
        AssertDiagnostic("NG0002", "Net", $"[Network] {Compile} public partial class Net;", "no [Input(...)]");

    [Fact]
    public void NG0003_NoLayers() =>
        AssertDiagnostic("NG0003", "Net", $"[Network] [Input(4)] {Compile} public partial class Net;", "no layers");

    [Fact]
    public void NG0004_NoCompile() =>
        AssertDiagnostic("NG0004", "Net", "[Network] [Input(4)] [Dense(3, Activation.Softmax)] public partial class Net;", "[Compile(loss, optimizer)]");

    [Fact]
    public void NG0005_LayersSplitAcrossPartialDeclarations() =>
        AssertDiagnostic("NG0005", "Dense(3, Activation.Softmax)",
            $"[Network] [Input(4)] {Compile} public partial class Net; [Dense(3, Activation.Softmax)] public partial class Net;", "split across partial declarations");

    [Fact]
    public void NG0006_NestedClass() =>
        AssertDiagnostic("NG0006", "Net", $"public static class Outer {{ [Network] [Input(4)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net; }}", "nested");

    [Fact]
    public void NG0006_ForeignBaseClass() =>
        AssertDiagnostic("NG0006", "Net", $"public class Base {{ }} [Network] [Input(4)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net : Base;", "derives from 'Base'");

    [Fact]
    public void NG0007_NonPositiveUnits() =>
        AssertDiagnostic("NG0007", "Dense(0)", $"[Network] [Input(4)] [Dense(0)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "units must be positive; found 0");

    [Fact]
    public void NG0007_DropoutRateOutOfRange() =>
        AssertDiagnostic("NG0007", "Dropout(1.0)", $"[Network] [Input(4)] [Dropout(1.0)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "[0, 1); found 1");

    [Fact]
    public void NG0007_NonPositiveInputDimension() =>
        AssertDiagnostic("NG0007", "Input(28, -1)", $"[Network] [Input(28, -1)] [Flatten] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "found (28, -1)");

    [Fact]
    public void NG0007_UnknownActivationValue() =>
        AssertDiagnostic("NG0007", "Dense(3, (Activation)42)", $"[Network] [Input(4)] [Dense(3, (Activation)42)] {Compile} public partial class Net;", "unknown activation value 42");

    [Fact]
    public void NG0007_TooManyParameters() =>
        AssertDiagnostic("NG0007", "Dense(1000000)", $"[Network] [Input(100000)] [Dense(1000000)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "parameters");

    [Fact]
    public void NG0008_FromLogitsAfterSoftmax() =>
        AssertDiagnostic("NG0008", "Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, FromLogits = true)",
            "[Network] [Input(4)] [Dense(3, Activation.Softmax)] [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, FromLogits = true)] public partial class Net;",
            "'dense' applies softmax");

    [Fact]
    public void NG0009_SecondInput() =>
        AssertDiagnostic("NG0009", "Input(5)", $"[Network] [Input(4)] [Input(5)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "second [Input]");

    [Fact]
    public void NG0009_InputAfterLayer() =>
        AssertDiagnostic("NG0009", "Input(4)", $"[Network] [Dense(3)] [Input(4)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "after a layer");

    [Fact]
    public void NG0010_DuplicateLayerName() =>
        AssertDiagnostic("NG0010", "Dense(3, Activation.Softmax, Name = \"hidden\")",
            $"[Network] [Input(4)] [Dense(5, Name = \"hidden\")] [Dense(3, Activation.Softmax, Name = \"hidden\")] {Compile} public partial class Net;", "'hidden' is used twice");

    [Theory]
    [InlineData("Optimizer.Sgd, Amsgrad = true", "Amsgrad applies to Optimizer.Adam and Optimizer.AdamW only; found Optimizer.Sgd")]
    [InlineData("Optimizer.Nadam, Amsgrad = true", "Amsgrad applies to Optimizer.Adam and Optimizer.AdamW only; found Optimizer.Nadam")]
    [InlineData("Optimizer.Adam, Centered = true", "Centered applies to Optimizer.RmsProp only; found Optimizer.Adam")]
    [InlineData("Optimizer.Adam, Momentum = 0.9", "Momentum applies to Optimizer.Sgd and Optimizer.RmsProp only; found Optimizer.Adam")]
    [InlineData("Optimizer.RmsProp, Nesterov = true, Momentum = 0.9", "Nesterov applies to Optimizer.Sgd only; found Optimizer.RmsProp")]
    [InlineData("Optimizer.Sgd, Rho = 0.9", "Rho applies to Optimizer.RmsProp and Optimizer.Adadelta only; found Optimizer.Sgd")]
    [InlineData("Optimizer.Adam, InitialAccumulatorValue = 0.5", "InitialAccumulatorValue applies to Optimizer.Adagrad only; found Optimizer.Adam")]
    [InlineData("Optimizer.Adagrad, Beta1 = 0.8", "Beta1 applies to Optimizer.Adam, Optimizer.AdamW and Optimizer.Nadam only; found Optimizer.Adagrad")]
    [InlineData("Optimizer.Sgd, Epsilon = 1e-8", "Epsilon applies to every optimizer but Optimizer.Sgd; found Optimizer.Sgd")]
    [InlineData("Optimizer.RmsProp, Amsgrad = true", "Amsgrad applies to Optimizer.Adam and Optimizer.AdamW only; found Optimizer.RmsProp")]
    [InlineData("Optimizer.Adam, Nesterov = false", "Nesterov applies to Optimizer.Sgd only; found Optimizer.Adam")]
    public void NG0030_OptionTheOptimizerDoesNotRead(string arguments, string message) => AssertOptimizerDiagnostic("NG0030", arguments, message);

    [Fact]
    public void NG0031_NesterovWithoutMomentum() =>
        AssertOptimizerDiagnostic("NG0031", "Optimizer.Sgd, Nesterov = true", "Nesterov = true needs Momentum > 0 (Nesterov momentum without momentum does nothing); found Momentum = 0");

    [Theory]
    [InlineData("Optimizer.Adam, LearningRate = -1", "LearningRate must be a finite number >= 0; found -1")]
    [InlineData("Optimizer.Adam, LearningRate = double.PositiveInfinity", "LearningRate must be a finite number >= 0; found ")]
    [InlineData("Optimizer.RmsProp, Rho = 1", "Rho must be in [0, 1); found 1")]
    [InlineData("Optimizer.Adadelta, Rho = -0.5", "Rho must be in [0, 1); found -0.5")]
    [InlineData("Optimizer.Adagrad, Epsilon = -1e-7", "Epsilon must be a finite number > 0; found -1E-07")]
    [InlineData("Optimizer.Adam, Epsilon = 0", "Epsilon must be a finite number > 0; found 0")]
    [InlineData("Optimizer.Adadelta, Epsilon = double.NaN", "Epsilon must be a finite number > 0; found NaN")]
    [InlineData("Optimizer.Adam, LearningRate = -0.001", "LearningRate must be a finite number >= 0; found -0.001")]
    [InlineData("Optimizer.RmsProp, Momentum = -0.1", "Momentum must be in [0, 1]; found -0.1")]
    [InlineData("Optimizer.Adam, Beta1 = 1", "Beta1 must be in [0, 1); found 1")]
    [InlineData("Optimizer.Sgd, ClipValue = 0", "ClipValue must be a finite number > 0; found 0")]
    [InlineData("Optimizer.Adam, GlobalClipNorm = -1", "GlobalClipNorm must be a finite number > 0; found -1")]
    [InlineData("Optimizer.Sgd, Momentum = 1.5", "Momentum must be in [0, 1]; found 1.5")]
    [InlineData("Optimizer.Nadam, Beta2 = 1", "Beta2 must be in [0, 1); found 1")]
    [InlineData("Optimizer.Adagrad, InitialAccumulatorValue = -0.1", "InitialAccumulatorValue must be a finite number >= 0; found -0.1")]
    [InlineData("Optimizer.Sgd, WeightDecay = -0.01", "WeightDecay must be a finite number >= 0; found -0.01")]
    [InlineData("Optimizer.Sgd, ClipNorm = 0", "ClipNorm must be a finite number > 0; found 0")]
    [InlineData("Optimizer.Sgd, ClipValue = -1", "ClipValue must be a finite number > 0; found -1")]
    [InlineData("Optimizer.Sgd, GlobalClipNorm = double.PositiveInfinity", "GlobalClipNorm must be a finite number > 0; found ")]
    public void NG0032_HyperparameterOutOfRange(string arguments, string message) => AssertOptimizerDiagnostic("NG0032", arguments, message);

    [Theory]
    [InlineData("Optimizer.Sgd, ClipNorm = 1, GlobalClipNorm = 2", "found ClipNorm = 1 and GlobalClipNorm = 2")]
    [InlineData("Optimizer.Adam, ClipValue = 0.5, ClipNorm = 1", "found ClipNorm = 1 and ClipValue = 0.5")]
    [InlineData("Optimizer.RmsProp, ClipValue = 0.5, GlobalClipNorm = 1", "found ClipValue = 0.5 and GlobalClipNorm = 1")]
    public void NG0033_SeveralClippingOptions(string arguments, string message) => AssertOptimizerDiagnostic("NG0033", arguments, message);

    [Theory]
    [InlineData("Optimizer.Sgd, WeightDecay = 0.01, ClipNorm = 1")]
    [InlineData("Optimizer.RmsProp, Momentum = 0.5, Centered = true, Rho = 0.8, Epsilon = 1e-6, GlobalClipNorm = 1")]
    [InlineData("Optimizer.AdamW, Amsgrad = true, Beta1 = 0.8, ClipValue = 0.5")]
    [InlineData("Optimizer.Adagrad, InitialAccumulatorValue = 0, Epsilon = 1e-10")]
    [InlineData("Optimizer.Sgd, LearningRate = 0, Momentum = 1, Nesterov = true")]
    [InlineData("Optimizer.Adadelta, Rho = 0.9")]
    [InlineData("Optimizer.Nadam, Beta2 = 0.99, WeightDecay = 0")]
    public void ValidOptimizerOptionsGenerateCode(string arguments)
    {
        GenerationResult result = GeneratorHarness.Run($"using NetGen; [Network] [Input(4)] [Dense(3)] [Compile(Loss.MeanSquaredError, {arguments})] public partial class Net;");
        result.AssertNoGeneratorDiagnostics();
        Assert.Empty(result.CompilationProblems.Select(d => d.ToString()));
    }

    private static void AssertOptimizerDiagnostic(string id, string arguments, string messageFragment) =>
        AssertDiagnostic(id, $"Compile(Loss.MeanSquaredError, {arguments})",
            $"[Network] [Input(4)] [Dense(3)] [Compile(Loss.MeanSquaredError, {arguments})] public partial class Net;", messageFragment);

    [Fact]
    public void NG0101_DenseOnFourDimensionalSamples() =>
        AssertDiagnostic("NG0101", "Dense(128, Activation.Relu)",
            $"[Network] [Input(2, 3, 4, 5)] [Dense(128, Activation.Relu)] [Flatten] [Dense(10, Activation.Softmax)] {Compile} public partial class Net;", "shape (B, 2, 3, 4, 5)");

    /// <summary>Dense over a sequence is fine (Keras applies it at every step), but as the output its (B, 28, 10) has no loss.</summary>
    [Fact]
    public void NG0102_DenseOverASequenceAsTheOutput() =>
        AssertDiagnostic("NG0102", Compile.Trim('[', ']'),
            $"[Network] [Input(28, 28)] [Dense(128, Activation.Relu)] [Dense(10, Activation.Softmax)] {Compile} public partial class Net;", "(B, 28, 10)");

    [Fact]
    public void NG0102_SparseCrossEntropyWithOneUnit() =>
        AssertDiagnostic("NG0102", Compile.Trim('[', ']'), $"[Network] [Input(4)] [Dense(1, Activation.Sigmoid)] {Compile} public partial class Net;", "at least 2");

    [Fact]
    public void NG0999_InternalErrorIsADiagnosticNotACrash()
    {
        NetworkGenerator.Parser.BeforeParse = name => { if (name == "Exploding") throw new InvalidOperationException("injected fault"); };
        try
        {
            AssertDiagnostic("NG0999", "Exploding", $"[Network] [Input(4)] [Dense(3, Activation.Softmax)] {Compile} public partial class Exploding;", "injected fault");
        }
        finally
        {
            NetworkGenerator.Parser.BeforeParse = null;
        }
    }

    [Fact]
    public void AttributeArgumentsThatDoNotCompileGiveNoGeneratorDiagnostic()
    {
        GenerationResult result = GeneratorHarness.Run($"using NetGen; [Network] [Input(4)] [Dense(\"three\")] {Compile} public partial class Net;");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.All(result.RunResult.Results, r => Assert.Null(r.Exception));
        Assert.Contains(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDiagnosticIdIsDocumented()
    {
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "docs", "diagnostics.md"));
        string releases = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "Generator", "AnalyzerReleases.Unshipped.md"));
        var ids = typeof(NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Where(f => f.IsLiteral && f.Name.EndsWith("Id", StringComparison.Ordinal)).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id =>
        {
            Assert.Contains("## " + id, docs);
            Assert.Contains(id + " |", releases);
        });
    }

    [Fact]
    public void EveryHelpLink_IsAnAnchorOfTheDiagnosticsPage()
    {
        // No repository address is configured in this build: the links are relative to the repository's root, and
        // each names a heading of docs/diagnostics.md (GitHub's anchor for "## NG0014" is "ng0014").
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "docs", "diagnostics.md"));
        var anchors = System.Text.RegularExpressions.Regex.Matches(docs, "^## (NG\\d{4})$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        var descriptors = typeof(NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();
        Assert.True(descriptors.Count > 40, $"found only {descriptors.Count} descriptors");
        Assert.All(descriptors, d =>
        {
            Assert.Equal("docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.Contains(d.Id.ToLowerInvariant(), anchors);
        });
    }

    [Fact]
    public void NG0040_BatchNormalizationOnARank4Input() =>
        AssertDiagnostic("NG0040", "BatchNormalization",
            $"[Network] [Input(28, 28, 1, 2)] [BatchNormalization] [Flatten] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "shape (B, 28, 28, 1, 2)");

    [Fact]
    public void NG0007_BatchNormalizationMomentumOutOfRange() =>
        AssertDiagnostic("NG0007", "BatchNormalization(Momentum = 1.5)",
            $"[Network] [Input(4)] [Dense(5)] [BatchNormalization(Momentum = 1.5)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "Momentum must be in [0, 1]; found 1.5");

    [Fact]
    public void NG0007_BatchNormalizationEpsilonNotPositive() =>
        AssertDiagnostic("NG0007", "BatchNormalization(Epsilon = 0)",
            $"[Network] [Input(4)] [Dense(5)] [BatchNormalization(Epsilon = 0)] [Dense(3, Activation.Softmax)] {Compile} public partial class Net;", "Epsilon must be a positive number; found 0");

    private static void AssertDiagnostic(string id, string expectedLocationText, string source, string messageFragment)
    {
        string fullSource = "using NetGen;\n" + source;
        GenerationResult result = GeneratorHarness.Run(fullSource);
        Assert.All(result.RunResult.Results, r => Assert.Null(r.Exception));
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(messageFragment, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile, $"{id} has no source location: {diagnostic}");
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Network0.cs", span.Path);
        int start = diagnostic.Location.SourceSpan.Start;
        string located = fullSource.Substring(start, diagnostic.Location.SourceSpan.Length);
        Assert.Equal(expectedLocationText, located);
        // No cascade: a network with errors generates no code.
        Assert.Empty(result.Sources);
    }
}
