using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Docs;

/// <summary>
/// Every C# block of README.md, docs/*.md and the package readme compiles, with the generator, as it would pasted into
/// a new console project (Program.cs with the console template's implicit usings). Blocks marked
/// <c>&lt;!-- file: Name.cs --&gt;</c> in one page are the files of one project; a block preceded by
/// <c>&lt;!-- not compiled: reason --&gt;</c> is a fragment and must say why.
/// </summary>
public sealed partial class DocumentationSnippetTests
{
    private static readonly string[] s_implicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (string page in PagePaths()) pages.Add(page);
        return pages;
    }

    private static IEnumerable<string> PagePaths()
    {
        yield return "README.md";
        yield return "Runtime/PACKAGE.md";
        foreach (string path in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Order(StringComparer.Ordinal))
            yield return "docs/" + Path.GetFileName(path);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryCSharpBlock_CompilesOrSaysWhyNot(string page)
    {
        string markdown = File.ReadAllText(Path.Combine(RepositoryRoot.Path, page));
        IReadOnlyList<Snippet> snippets = Snippet.Read(markdown);
        var problems = new List<string>();
        // A page of fragments (docs/diagnostics.md: each block is a mistake) says so once, with the reason.
        Match everyBlock = EveryBlockNotCompiledMarker().Match(markdown);
        if (everyBlock.Success)
        {
            Assert.True(everyBlock.Groups[1].Value.Trim().Length >= 12, $"{page}: the page-wide marker must say why its blocks are not compiled.");
            return;
        }
        foreach (Snippet snippet in snippets.Where(s => s.NotCompiledBecause is not null))
        {
            if (snippet.NotCompiledBecause!.Trim().Length < 12)
                problems.Add($"{page}:{snippet.Line}: a block that is not compiled must say why (<!-- not compiled: reason -->).");
        }
        var files = snippets.Where(s => s.NotCompiledBecause is null && s.FileName is not null).ToList();
        foreach (Snippet snippet in snippets.Where(s => s.NotCompiledBecause is null && s.FileName is null))
            problems.AddRange(Compile(page, [("Program.cs", snippet)]));
        if (files.Count > 0)
            problems.AddRange(Compile(page, files.Select(s => (s.FileName!, s)).ToList()));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void GettingStarted_HasTheTwoFilesOfTheFirstNetwork_AndTheReadmeLinksIt()
    {
        IReadOnlyList<Snippet> snippets = Snippet.Read(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs/getting-started.md")));
        Assert.Equal(["CircleClassifier.cs", "Program.cs"], snippets.Where(s => s.FileName is not null).Select(s => s.FileName!));
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        string top = readme[..readme.IndexOf("\n---", StringComparison.Ordinal)];
        Assert.Contains("(docs/getting-started.md)", top);
        Assert.Equal(2, Regex.Matches(top, "^```$", RegexOptions.Multiline).Count / 2);
    }

    [Fact]
    public void Compile_ReportsABlockThatDoesNotCompile()
    {
        // The check itself can fail: the README's original first block (a type before top-level statements) is CS8803.
        var snippet = new Snippet("[Network] [Input(2)] [Dense(1)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd)]\npublic partial class Net;\nvar model = new Net(seed: 1);\n", 1, null, null);
        IReadOnlyList<string> problems = Compile("test.md", [("Program.cs", snippet)]);
        Assert.Contains(problems, p => p.Contains("CS8803", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Compile(string page, IReadOnlyList<(string FileName, Snippet Snippet)> files)
    {
        string usings = string.Concat(s_implicitUsings.Select(u => $"global using {u};\n"));
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Snippet.Code, GeneratorHarness.ParseOptions, path: f.FileName))
            .Append(CSharpSyntaxTree.ParseText(usings, GeneratorHarness.ParseOptions, path: "ImplicitUsings.g.cs"));
        CSharpCompilation empty = GeneratorHarness.CreateCompilation();
        CSharpCompilation compilation = empty.WithOptions(empty.Options.WithOutputKind(OutputKind.ConsoleApplication)).AddSyntaxTrees(trees);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        string where = $"{page}:{string.Join(", ", files.Select(f => $"{f.FileName} (line {f.Snippet.Line})"))}";
        return generatorDiagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{where}: {d}")
            .ToList();
    }

    /// <summary>One fenced C# block: its code, the line of its fence, and its markers.</summary>
    private sealed record Snippet(string Code, int Line, string? FileName, string? NotCompiledBecause)
    {
        public static IReadOnlyList<Snippet> Read(string markdown)
        {
            string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
            var snippets = new List<Snippet>();
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp") continue;
                int start = i;
                var code = new List<string>();
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++) code.Add(lines[i]);
                // The marker is the nearest non-blank line above the fence.
                int above = start - 1;
                while (above >= 0 && lines[above].Trim().Length == 0) above--;
                string marker = above >= 0 ? lines[above].Trim() : "";
                Match file = FileMarker().Match(marker);
                Match skip = NotCompiledMarker().Match(marker);
                snippets.Add(new Snippet(string.Join("\n", code) + "\n", start + 1,
                    file.Success ? file.Groups[1].Value : null, skip.Success ? skip.Groups[1].Value : null));
            }
            return snippets;
        }
    }

    [GeneratedRegex(@"^<!-- file: (\S+) -->$")]
    private static partial Regex FileMarker();

    [GeneratedRegex(@"^<!-- not compiled \(every block\): (.*) -->$", RegexOptions.Multiline)]
    private static partial Regex EveryBlockNotCompiledMarker();

    [GeneratedRegex(@"^<!-- not compiled: (.*) -->$")]
    private static partial Regex NotCompiledMarker();
}
