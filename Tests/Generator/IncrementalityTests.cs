using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>Caching, proven from the generator's tracked steps rather than from the absence of diagnostics.</summary>
public sealed class IncrementalityTests
{
    private const string Network = """
        using NetGen;

        namespace Samples;

        [Network]
        [Input(28, 28)]
        [Flatten]
        [Dense(128, Activation.Relu)]
        [Dense(10, Activation.Softmax)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
        public partial class Mlp;
        """;

    /// <summary>A graph: two named inputs, From and a merge — its spec (inputs, wiring, merge kinds) must be value-equal too.</summary>
    private const string Graph = """
        using NetGen;

        namespace Samples;

        [Network]
        [Input("wide", 5)]
        [Input("deep", 6)]
        [Dense(30, Activation.Relu, From = "deep")]
        [Dense(30, Activation.Relu)]
        [Concatenate("wide", "dense_1")]
        [Dense(1)]
        [Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
        public partial class WideAndDeep;
        """;

    private const string Other = "namespace Samples; public class Unrelated { public int Value => 1; }";

    [Fact]
    public void AddingACommentLeavesTheOutputCached()
    {
        GeneratorRunResult second = RunTwice(Network, Network.Replace("[Network]", "// a comment\n[Network]"));
        Assert.All(Outputs(second, NetworkGenerator.TrackingNames.Parse), reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));
        Assert.All(Outputs(second, NetworkGenerator.TrackingNames.Output), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.NotEmpty(Outputs(second, NetworkGenerator.TrackingNames.Output));
    }

    [Fact]
    public void MovingTheClassDownLeavesTheOutputCached()
    {
        GeneratorRunResult second = RunTwice(Network, Network.Replace("namespace Samples;", "namespace Samples;\n\n\n"));
        Assert.All(Outputs(second, NetworkGenerator.TrackingNames.Output), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.NotEmpty(Outputs(second, NetworkGenerator.TrackingNames.Output));
    }

    [Fact]
    public void EditingAnotherClassLeavesTheOutputCached()
    {
        GeneratorRunResult second = RunTwice(Network, Network, Other, Other.Replace("Value => 1", "Value => 2"));
        // The transform re-runs on a new compilation (it reads symbols), but its value-equal result stops the work there.
        Assert.All(Outputs(second, NetworkGenerator.TrackingNames.Parse), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(Outputs(second, NetworkGenerator.TrackingNames.Output), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.NotEmpty(Outputs(second, NetworkGenerator.TrackingNames.Output));
    }

    [Fact]
    public void ChangingUnitsRegenerates()
    {
        GeneratorRunResult second = RunTwice(Network, Network.Replace("Dense(128", "Dense(64"));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Outputs(second, NetworkGenerator.TrackingNames.Output));
        Assert.Contains("Dense_784x64", second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void AddingACommentToAGraphLeavesTheOutputCached()
    {
        GeneratorRunResult second = RunTwice(Graph, Graph.Replace("[Concatenate", "// joined back in\n[Concatenate"));
        Assert.All(Outputs(second, NetworkGenerator.TrackingNames.Output), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.NotEmpty(Outputs(second, NetworkGenerator.TrackingNames.Output));
    }

    [Fact]
    public void RewiringAGraphRegenerates()
    {
        // Same layers and shapes except the merge's order: the wiring is part of the spec.
        GeneratorRunResult second = RunTwice(Graph, Graph.Replace("[Concatenate(\"wide\", \"dense_1\")]", "[Concatenate(\"dense_1\", \"wide\")]"));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Outputs(second, NetworkGenerator.TrackingNames.Output));
        Assert.Contains("Merge.CopyColumns(a4, 35, 30, a0, 5, batch);", second.GeneratedSources.Single().SourceText.ToString());
    }

    private static GeneratorRunResult RunTwice(string before, string after, string? otherBefore = null, string? otherAfter = null)
    {
        CSharpCompilation first = otherBefore is null ? GeneratorHarness.CreateCompilation(before) : GeneratorHarness.CreateCompilation(before, otherBefore);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        CSharpCompilation second = first;
        SyntaxTree networkTree = first.SyntaxTrees.First();
        if (after != before)
            second = second.ReplaceSyntaxTree(networkTree, CSharpSyntaxTree.ParseText(after, GeneratorHarness.ParseOptions, path: networkTree.FilePath));
        if (otherBefore is not null && otherAfter is not null)
        {
            SyntaxTree otherTree = second.SyntaxTrees.Last();
            second = second.ReplaceSyntaxTree(otherTree, CSharpSyntaxTree.ParseText(otherAfter, GeneratorHarness.ParseOptions, path: otherTree.FilePath));
        }
        return driver.RunGenerators(second).GetRunResult().Results.Single();
    }

    private static IncrementalStepRunReason[] Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
