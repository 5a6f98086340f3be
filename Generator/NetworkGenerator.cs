using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator;

/// <summary>
/// Generates the training code of every <c>[Network]</c> class: attributes → <see cref="NetworkSpec"/> (parse,
/// shape inference, layout) → one C# file per network (emit).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    internal const string NetworkAttributeName = "NetGen.NetworkAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One item per [Network] class. The transform must return something value-equal that references nothing
        // from the compilation (no symbols, syntax nodes, locations), or every keystroke would re-run the emitter
        // and keep old compilations alive. Parsing, shape inference and layout all happen here, per network, so
        // that editing one network never touches another (there is no Collect()).
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkAttributeName,
                static (node, _) => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // Diagnostics travel separately from the output model, so a diagnostic change never regenerates source
        // and moving the class (which moves every location) leaves the output cached.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (productionContext, items) =>
        {
            foreach (DiagnosticInfo item in items) productionContext.ReportDiagnostic(item.ToDiagnostic());
        });

        IncrementalValuesProvider<NetworkSpec> specs = results
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Output);
        context.RegisterSourceOutput(specs, static (productionContext, spec) =>
        {
            string source;
            try
            {
                source = new Emitter(Planner.Plan(spec), unoptimized: spec.CompiledWithoutOptimization).Emit();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                productionContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.ClassName, DescribeException(exception)));
                return;
            }
            productionContext.AddSource(spec.HintName, source);
        });
    }

    internal static string DescribeException(Exception exception)
    {
        string trace = exception.StackTrace ?? "";
        string[] frames = trace.Split('\n');
        string top = string.Join(" | ", frames, 0, Math.Min(3, frames.Length)).Replace("\r", "").Trim();
        return exception.GetType().Name + ": " + exception.Message + (top.Length > 0 ? " at " + top : "");
    }

    /// <summary>The names of the tracked pipeline steps, asserted by the incrementality tests.</summary>
    internal static class TrackingNames
    {
        public const string Parse = nameof(Parse);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Output = nameof(Output);
    }

    /// <summary>The result of parsing one network: its spec (null when it has errors) and its diagnostics.</summary>
    internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
