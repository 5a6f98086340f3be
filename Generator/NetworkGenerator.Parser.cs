using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Passes;
using NetGen.Generator.Reading;

namespace NetGen.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Turns the attributes of one class into a <see cref="NetworkSpec"/>: reads the arguments, infers every shape,
    /// lays out the parameters and decides every buffer. Every mistake becomes a diagnostic on its attribute;
    /// the emitter that follows only formats.
    /// </summary>
    internal sealed class Parser
    {
        private const string Namespace = "NetGen";


        private readonly List<DiagnosticInfo> _diagnostics = new();

        /// <summary>Called inside the guarded region before each network is parsed; tests use it to inject a fault.</summary>
        internal static Action<string>? BeforeParse;

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var parser = new Parser();
            try
            {
                BeforeParse?.Invoke(context.TargetSymbol.Name);
                // [Network] binds to any type declaration (C# reports CS0592 for most of them, but not for a record);
                // say once, on the type, that a network is a partial class.
                if (context.TargetNode is not ClassDeclarationSyntax declaration)
                {
                    var notAClass = DiagnosticInfo.Create(DiagnosticDescriptors.NetworkNotAClass, IdentifierLocation(context.TargetNode),
                        context.TargetSymbol.Name, TypeKindDescription(context.TargetNode));
                    return new ParseResult(null, new[] { notAClass }.ToEquatableArray());
                }
                NetworkSpec? spec = parser.ParseNetwork((INamedTypeSymbol)context.TargetSymbol, declaration, cancellationToken);
                // Warnings (NG0014) do not stop generation; any error does.
                bool hasErrors = parser._diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
                // A Debug build of the consuming project compiles the kernels without optimization (several times
                // slower): NG0140 on each network that generates, and the generated code makes Fit say so once. Read
                // here, per network, so that a Release build's results carry no location (moving a class stays cached).
                if (!hasErrors && spec is not null && context.SemanticModel.Compilation.Options.OptimizationLevel == OptimizationLevel.Debug)
                {
                    parser.Report(DiagnosticDescriptors.UnoptimizedBuild, ((ClassDeclarationSyntax)context.TargetNode).Identifier.GetLocation(), spec.ClassName);
                    spec = spec with { CompiledWithoutOptimization = true };
                }
                return new ParseResult(hasErrors ? null : spec, parser._diagnostics.ToEquatableArray());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var internalError = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, IdentifierLocation(context.TargetNode),
                    context.TargetSymbol.Name, DescribeException(exception));
                return new ParseResult(null, new[] { internalError }.ToEquatableArray());
            }
        }

        private static Location IdentifierLocation(SyntaxNode node) => node switch
        {
            BaseTypeDeclarationSyntax type => type.Identifier.GetLocation(),
            DelegateDeclarationSyntax @delegate => @delegate.Identifier.GetLocation(),
            _ => node.GetLocation(),
        };

        /// <summary>"a record", "a struct", …: what the declaration is, for NG0123.</summary>
        private static string TypeKindDescription(SyntaxNode node) => node switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "a record struct",
            RecordDeclarationSyntax => "a record",
            StructDeclarationSyntax => "a struct",
            InterfaceDeclarationSyntax => "an interface",
            EnumDeclarationSyntax => "an enum",
            DelegateDeclarationSyntax => "a delegate",
            _ => "not a class",
        };

        private NetworkSpec? ParseNetwork(INamedTypeSymbol type, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            Location classLocation = declaration.Identifier.GetLocation();
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                Report(DiagnosticDescriptors.NotPartial, classLocation, type.Name);
            if (type.ContainingType is not null)
                Report(DiagnosticDescriptors.UnsupportedClass, classLocation, type.Name, "it is nested in another type; declare the network at namespace level");
            if (type.IsGenericType)
                Report(DiagnosticDescriptors.UnsupportedClass, classLocation, type.Name, "it is generic");
            if (type.IsStatic || type.IsAbstract)
                Report(DiagnosticDescriptors.UnsupportedClass, classLocation, type.Name, "it is static or abstract; a network is instantiated");
            if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && !IsRuntimeModel(baseType))
                Report(DiagnosticDescriptors.UnsupportedClass, classLocation, type.Name,
                    $"it derives from '{baseType.ToDisplayString()}'; the generated part derives from NetGen.Model");

            // An attribute whose arguments do not compile already has a compiler error; generate nothing until it is fixed.
            if (type.GetAttributes().Any(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == Namespace && a.AttributeConstructor is null))
                return null;

            // Pass 1, read: each attribute into an input, a layer spec (by its family's reader) or the compile options.
            var inputs = new List<InputSpec>();
            var inputAttributes = new List<(LayerAttributeData Attribute, string? Name)>();
            var layers = new List<LayerNode>();
            LayerAttributeData? compile = null;
            bool readable = true;
            bool layerSeen = false, severalInputsReported = false, inputsInvalid = false;
            foreach ((AttributeData data, AttributeSyntax syntax) in ReadAttributes(type, declaration, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var attribute = new LayerAttributeData(data, Describe(syntax), syntax.GetLocation(), _diagnostics);
                // Sizes past NetGen's limit and names Keras refuses stop here, before any reader multiplies or emits them.
                if (!ArgumentChecks.Check(attribute))
                {
                    if (attribute.Kind == "InputAttribute") inputsInvalid = true;
                    else layerSeen = true;
                    readable = false;
                    continue;
                }
                if (attribute.Kind == "CompileAttribute")
                {
                    compile = attribute;
                    continue;
                }
                if (attribute.Kind == "InputAttribute")
                {
                    if (layerSeen)
                    {
                        attribute.Report(DiagnosticDescriptors.MisplacedInput, "found it after a layer");
                        readable = false;
                    }
                    else if (inputs.Count > 0 && !(IsNamedInput(attribute) && IsNamedInput(inputAttributes[0].Attribute)))
                    {
                        // Reported once, on the unnamed [Input]: this one, or the first when only it lacks a name.
                        if (!severalInputsReported)
                        {
                            if (IsNamedInput(attribute))
                                inputAttributes[0].Attribute.Report(DiagnosticDescriptors.MisplacedInput,
                                    $"found a second [Input] ({attribute.Text}) after this unnamed one: name each, e.g. [Input(\"wide\", 5)] [Input(\"deep\", 6)]");
                            else
                                attribute.Report(DiagnosticDescriptors.MisplacedInput,
                                    "found a second [Input] without a name: name each, e.g. [Input(\"wide\", 5)] [Input(\"deep\", 6)]");
                        }
                        severalInputsReported = true;
                        readable = false;
                    }
                    else if (ReadInput(attribute, inputs.Count) is { } input)
                    {
                        inputs.Add(input);
                        inputAttributes.Add((attribute, input.Name));
                    }
                    else
                    {
                        readable = false;
                        inputsInvalid = true;
                    }
                    continue;
                }
                layerSeen = true;
                if (inputs.Count == 0)
                {
                    // An [Input] that was declared but is invalid has its own diagnostic; NG0002 is for no [Input] at all.
                    if (readable && !inputsInvalid) Report(DiagnosticDescriptors.MissingInput, attribute.Location, type.Name);
                    readable = false;
                }
                LayerReader reader = LayerReader.For(attribute.Kind)!;
                LayerSpec? spec = reader.Read(attribute);
                if (spec is null) readable = false;
                else layers.Add(new LayerNode(attribute, reader, spec));
            }
            if (inputs.Count == 0 && layers.Count == 0 && readable)
                Report(DiagnosticDescriptors.MissingInput, classLocation, type.Name);
            else if (inputs.Count > 0 && layers.Count == 0 && readable)
                Report(DiagnosticDescriptors.NoLayers, classLocation, type.Name);
            // A network that only predicts needs no loss or optimizer: its [Compile], if any, is not read (NG0017).
            LayerAttributeData? network = NetworkAttributeData(type, cancellationToken);
            bool inferenceOnly = network is not null && network.Named("InferenceOnly", false);
            if (inferenceOnly && compile is not null)
            {
                compile.Report(DiagnosticDescriptors.CompileWithoutEffect, type.Name);
                compile = null;
            }
            else if (!inferenceOnly && compile is null)
            {
                Report(DiagnosticDescriptors.MissingCompile, classLocation, type.Name);
                return null;
            }
            if (!readable || inputs.Count == 0 || layers.Count == 0) return null;

            // The outputs: [Network(Outputs = …)] (Keras's Model(outputs=[…])), else the last layer (Keras's Sequential rule).
            string[]? outputNames = network is not null && network.HasNamed("Outputs") ? NamedStrings(network, "Outputs") : null;

            // Pass 2, graph: names, what each layer reads, cycles, unused inputs. Pass 3, shapes. Pass 4, layout.
            if (!GraphBuilder.Build(inputs, inputAttributes, layers, outputNames)) return null;
            List<LayerNode>? outputs = ResolveOutputs(network, outputNames, layers);
            if (outputs is null) return null;
            cancellationToken.ThrowIfCancellationRequested();
            if (!SequenceChecks.Check(inputs, layers)) return null;
            if (!ShapeInference.Infer(inputs, layers, inputAttributes.Select(input => input.Attribute).ToList())) return null;
            if (ParameterLayout.Lay(inputs.Count, layers) is not var (weights, parameterCount, trainableCount)) return null;

            List<(LossSpec Loss, double Weight)>? losses;
            OptimizerSpec? optimizer;
            EquatableArray<MetricKind> metrics;
            if (compile is null)
            {
                // Inference only: nothing reads a loss or an optimizer; these only fill the spec (no output is fused).
                losses = outputs.Select(_ => (LossSpec.Unused, 1.0)).ToList();
                optimizer = OptimizerSpec.Unused;
                metrics = EquatableArray<MetricKind>.Empty;
            }
            else
            {
                losses = CompileReader.OutputLosses(compile, outputs.Select(output => output.Spec).ToList());
                optimizer = CompileReader.Optimizer(compile);
                metrics = CompileReader.Metrics(compile);
                if (losses is null || optimizer is null || losses.Any(loss => !CompileReader.MetricsFitTheLabels(compile, metrics, loss.Loss))) return null;
            }

            // Mark each output layer whose logits its loss reads.
            for (int k = 0; k < outputs.Count; k++)
            {
                LayerNode output = outputs[k];
                if (losses[k].Loss.Input != LossInput.FusedActivationLogits) continue;
                if (output.Spec is DenseSpec { ActivityRegularizer: not null } regularized)
                {
                    output.Attribute.Report(DiagnosticDescriptors.ActivityRegularizerOnFusedOutput, regularized.AttributeText,
                        regularized.Name, regularized.Activation.ToString().ToLowerInvariant());
                    return null;
                }
                output.Spec = output.Spec switch
                {
                    DenseSpec dense => dense with { FusedWithLoss = true },
                    ActivationLayerSpec activation => activation with { FusedWithLoss = true },
                    var other => other,
                };
            }
            LossSpec loss = losses[0].Loss;
            var outputSpecs = outputs.Select((output, k) => new OutputSpec(output.Spec.Name, output.Spec.Index, output.Spec.OutputShape.Size, losses[k].Loss, losses[k].Weight));

            bool isGraph = inputs.Count > 1 || inputAttributes.Any(input => input.Attribute.Argument(0).Kind == TypedConstantKind.Primitive)
                || layers.Any(node => node.Spec is MergeSpec || node.Attribute.HasNamed("From"));
            return new NetworkSpec
            {
                Namespace = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                ClassName = type.Name,
                Accessibility = AccessibilityKeyword(type.DeclaredAccessibility),
                Inputs = inputs.ToEquatableArray(),
                IsGraph = isGraph,
                Layers = layers.Select(node => node.Spec).ToEquatableArray(),
                Weights = weights.ToEquatableArray(),
                ParameterCount = parameterCount,
                TrainableParameterCount = trainableCount,
                Loss = loss,
                Outputs = outputSpecs.ToEquatableArray(),
                Optimizer = optimizer,
                Metrics = metrics,
                CompileAttributeText = compile?.Text ?? "",
                InferenceOnly = inferenceOnly,
            };
        }

        /// <summary>The class's <c>[Network]</c> attribute, for its options and as the place of their diagnostics.</summary>
        private LayerAttributeData? NetworkAttributeData(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (AttributeData data in type.GetAttributes())
            {
                if (data.AttributeClass?.ToDisplayString() != NetworkAttributeName) continue;
                if (data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax) return null;
                return new LayerAttributeData(data, Describe(syntax), syntax.GetLocation(), _diagnostics);
            }
            return null;
        }

        /// <summary>The string array named argument <paramref name="name"/> (empty for null; null entries become "").</summary>
        private static string[] NamedStrings(LayerAttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.Data.NamedArguments)
            {
                if (argument.Key != name || argument.Value.Kind != TypedConstantKind.Array || argument.Value.IsNull) continue;
                return argument.Value.Values.Select(value => value.Value as string ?? "").ToArray();
            }
            return Array.Empty<string>();
        }

        /// <summary>
        /// The output layers: those <paramref name="names"/> lists, in its order (NG0015 for an empty, unknown or repeated
        /// name, NG0016 for an output another layer reads), else the last layer. Null after a diagnostic.
        /// </summary>
        private static List<LayerNode>? ResolveOutputs(LayerAttributeData? network, string[]? names, List<LayerNode> layers)
        {
            if (names is null || network is null) return new List<LayerNode> { layers[layers.Count - 1] };
            if (names.Length == 0)
            {
                network.Report(DiagnosticDescriptors.InvalidOutputs, network.Text, "Outputs names no layer; name at least one, or leave it out to make the last layer the output");
                return null;
            }
            var outputs = new List<LayerNode>();
            bool valid = true;
            foreach (string name in names)
            {
                LayerNode? node = layers.FirstOrDefault(layer => layer.Spec.Name == name);
                if (node is null)
                {
                    string known = string.Join(", ", layers.Select(layer => "'" + layer.Spec.Name + "'"));
                    network.Report(DiagnosticDescriptors.InvalidOutputs, network.Text,
                        name.Length == 0 ? "an output name is empty" : $"no layer is named '{name}'; the layers are {known}");
                    valid = false;
                }
                else if (outputs.Contains(node))
                {
                    network.Report(DiagnosticDescriptors.InvalidOutputs, network.Text, $"'{name}' is named twice; each output is listed once");
                    valid = false;
                }
                else outputs.Add(node);
            }
            if (!valid) return null;
            foreach (LayerNode output in outputs)
            {
                if (layers.FirstOrDefault(layer => layer.Spec.Inputs.Contains(output.Spec.Index)) is { } reader)
                {
                    network.Report(DiagnosticDescriptors.OutputReadByLayer, network.Text, output.Spec.Name, reader.Spec.Name);
                    valid = false;
                }
            }
            return valid ? outputs : null;
        }

        private List<(AttributeData, AttributeSyntax)> ReadAttributes(INamedTypeSymbol type, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            // Roslyn keeps attributes in source order within one declaration; across partial declarations the order
            // is not defined, so every NetGen attribute must sit on the declaration that carries [Network].
            var result = new List<(AttributeData, AttributeSyntax)>();
            foreach (AttributeData data in type.GetAttributes())
            {
                if (data.AttributeClass is not { } attributeClass
                    || data.AttributeConstructor is null
                    || attributeClass.ContainingNamespace?.ToDisplayString() != Namespace
                    || (attributeClass.Name is not ("InputAttribute" or "CompileAttribute") && LayerReader.For(attributeClass.Name) is null)
                    || data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
                    continue;
                if (syntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(syntax.Span))
                {
                    Report(DiagnosticDescriptors.SplitDeclaration, syntax.GetLocation(), type.Name);
                    continue;
                }
                result.Add((data, syntax));
            }
            result.Sort((a, b) => a.Item2.SpanStart.CompareTo(b.Item2.SpanStart));
            return result;
        }

        /// <summary>Whether an <c>[Input]</c> is <c>[Input("name", d0, …)]</c> rather than <c>[Input(d0, …)]</c>.</summary>
        private static bool IsNamedInput(LayerAttributeData attribute) => attribute.Argument(0).Kind == TypedConstantKind.Primitive;

        /// <summary>Reads <c>[Input(d0, …)]</c> or <c>[Input("name", d0, …)]</c> as node <paramref name="index"/>.</summary>
        private static InputSpec? ReadInput(LayerAttributeData attribute, int index)
        {
            // [Input((int[])null)] compiles (with a nullable warning); its array constant has no values.
            bool named = IsNamedInput(attribute);
            string name = named ? attribute.Argument(0).Value as string ?? "" : "input";
            int[] dims = attribute.Ints(named ? 1 : 0);
            if (name.Length == 0)
            {
                attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, "the input's name must not be empty");
                return null;
            }
            if (dims.Length == 0)
            {
                attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, "the input shape needs at least one dimension, e.g. [Input(784)]");
                return null;
            }
            if (dims.Any(d => d <= 0))
            {
                attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"every input dimension must be positive; found ({string.Join(", ", dims)})");
                return null;
            }
            // InputType mirrors the runtime enum: 0 Float, 1 TokenIds.
            int inputType = attribute.Named("Type", 0);
            if (inputType is not (0 or 1))
            {
                attribute.Report(DiagnosticDescriptors.InvalidArgument, attribute.Text, $"unknown input type value {inputType}");
                return null;
            }
            return new InputSpec(index, name, TensorShape.Of(dims), attribute.Text) { TokenIds = inputType == 1 };
        }

        private static bool IsRuntimeModel(INamedTypeSymbol type) => type.Name == "Model" && type.ContainingNamespace?.ToDisplayString() == Namespace;

        private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            _ => "",
        };

        /// <summary>The attribute as written, on one line: <c>[Dense(128, Activation.Relu)]</c>.</summary>
        private static string Describe(AttributeSyntax syntax) => "[" + Regex.Replace(syntax.ToString(), @"\s+", " ") + "]";

        private void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }
}
