using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;

namespace NetGen.Tests.Helpers;

/// <summary>Runs the NetGen generator in memory over source text, and compiles and loads the result.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var references = trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(Model).Assembly.Location));
        return references.ToImmutableArray();
    });

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(ParseOptions, sources);

    private static CSharpCompilation CreateCompilation(CSharpParseOptions parseOptions, string[] sources) => CSharpCompilation.Create(
        "NetGenTestAssembly",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Network{i}.cs")),
        s_references.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true,
            // Release, as users should build (a Debug compilation adds NG0140 to every network; DebugBuildTests covers it).
            optimizationLevel: OptimizationLevel.Release));

    /// <summary>
    /// The parse options of bulk runs (the fuzzer), which look at errors only: the nullable analysis, a second pass over
    /// every method body that can only add warnings, is switched off (a third of the time of binding the generated code).
    /// </summary>
    public static readonly CSharpParseOptions ErrorsOnlyParseOptions =
        ParseOptions.WithFeatures(new[] { new KeyValuePair<string, string>("run-nullable-analysis", "never") });

    public static GeneratorDriver CreateDriver() => CreateDriver(ParseOptions, trackSteps: true);

    private static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions, bool trackSteps) => CSharpGeneratorDriver.Create(
        new[] { new NetworkGenerator().AsSourceGenerator() },
        parseOptions: parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once and returns its result and the compilation with the generated code added.</summary>
    public static GenerationResult Run(params string[] sources) => Run(ParseOptions, trackSteps: true, sources);

    /// <summary>
    /// <see cref="Run(string[])"/> for bulk runs that check errors only: no nullable analysis, no step tracking.
    /// </summary>
    public static GenerationResult RunForErrors(params string[] sources) => Run(ErrorsOnlyParseOptions, trackSteps: false, sources);

    private static GenerationResult Run(CSharpParseOptions parseOptions, bool trackSteps, string[] sources)
    {
        CSharpCompilation input = CreateCompilation(parseOptions, sources);
        GeneratorDriver driver = CreateDriver(parseOptions, trackSteps).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> _);
        return new GenerationResult(driver.GetRunResult(), output);
    }

    /// <summary>Generates, compiles and loads <paramref name="sources"/>; fails with every compiler diagnostic if anything is wrong.</summary>
    public static Assembly CompileAndLoad(params string[] sources)
    {
        GenerationResult result = Run(sources);
        result.AssertNoGeneratorDiagnostics();
        using var stream = new MemoryStream();
        var emit = result.Output.Emit(stream);
        if (!emit.Success)
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext("netgen-test-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(stream);
    }
}

/// <summary>One generator run: its result and the compilation that includes the generated sources.</summary>
internal sealed record GenerationResult(GeneratorDriverRunResult RunResult, Compilation Output)
{
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => RunResult.Diagnostics;

    public IReadOnlyList<(string HintName, string Text)> Sources =>
        RunResult.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => (s.HintName, s.SourceText.ToString())).ToList();

    /// <summary>Errors and warnings of the compilation with the generated code (the user's code included).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public void AssertNoGeneratorDiagnostics()
    {
        if (!GeneratorDiagnostics.IsEmpty)
            throw new InvalidOperationException("The generator reported:\n" + string.Join("\n", GeneratorDiagnostics));
        foreach (GeneratorRunResult result in RunResult.Results)
        {
            if (result.Exception is not null) throw new InvalidOperationException("The generator threw.", result.Exception);
        }
    }
}
