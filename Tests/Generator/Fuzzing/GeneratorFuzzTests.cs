using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Tests.Helpers;
using Xunit.Abstractions;

namespace NetGen.Tests.Generator.Fuzzing;

/// <summary>
/// The generator against random declarations (issue 15). For each one: either the generated code compiles with zero
/// errors, or there is at least one NG error on an attribute or the type; never an exception, never NG0999, never an
/// error inside a generated file. C# errors inside the user's attributes (C# itself refused them) also count as an
/// answer, but not errors elsewhere in the user's code, such as a usage of a constructor that was silently not generated.
/// Binding the generated code is nearly all of the time: it is compiled without the nullable analysis (warnings only),
/// and each distinct kernel class once per run (<see cref="VerifiedKernels"/>).
/// Seeded and reproducible; CI runs a fixed count within a time budget. A longer run:
/// <c>NETGEN_FUZZ_COUNT=200000 NETGEN_FUZZ_SECONDS=3600 NETGEN_FUZZ_SEED=7 dotnet test Tests --filter FullyQualifiedName~GeneratorFuzzTests</c>.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int BatchSize = 500;

    [Fact]
    public void RandomDeclarations_GetCompilingCodeOrADiagnostic_NeverACrash()
    {
        // CI reruns the suite on other kernel paths (DOTNET_Enable…=0), which do not change the generator: one batch there.
        bool kernelPathRerun = new[] { "DOTNET_EnableAVX512F", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic" }.Any(v => Environment.GetEnvironmentVariable(v) == "0");
        int count = Setting("NETGEN_FUZZ_COUNT", kernelPathRerun ? BatchSize : 10_000);
        int seconds = Setting("NETGEN_FUZZ_SECONDS", 240);
        int seed = Setting("NETGEN_FUZZ_SEED", 20261206);
        var clock = Stopwatch.StartNew();
        var fuzzer = new DeclarationFuzzer(seed);
        var verifiedKernels = new VerifiedKernels();
        var failures = new List<string>();
        int tried = 0, compiled = 0, diagnosed = 0;
        while (tried < count && clock.Elapsed.TotalSeconds < seconds && failures.Count < 20)
        {
            int size = Math.Min(BatchSize, count - tried);
            var sources = new string[size];
            var usage = new bool[size];
            for (int i = 0; i < size; i++)
            {
                sources[i] = "using NetGen;\nnamespace Fuzz;\n" + fuzzer.Next("Fz" + (tried + i).ToString(CultureInfo.InvariantCulture));
                usage[i] = fuzzer.LastHasUsage;
            }
            var (batchCompiled, batchDiagnosed) = Check(sources, tried, verifiedKernels, failures);
            compiled += batchCompiled;
            diagnosed += batchDiagnosed;
            tried += size;
        }
        output.WriteLine($"seed {seed}: {tried} declarations in {clock.Elapsed.TotalSeconds:0.0} s: {compiled} generated and compiled, {diagnosed} answered with a diagnostic; {verifiedKernels.Count} distinct kernel classes.");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} declarations broke the generator:\n\n" + string.Join("\n\n", failures));
        Assert.True(tried >= Math.Min(count, BatchSize), $"only {tried} declarations in {seconds} s");
        Assert.True(compiled > tried / 8, $"only {compiled} of {tried} declarations generated code: the fuzzer tests little but the diagnostics");
    }

    /// <summary>Generates and compiles one batch (one file per declaration); adds a failure per broken declaration.</summary>
    private static (int Compiled, int Diagnosed) Check(string[] sources, int firstIndex, VerifiedKernels verifiedKernels, List<string> failures)
    {
        GenerationResult result = GeneratorHarness.RunForErrors(sources);
        Compilation checkedCode = verifiedKernels.StubVerified(result.Output, tree => !IsUserFile(tree.FilePath));
        foreach (GeneratorRunResult run in result.RunResult.Results)
        {
            if (run.Exception is not null) failures.Add($"the generator threw for the batch from Fz{firstIndex}: {run.Exception}");
        }
        var perDeclaration = new List<Diagnostic>[sources.Length];
        for (int i = 0; i < sources.Length; i++) perDeclaration[i] = new List<Diagnostic>();
        var generatedErrors = new List<Diagnostic>[sources.Length];
        for (int i = 0; i < sources.Length; i++) generatedErrors[i] = new List<Diagnostic>();

        var treesWithErrors = new HashSet<SyntaxTree>();
        foreach (Diagnostic diagnostic in result.GeneratorDiagnostics.Concat(checkedCode.GetDiagnostics()))
        {
            if (diagnostic.Severity != DiagnosticSeverity.Error) continue;
            // The generator's diagnostics carry a file path and span (no syntax tree); the compiler's carry their tree.
            string path = diagnostic.Location.GetLineSpan().Path ?? "";
            int index = DeclarationIndex(path, firstIndex);
            if (index < 0 || index >= sources.Length)
            {
                failures.Add($"a diagnostic without a location in a declaration of the batch from Fz{firstIndex}: {diagnostic}");
                continue;
            }
            if (IsUserFile(path)) perDeclaration[index].Add(diagnostic);
            else generatedErrors[index].Add(diagnostic);
            if (diagnostic.Location.SourceTree is { } tree) treesWithErrors.Add(tree);
        }
        foreach (SyntaxTree tree in checkedCode.SyntaxTrees)
        {
            if (!IsUserFile(tree.FilePath) && !treesWithErrors.Contains(tree)) verifiedKernels.Remember(tree);
        }

        int compiled = 0, diagnosed = 0;
        for (int i = 0; i < sources.Length; i++)
        {
            List<Diagnostic> errors = perDeclaration[i];
            string? problem = null;
            if (errors.Any(d => d.Id == "NG0999")) problem = "NG0999";
            else if (generatedErrors[i].Count > 0) problem = "errors inside the generated file";
            else if (errors.Count > 0 && !errors.Any(d => d.Id.StartsWith("NG", StringComparison.Ordinal))
                     && !errors.All(d => InsideAnAttribute(d)))
                problem = "C# errors without an NG diagnostic";
            if (problem is not null)
            {
                failures.Add($"Fz{firstIndex + i}: {problem}:\n{sources[i]}\n  " + string.Join("\n  ", errors.Concat(generatedErrors[i]).Take(8)));
                continue;
            }
            if (errors.Count == 0) compiled++;
            else diagnosed++;
        }
        return (compiled, diagnosed);
    }

    /// <summary>Whether the error lies inside an attribute list of the user's code (C# refused the attribute itself).</summary>
    private static bool InsideAnAttribute(Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree is null) return false;
        SyntaxNode root = diagnostic.Location.SourceTree.GetRoot();
        SyntaxNode? node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().Any(n => n is AttributeListSyntax);
    }

    /// <summary>The declaration a file belongs to: the user's <c>Network{i}.cs</c>, or the generated file of class <c>Fz{n}</c>.</summary>
    private static int DeclarationIndex(string path, int firstIndex)
    {
        Match user = Regex.Match(path, @"(?:^|/)Network(\d+)\.cs$");
        if (user.Success) return int.Parse(user.Groups[1].Value, CultureInfo.InvariantCulture);
        Match generated = Regex.Match(path, @"Fz(\d+)\.NetGen\.g\.cs$");
        return generated.Success ? int.Parse(generated.Groups[1].Value, CultureInfo.InvariantCulture) - firstIndex : -1;
    }

    private static bool IsUserFile(string path) => Regex.IsMatch(path, @"(^|/)Network\d+\.cs$");

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
