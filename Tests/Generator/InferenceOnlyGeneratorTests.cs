using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>What [Network(InferenceOnly = true)] generates for every layer family, and NG0017.</summary>
public sealed class InferenceOnlyGeneratorTests
{
    /// <summary>Every layer family, each with the options that keep state for a backward pass.</summary>
    private const string Zoo = """
        using NetGen;

        [Network(InferenceOnly = true)]
        [Input(12, 12, 2)]
        [ZeroPadding2D(1)]
        [Conv2D(6, 3, Activation.Elu, Strides = 2)]
        [BatchNormalization]
        [SpatialDropout2D(0.2)]
        [MaxPooling2D(2)]
        [Conv2D(4, 1, Activation.Tanh)]
        [GlobalAveragePooling2D]
        [Dense(40, Activation.Sigmoid)]
        [Dropout(0.5)]
        [Reshape(10, 4)]
        [Conv1D(3, 2, Activation.Relu, Padding = Padding.Same)]
        [LSTM(5, ReturnSequences = true)]
        [GRU(4, ReturnSequences = true)]
        [SimpleRNN(3)]
        [LeakyReLU(Alpha = 0.2)]
        [Dense(2, Activation.Softmax)]
        public partial class Zoo;

        [Network(InferenceOnly = true)]
        [Input("tokens", 9, Type = InputType.TokenIds)]
        [Input("side", 3)]
        [Embedding(30, 4, From = "tokens", Name = "embedded")]
        [Flatten(Name = "flat")]
        [Concatenate("flat", "side", Name = "joined")]
        [Dense(39, Name = "wide")]
        [Add("wide", "joined", Name = "residual")]
        [Dense(1, Activation.Sigmoid, Name = "out")]
        public partial class Graph;
        """;

    [Fact]
    public void EveryLayerFamily_CompilesCleanly_WithoutBackwardLossOrOptimizerCode()
    {
        GenerationResult result = GeneratorHarness.Run(Zoo);
        result.AssertNoGeneratorDiagnostics();
        Assert.Empty(result.CompilationProblems.Select(d => d.ToString()));
        Assert.Equal(2, result.Sources.Count);
        foreach (var (hintName, text) in result.Sources)
        {
            Assert.Contains("InferenceOnly = true,", text, StringComparison.Ordinal);
            foreach (string training in new[] { "BackwardCore", "LossCore", "ApplyGradientsCore", "BackwardWeights", "BackwardInput", "GradientBuffer",
                         "_dOutput", "_Mask", "DrawDropoutMask", "BatchStatistics", "EmbeddingGradient", "OptimizerSlot(" })
                Assert.False(text.Contains(training, StringComparison.Ordinal), $"{hintName} contains {training}");
        }
    }

    [Fact]
    public void NG0017_CompileOnAnInferenceOnlyNetwork_IsAWarningOnCompile_AndTheNetworkIsGenerated()
    {
        const string compile = "Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)";
        string source = $"using NetGen; [Network(InferenceOnly = true)] [Input(4)] [Dense(3, Activation.Softmax)] [{compile}] public partial class Net;";
        GenerationResult result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0017", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'Net' is declared [Network(InferenceOnly = true)]", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(compile, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        var (_, text) = Assert.Single(result.Sources);
        Assert.DoesNotContain("BackwardCore", text, StringComparison.Ordinal);
        Assert.Empty(result.CompilationProblems.Where(d => d.Id != "NG0017").Select(d => d.ToString()));
    }

    [Fact]
    public void NoCompile_IsNotAnError_WhenInferenceOnly_AndStillNG0004_Otherwise()
    {
        GenerationResult served = GeneratorHarness.Run("using NetGen; [Network(InferenceOnly = true)] [Input(4)] [Dense(3)] public partial class Net;");
        Assert.Empty(served.GeneratorDiagnostics);
        Assert.Single(served.Sources);

        GenerationResult trained = GeneratorHarness.Run("using NetGen; [Network(InferenceOnly = false)] [Input(4)] [Dense(3)] public partial class Net;");
        Assert.Equal("NG0004", Assert.Single(trained.GeneratorDiagnostics).Id);
        Assert.Empty(trained.Sources);
    }
}
