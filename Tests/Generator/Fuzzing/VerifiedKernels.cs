using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Tests.Generator.Fuzzing;

/// <summary>
/// The kernel classes that have already compiled without errors in this fuzzing run, so that each distinct kernel is
/// bound once. A model's kernels are static classes nested in its <c>Kernels</c> class, named by layer and shape, and
/// they refer to nothing but their own constants and the BCL: their errors depend on their text alone. A kernel whose
/// exact text compiled cleanly before is compiled again with its method bodies replaced by <c>throw null!</c>; the
/// signatures stay, so the model's calls into it are still bound and checked. Random declarations repeat layer shapes
/// often: kernels are five sixths of the generated text, and after 2,000 declarations two thirds of them had been seen.
/// </summary>
internal sealed class VerifiedKernels
{
    private static readonly SyntaxAnnotation s_fresh = new("netgen-fuzz-fresh-kernel");
    private static readonly BlockSyntax s_stubBody = SyntaxFactory.Block(SyntaxFactory.ParseStatement("throw null!;"));

    private readonly HashSet<string> _cleanTexts = new(StringComparer.Ordinal);

    /// <summary>Kernel classes seen and compiled cleanly so far.</summary>
    public int Count => _cleanTexts.Count;

    /// <summary>
    /// The compilation to check: every generated tree with its already-verified kernels stubbed and its other kernels
    /// marked, so that <see cref="Remember"/> can find them afterwards.
    /// </summary>
    public Compilation StubVerified(Compilation output, Func<SyntaxTree, bool> isGenerated)
    {
        foreach (SyntaxTree tree in output.SyntaxTrees.Where(isGenerated).ToList())
        {
            SyntaxNode root = tree.GetRoot();
            SourceText text = tree.GetText();
            List<ClassDeclarationSyntax> kernels = KernelClasses(root).ToList();
            if (kernels.Count == 0) continue;
            SyntaxNode checkedRoot = root.ReplaceNodes(kernels, (original, _) =>
                _cleanTexts.Contains(text.ToString(original.FullSpan)) ? Stub(original) : original.WithAdditionalAnnotations(s_fresh));
            output = output.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(checkedRoot, tree.Options));
        }
        return output;
    }

    /// <summary>Records the kernels compiled in full in <paramref name="cleanTree"/>, a generated tree without errors.</summary>
    public void Remember(SyntaxTree cleanTree)
    {
        SourceText text = cleanTree.GetText();
        foreach (SyntaxNode kernel in cleanTree.GetRoot().GetAnnotatedNodes(s_fresh)) _cleanTexts.Add(text.ToString(kernel.FullSpan));
    }

    private static IEnumerable<ClassDeclarationSyntax> KernelClasses(SyntaxNode root) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax)
            .OfType<ClassDeclarationSyntax>()
            .Where(c => c.Parent is ClassDeclarationSyntax { Identifier.ValueText: "Kernels" });

    private static ClassDeclarationSyntax Stub(ClassDeclarationSyntax kernel) => kernel.ReplaceNodes(
        kernel.DescendantNodes(node => node is ClassDeclarationSyntax).OfType<MethodDeclarationSyntax>(),
        (method, _) => method.WithBody(s_stubBody).WithExpressionBody(null).WithSemicolonToken(default));
}
