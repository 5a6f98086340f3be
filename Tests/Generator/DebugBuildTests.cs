using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>
/// NG0140: a consuming compilation without optimization (a Debug build) gets a warning on each network, and the
/// generated code makes Fit say so once at run time; a Release compilation gets neither.
/// </summary>
[Collection(DebugBuildNoteCollection.Name)]
public sealed class DebugBuildTests
{
    private const string Source = """
        using NetGen;
        [Network] [Input(4)] [Dense(3, Activation.Softmax)] [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
        public partial class Net;
        [Network] [Input(2)] [Dense(1)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
        public partial class Other;
        """;

    [Fact]
    public void DebugCompilation_WarnsOncePerNetwork_OnTheClassName_Suppressibly()
    {
        var (diagnostics, sources, _) = Generate(Source, OptimizationLevel.Debug);

        Assert.Equal(2, diagnostics.Count(d => d.Id == "NG0140"));
        Assert.All(diagnostics, d => Assert.Equal("NG0140", d.Id));
        Diagnostic net = diagnostics.Single(d => d.GetMessage().StartsWith("'Net'", StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Warning, net.Severity);
        Assert.Equal("Net", Source.Substring(net.Location.SourceSpan.Start, net.Location.SourceSpan.Length));
        Assert.Contains("-c Release", net.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(WellKnownDiagnosticTags.NotConfigurable, net.Descriptor.CustomTags);
        Assert.EndsWith("diagnostics.md#ng0140", net.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.All(sources, s => Assert.Contains("protected override bool CompiledWithoutOptimization => true;", s, StringComparison.Ordinal));
    }

    [Fact]
    public void ReleaseCompilation_NeitherWarnsNorEmitsTheNote()
    {
        var (diagnostics, sources, _) = Generate(Source, OptimizationLevel.Release);

        Assert.Empty(diagnostics);
        Assert.Equal(2, sources.Length);
        Assert.All(sources, s => Assert.DoesNotContain("CompiledWithoutOptimization", s, StringComparison.Ordinal));
    }

    [Fact]
    public void DebugCompilation_OfANetworkWithErrors_ReportsOnlyTheErrors()
    {
        var (diagnostics, _, _) = Generate("using NetGen; [Network] [Input(4)] [Dense(0)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd)] public partial class Net;",
            OptimizationLevel.Debug);

        Assert.Equal("NG0007", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void DebugCompilation_SuppressedWithNoWarn_IsSilent()
    {
        var (_, _, output) = Generate(Source, OptimizationLevel.Debug,
            options => options.WithSpecificDiagnosticOptions([new("NG0140", ReportDiagnostic.Suppress)]));

        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "NG0140" && !d.IsSuppressed);
    }

    [Fact]
    public void FitNote_IsWrittenOncePerProcess_AndOnlyForADebugBuild()
    {
        Model debug = Load(Source, OptimizationLevel.Debug, "Net");
        Model release = Load(Source, OptimizationLevel.Release, "Net");
        Model.ResetUnoptimizedNote();
        var error = new StringWriter();

        Assert.False(release.WriteUnoptimizedNoteOnce(error));
        Assert.True(debug.WriteUnoptimizedNoteOnce(error));
        Assert.False(debug.WriteUnoptimizedNoteOnce(error));

        string line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Net was compiled without optimization", line, StringComparison.Ordinal);
        Assert.Contains("-c Release", line, StringComparison.Ordinal);
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, string[] Sources, Compilation Output) Generate(
        string source, OptimizationLevel level, Func<CSharpCompilationOptions, CSharpCompilationOptions>? configure = null)
    {
        CSharpCompilation input = GeneratorHarness.CreateCompilation(source);
        CSharpCompilationOptions options = input.Options.WithOptimizationLevel(level);
        input = input.WithOptions(configure?.Invoke(options) ?? options);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        return (result.Diagnostics, result.GeneratedTrees.Select(t => t.ToString()).ToArray(), output);
    }

    private static Model Load(string source, OptimizationLevel level, string className)
    {
        var (_, _, output) = Generate(source, level);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("netgen-debug-build-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(stream);
        Type type = assembly.GetType(className) ?? throw new InvalidOperationException($"{className} is not in the compiled assembly.");
        return (Model)Activator.CreateInstance(type, 0)!;
    }
}

/// <summary>The note is written once per process: the test that resets it must not run beside training tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DebugBuildNoteCollection
{
    public const string Name = "Debug-build note";
}
