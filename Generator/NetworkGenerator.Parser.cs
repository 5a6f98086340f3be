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

        /// <summary>The largest flat parameter buffer (float[] and Span lengths are int).</summary>
        private const long MaxParameters = int.MaxValue / 4;
        private static readonly HashSet<string> LayerAttributes = new() { "InputAttribute", "FlattenAttribute", "DenseAttribute", "DropoutAttribute", "ActivationAttribute", "CompileAttribute", "LeakyReLUAttribute", "BatchNormalizationAttribute" };

        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly Dictionary<string, int> _nameCounters = new();
        private readonly HashSet<string> _usedNames = new();
        private readonly Dictionary<int, Location> _layerLocations = new();
        private string _className = "";

        /// <summary>Called inside the guarded region before each network is parsed; tests use it to inject a fault.</summary>
        internal static Action<string>? BeforeParse;

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var parser = new Parser();
            try
            {
                BeforeParse?.Invoke(context.TargetSymbol.Name);
                NetworkSpec? spec = parser.ParseNetwork((INamedTypeSymbol)context.TargetSymbol, (ClassDeclarationSyntax)context.TargetNode, cancellationToken);
                return new ParseResult(parser._diagnostics.Count == 0 ? spec : null, parser._diagnostics.ToEquatableArray());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var internalError = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, ((ClassDeclarationSyntax)context.TargetNode).Identifier.GetLocation(),
                    context.TargetSymbol.Name, DescribeException(exception));
                return new ParseResult(null, new[] { internalError }.ToEquatableArray());
            }
        }

        private NetworkSpec? ParseNetwork(INamedTypeSymbol type, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            _className = type.Name;
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
            List<(AttributeData Data, AttributeSyntax Syntax)> attributes = ReadAttributes(type, declaration, cancellationToken);
            var layers = new List<LayerSpec>();
            var weights = new List<WeightSpec>();
            TensorShape? input = null;
            string inputText = "";
            AttributeData? compile = null;
            AttributeSyntax? compileSyntax = null;
            // Trainable weights fill the head of the flat buffer in layer order; the non-trainable ones (moving
            // statistics, frozen layers) get offsets in a tail of their own, moved behind the head once it is complete.
            int parameterCount = 0;
            int trainableCount = 0;
            int index = 0;
            bool sawLayer = false;
            bool shapeKnown = true;

            foreach ((AttributeData data, AttributeSyntax syntax) in attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = data.AttributeClass!.Name;
                string text = Describe(syntax);
                Location location = syntax.GetLocation();
                if (name == "CompileAttribute")
                {
                    compile = data;
                    compileSyntax = syntax;
                    continue;
                }
                if (name == "InputAttribute")
                {
                    if (input is not null)
                        Report(DiagnosticDescriptors.MisplacedInput, location, "found a second [Input]; networks with several inputs are not supported yet");
                    else if (sawLayer)
                        Report(DiagnosticDescriptors.MisplacedInput, location, "found it after a layer");
                    else
                    {
                        input = ParseInput(data, text, location);
                        inputText = text;
                    }
                    continue;
                }

                sawLayer = true;
                index++;
                if (input is null || !shapeKnown)
                {
                    if (input is null && index == 1)
                        Report(DiagnosticDescriptors.MissingInput, location, type.Name);
                    shapeKnown = false;
                    continue;
                }
                TensorShape inShape = layers.Count == 0 ? input.Value : layers[layers.Count - 1].OutputShape;
                bool needsInputGradient = trainableCount > 0;
                LayerSpec? layer = name switch
                {
                    "FlattenAttribute" => ParseFlatten(data, text, index, inShape, needsInputGradient),
                    "DenseAttribute" => ParseDense(data, text, location, index, inShape, needsInputGradient, trainableCount, weights),
                    "DropoutAttribute" => ParseDropout(data, text, location, index, inShape, needsInputGradient),
                    "ActivationAttribute" => ParseActivation(data, text, location, index, inShape, needsInputGradient),
                    "LeakyReLUAttribute" => ParseLeakyRelu(data, text, location, index, inShape, needsInputGradient),
                    "BatchNormalizationAttribute" => ParseBatchNormalization(data, text, location, index, inShape, needsInputGradient, trainableCount, parameterCount - trainableCount, weights),
                    _ => null,
                };
                if (layer is null)
                {
                    shapeKnown = false;
                    continue;
                }
                parameterCount += layer.ParameterCount;
                trainableCount += layer.TrainableParameterCount;
                layers.Add(layer);
                _layerLocations[index] = location;
            }

            if (input is null && !sawLayer)
                Report(DiagnosticDescriptors.MissingInput, classLocation, type.Name);
            else if (input is not null && !sawLayer)
                Report(DiagnosticDescriptors.NoLayers, classLocation, type.Name);
            if (compile is null)
            {
                Report(DiagnosticDescriptors.MissingCompile, classLocation, type.Name);
                return null;
            }
            if (input is null || layers.Count == 0 || !shapeKnown) return null;

            LossSpec? loss = ParseLoss(compile, compileSyntax!, layers);
            OptimizerSpec? optimizer = ParseOptimizer(compile, compileSyntax!);
            EquatableArray<MetricKind> metrics = ParseMetrics(compile, compileSyntax!);
            if (loss is null || optimizer is null || !MetricsFitTheLabels(metrics, loss, compileSyntax!)) return null;

            // Mark the output layer whose logits the loss reads.
            if (loss.Input == LossInput.FusedActivationLogits)
            {
                if (layers[layers.Count - 1] is DenseSpec { ActivityRegularizer: not null } regularized)
                {
                    Report(DiagnosticDescriptors.ActivityRegularizerOnFusedOutput, _layerLocations[regularized.Index], regularized.AttributeText,
                        regularized.Name, regularized.Activation.ToString().ToLowerInvariant());
                    return null;
                }
                layers[layers.Count - 1] = layers[layers.Count - 1] switch
                {
                    DenseSpec dense => dense with { FusedWithLoss = true },
                    ActivationLayerSpec activation => activation with { FusedWithLoss = true },
                    var other => other,
                };
            }

            return new NetworkSpec
            {
                Namespace = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                ClassName = type.Name,
                Accessibility = AccessibilityKeyword(type.DeclaredAccessibility),
                InputShape = input.Value,
                InputAttributeText = inputText,
                Layers = layers.ToEquatableArray(),
                Weights = weights.Select(w => w.Trainable ? w : w with { Offset = trainableCount + w.Offset }).ToEquatableArray(),
                ParameterCount = parameterCount,
                TrainableParameterCount = trainableCount,
                Loss = loss,
                Optimizer = optimizer,
                Metrics = metrics,
                CompileAttributeText = Describe(compileSyntax!),
            };
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
                    || !LayerAttributes.Contains(attributeClass.Name)
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

        private TensorShape? ParseInput(AttributeData data, string text, Location location)
        {
            // [Input(null)] compiles (with a nullable warning); its array constant has no values.
            int[] dims = data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Kind == TypedConstantKind.Array && !data.ConstructorArguments[0].IsNull
                ? data.ConstructorArguments[0].Values.Select(v => v.Value is int i ? i : 0).ToArray()
                : Array.Empty<int>();
            if (dims.Length == 0)
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text, "the input shape needs at least one dimension, e.g. [Input(784)]");
                return null;
            }
            if (dims.Any(d => d <= 0))
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text, $"every input dimension must be positive; found ({string.Join(", ", dims)})");
                return null;
            }
            return TensorShape.Of(dims);
        }

        private LayerSpec ParseFlatten(AttributeData data, string text, int index, TensorShape input, bool needsInputGradient) => new FlattenSpec
        {
            Index = index,
            Name = LayerName(data, "flatten"),
            AttributeText = text,
            InputShape = input,
            OutputShape = TensorShape.Of(input.Size),
            ParameterCount = 0,
            NeedsInputGradient = needsInputGradient,
        };

        private LayerSpec? ParseDense(AttributeData data, string text, Location location, int index, TensorShape input, bool needsInputGradient, int offset, List<WeightSpec> weights)
        {
            int units = (int)data.ConstructorArguments[0].Value!;
            ActivationKind? activation = EnumArgument<ActivationKind>(data.ConstructorArguments[1], text, location, "activation");
            bool useBias = Named(data, "UseBias", true);
            InitializerKind? kernelInit = EnumNamed(data, "KernelInitializer", InitializerKind.GlorotUniform, text, location);
            InitializerKind? biasInit = EnumNamed(data, "BiasInitializer", InitializerKind.Zeros, text, location);
            string name = LayerName(data, "dense");
            bool valid = activation is not null && kernelInit is not null && biasInit is not null;
            RegularizerSpec? kernelRegularizer = ParseRegularizer(data, "Kernel", text, location, ref valid);
            RegularizerSpec? biasRegularizer = ParseRegularizer(data, "Bias", text, location, ref valid);
            RegularizerSpec? activityRegularizer = ParseRegularizer(data, "Activity", text, location, ref valid);
            InitializerArgumentsSpec? kernelArguments = kernelInit is null ? null : ParseInitializerArguments(data, "Kernel", kernelInit.Value, text, location, ref valid);
            InitializerArgumentsSpec? biasArguments = biasInit is null || !useBias ? null : ParseInitializerArguments(data, "Bias", biasInit.Value, text, location, ref valid);
            if (units <= 0)
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text, $"units must be positive; found {units}");
                valid = false;
            }
            if (input.Rank != 1)
            {
                Report(DiagnosticDescriptors.DenseNeedsFlat, location, text, input.WithBatch);
                valid = false;
            }
            // Keras silently ignores bias_initializer / bias_regularizer with use_bias=False; here they are a mistake.
            if (!useBias)
                valid &= CheckAbsentWeightOptions(data, text, location, "Bias", "bias", "UseBias = false", "UseBias = true");
            if (!valid) return null;

            int inUnits = input.Last;
            long parameters = (long)inUnits * units + (useBias ? units : 0);
            if (offset + parameters > MaxParameters)
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text,
                    "the network would have " + (offset + parameters).ToString("N0", CultureInfo.InvariantCulture) + " parameters; NetGen's flat parameter buffer holds at most " + MaxParameters.ToString("N0", CultureInfo.InvariantCulture));
                return null;
            }
            int kernelLength = inUnits * units;
            int biasOffset = offset + kernelLength;
            string prefix = "L" + index;
            weights.Add(new WeightSpec(name + "/kernel", prefix + "_W", new[] { inUnits, units }.ToEquatableArray(), offset, kernelLength, kernelInit!.Value, inUnits, units) { Arguments = kernelArguments });
            if (useBias)
                weights.Add(new WeightSpec(name + "/bias", prefix + "_B", new[] { units }.ToEquatableArray(), biasOffset, units, biasInit!.Value, units, units) { Arguments = biasArguments });
            return new DenseSpec
            {
                Index = index,
                Name = name,
                AttributeText = text,
                InputShape = input,
                OutputShape = TensorShape.Of(units),
                ParameterCount = kernelLength + (useBias ? units : 0),
                NeedsInputGradient = needsInputGradient,
                Units = units,
                Activation = activation!.Value,
                UseBias = useBias,
                KernelOffset = offset,
                BiasOffset = useBias ? biasOffset : -1,
                FusedWithLoss = false,
                KernelRegularizer = kernelRegularizer,
                BiasRegularizer = useBias ? biasRegularizer : null,
                ActivityRegularizer = activityRegularizer,
            };
        }

        /// <summary>
        /// NG0024 when a named argument starting with <paramref name="prefix"/> (e.g. <c>BiasL2</c>) configures a weight
        /// the layer does not create; true when there is none.
        /// </summary>
        private bool CheckAbsentWeightOptions(AttributeData data, string text, Location location, string prefix, string weight, string reason, string fix)
        {
            string[] options = data.NamedArguments.Select(a => a.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            if (options.Length == 0) return true;
            Report(DiagnosticDescriptors.OptionForAbsentWeight, location, text, string.Join(", ", options), weight, reason, options.Length == 1 ? "it" : "them", fix);
            return false;
        }

        /// <summary>The <c>{prefix}L1</c> / <c>{prefix}L2</c> pair as a regularizer (null when both are 0); a bad factor is NG0020.</summary>
        private RegularizerSpec? ParseRegularizer(AttributeData data, string prefix, string text, Location location, ref bool valid)
        {
            double l1 = Named(data, prefix + "L1", 0.0), l2 = Named(data, prefix + "L2", 0.0);
            bool ok = true;
            foreach ((string property, double factor) in new[] { (prefix + "L1", l1), (prefix + "L2", l2) })
            {
                if (factor >= 0 && !double.IsInfinity(factor)) continue;
                Report(DiagnosticDescriptors.InvalidRegularizer, location, text, property, Format(factor));
                ok = false;
            }
            valid &= ok;
            return ok ? RegularizerSpec.Of(l1, l2) : null;
        }

        /// <summary>
        /// The arguments of the <c>{prefix}Initializer</c> (Kernel or Bias), or null when it takes none. An argument
        /// set for an initializer that does not read it, a bad value, or Orthogonal on a bias is NG0022.
        /// </summary>
        private InitializerArgumentsSpec? ParseInitializerArguments(AttributeData data, string prefix, InitializerKind kind, string text, Location location, ref bool valid)
        {
            string[] uses = kind switch
            {
                InitializerKind.Constant => new[] { "Constant" },
                InitializerKind.RandomUniform => new[] { "MinVal", "MaxVal" },
                InitializerKind.RandomNormal => new[] { "Mean", "Stddev" },
                InitializerKind.Orthogonal => new[] { "Gain" },
                _ => Array.Empty<string>(),
            };
            bool ok = true;
            void Fail(string message)
            {
                Report(DiagnosticDescriptors.InvalidInitializerArgument, location, text, message);
                ok = false;
            }
            foreach (string argument in new[] { "Constant", "MinVal", "MaxVal", "Mean", "Stddev", "Gain" })
            {
                string property = prefix + argument;
                if (data.NamedArguments.Any(a => a.Key == property) && !uses.Contains(argument))
                    Fail($"{property} applies to Initializer.{ArgumentOwner(argument)} only; {prefix}Initializer is Initializer.{kind}");
            }
            double value = Named(data, prefix + "Constant", 0.0), minVal = Named(data, prefix + "MinVal", -0.05), maxVal = Named(data, prefix + "MaxVal", 0.05);
            double mean = Named(data, prefix + "Mean", 0.0), stddev = Named(data, prefix + "Stddev", 0.05), gain = Named(data, prefix + "Gain", 1.0);
            if (kind == InitializerKind.Orthogonal && prefix == "Bias")
                Fail("Initializer.Orthogonal needs a weight of rank 2 or more; the bias has rank 1");
            foreach ((string argument, double number) in new[] { ("Constant", value), ("MinVal", minVal), ("MaxVal", maxVal), ("Mean", mean), ("Stddev", stddev), ("Gain", gain) })
            {
                if (uses.Contains(argument) && (double.IsNaN(number) || double.IsInfinity(number)))
                    Fail($"{prefix}{argument} must be a finite number; found {Format(number)}");
            }
            if (kind == InitializerKind.RandomUniform && minVal > maxVal)
                Fail($"{prefix}MinVal must not exceed {prefix}MaxVal; found {Format(minVal)} > {Format(maxVal)}");
            if (kind == InitializerKind.RandomNormal && stddev < 0)
                Fail($"{prefix}Stddev must be non-negative; found {Format(stddev)}");
            valid &= ok;
            return ok && uses.Length > 0 ? new InitializerArgumentsSpec(value, minVal, maxVal, mean, stddev, gain) : null;
        }

        private static string ArgumentOwner(string argument) => argument switch
        {
            "Constant" => nameof(InitializerKind.Constant),
            "MinVal" or "MaxVal" => nameof(InitializerKind.RandomUniform),
            "Mean" or "Stddev" => nameof(InitializerKind.RandomNormal),
            _ => nameof(InitializerKind.Orthogonal),
        };

        private LayerSpec? ParseDropout(AttributeData data, string text, Location location, int index, TensorShape input, bool needsInputGradient)
        {
            double rate = Convert.ToDouble(data.ConstructorArguments[0].Value, CultureInfo.InvariantCulture);
            if (!(rate >= 0 && rate < 1))
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text, $"the rate must be in [0, 1); found {rate.ToString("R", CultureInfo.InvariantCulture)}");
                return null;
            }
            return new DropoutSpec
            {
                Index = index,
                Name = LayerName(data, "dropout"),
                AttributeText = text,
                InputShape = input,
                OutputShape = input,
                ParameterCount = 0,
                NeedsInputGradient = needsInputGradient,
                Rate = rate,
            };
        }

        private LayerSpec? ParseBatchNormalization(AttributeData data, string text, Location location, int index, TensorShape input, bool needsInputGradient,
            int trainableOffset, int nonTrainableOffset, List<WeightSpec> weights)
        {
            double momentum = Named(data, "Momentum", 0.99), epsilon = Named(data, "Epsilon", 1e-3);
            bool center = Named(data, "Center", true), scale = Named(data, "Scale", true), trainable = Named(data, "Trainable", true);
            InitializerKind? betaInit = EnumNamed(data, "BetaInitializer", InitializerKind.Zeros, text, location);
            InitializerKind? gammaInit = EnumNamed(data, "GammaInitializer", InitializerKind.Ones, text, location);
            InitializerKind? meanInit = EnumNamed(data, "MovingMeanInitializer", InitializerKind.Zeros, text, location);
            InitializerKind? varianceInit = EnumNamed(data, "MovingVarianceInitializer", InitializerKind.Ones, text, location);
            string name = LayerName(data, "batch_normalization");
            bool valid = betaInit is not null && gammaInit is not null && meanInit is not null && varianceInit is not null;
            if (!(momentum >= 0 && momentum <= 1))
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text, $"Momentum must be in [0, 1]; found {Format(momentum)}");
                valid = false;
            }
            if (!(epsilon > 0 && !double.IsInfinity(epsilon)))
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text, $"Epsilon must be a positive number; found {Format(epsilon)}");
                valid = false;
            }
            // Every BatchNormalization weight is a vector of one value per channel; Orthogonal needs rank 2 (Keras raises).
            foreach ((string property, InitializerKind? initializer) in new[] { ("GammaInitializer", gammaInit), ("BetaInitializer", betaInit), ("MovingMeanInitializer", meanInit), ("MovingVarianceInitializer", varianceInit) })
            {
                if (initializer != InitializerKind.Orthogonal) continue;
                Report(DiagnosticDescriptors.InvalidInitializerArgument, location, text,
                    $"{property} = Initializer.Orthogonal needs a weight of rank 2 or more; BatchNormalization's weights have rank 1 (one value per channel)");
                valid = false;
            }
            if (!scale)
                valid &= CheckAbsentWeightOptions(data, text, location, "Gamma", "scale gamma", "Scale = false", "Scale = true");
            if (!center)
                valid &= CheckAbsentWeightOptions(data, text, location, "Beta", "offset beta", "Center = false", "Center = true");
            // The statistics are per channel over every other axis; the kernels do that for any rank, but only the
            // rank-2 (B, C) case has the non-fused path's moving variance (K2 runs rank-4/5 through the fused op).
            if (input.Rank != 1)
            {
                Report(DiagnosticDescriptors.BatchNormalizationInput, location, text, input.WithBatch);
                valid = false;
            }
            if (!valid) return null;

            int channels = input.Last;
            int[] shape = { channels };
            string prefix = "L" + index;
            int trainableNext = trainableOffset, nonTrainableNext = nonTrainableOffset;
            void Add(string weight, string constant, InitializerKind initializer, bool isTrainable)
            {
                // Non-trainable offsets count from the start of the tail; the caller moves them behind the trainable head.
                int offset = isTrainable ? trainableNext : nonTrainableNext;
                weights.Add(new WeightSpec(name + "/" + weight, prefix + "_" + constant, shape.ToEquatableArray(), offset, channels, initializer, channels, channels, isTrainable));
                if (isTrainable) trainableNext += channels;
                else nonTrainableNext += channels;
            }
            if (scale) Add("gamma", "Gamma", gammaInit!.Value, trainable);
            if (center) Add("beta", "Beta", betaInit!.Value, trainable);
            Add("moving_mean", "MovingMean", meanInit!.Value, false);
            Add("moving_variance", "MovingVariance", varianceInit!.Value, false);
            return new BatchNormalizationSpec
            {
                Index = index,
                Name = name,
                AttributeText = text,
                InputShape = input,
                OutputShape = input,
                ParameterCount = ((scale ? 1 : 0) + (center ? 1 : 0) + 2) * channels,
                NeedsInputGradient = needsInputGradient,
                Momentum = momentum,
                Epsilon = epsilon,
                Center = center,
                Scale = scale,
                Trainable = trainable,
            };
        }

        private LayerSpec? ParseActivation(AttributeData data, string text, Location location, int index, TensorShape input, bool needsInputGradient)
        {
            ActivationKind? activation = EnumArgument<ActivationKind>(data.ConstructorArguments[0], text, location, "activation");
            if (activation is null) return null;
            return new ActivationLayerSpec
            {
                Index = index,
                Name = LayerName(data, "activation"),
                AttributeText = text,
                InputShape = input,
                OutputShape = input,
                ParameterCount = 0,
                NeedsInputGradient = needsInputGradient,
                Activation = activation.Value,
                FusedWithLoss = false,
            };
        }

        private LayerSpec? ParseLeakyRelu(AttributeData data, string text, Location location, int index, TensorShape input, bool needsInputGradient)
        {
            double alpha = Named(data, "Alpha", 0.3);
            if (!(alpha >= 0) || double.IsInfinity(alpha))
            {
                Report(DiagnosticDescriptors.InvalidLeakyReluAlpha, location, text, Format(alpha));
                return null;
            }
            return new LeakyReluSpec
            {
                Index = index,
                Name = LayerName(data, "leaky_re_lu"),
                AttributeText = text,
                InputShape = input,
                OutputShape = input,
                ParameterCount = 0,
                NeedsInputGradient = needsInputGradient,
                Alpha = alpha,
            };
        }

        private LossSpec? ParseLoss(AttributeData compile, AttributeSyntax syntax, List<LayerSpec> layers)
        {
            string text = Describe(syntax);
            Location location = syntax.GetLocation();
            LossKind? kind = EnumArgument<LossKind>(compile.ConstructorArguments[0], text, location, "loss");
            if (kind is null) return null;
            bool fromLogits = Named(compile, "FromLogits", false);
            LayerSpec output = layers[layers.Count - 1];
            ActivationKind outputActivation = output switch
            {
                DenseSpec dense => dense.Activation,
                ActivationLayerSpec activation => activation.Activation,
                _ => ActivationKind.Linear,
            };
            if (output.OutputShape.Rank != 1)
            {
                Report(DiagnosticDescriptors.LossOutputMismatch, location, kind.Value.ToString(), output.Name, output.OutputShape.WithBatch,
                    "losses need one dimension per sample here; add [Flatten] and a [Dense] output layer");
                return null;
            }
            int units = output.OutputShape.Size;
            bool crossEntropy = kind is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy or LossKind.BinaryCrossentropy;
            if ((kind is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy) && units < 2)
            {
                Report(DiagnosticDescriptors.LossOutputMismatch, location, kind.Value.ToString(), output.Name, output.OutputShape.WithBatch,
                    "a categorical cross-entropy needs one output unit per class (at least 2); for two classes with one unit use BinaryCrossentropy");
                return null;
            }
            if (fromLogits && !crossEntropy)
            {
                Report(DiagnosticDescriptors.InvalidArgument, location, text, "FromLogits applies only to cross-entropy losses");
                return null;
            }
            if (fromLogits && outputActivation is ActivationKind.Softmax or ActivationKind.Sigmoid)
            {
                Report(DiagnosticDescriptors.FromLogitsAfterActivation, location, output.Name, outputActivation.ToString().ToLowerInvariant());
                return null;
            }
            bool fusable = !fromLogits && (kind is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy
                ? outputActivation == ActivationKind.Softmax
                : kind == LossKind.BinaryCrossentropy && outputActivation == ActivationKind.Sigmoid);
            LossInput input = fusable ? LossInput.FusedActivationLogits : fromLogits ? LossInput.OutputLogits : LossInput.Output;
            double? huberDelta = ParseHuberDelta(compile, kind.Value, text, location);
            if (huberDelta is null) return null;
            return new LossSpec(kind.Value, fromLogits, input, huberDelta.Value);
        }

        /// <summary>HuberDelta (Keras's <c>delta</c>, default 1.0): set only with Loss.Huber, finite and &gt; 0; null after a diagnostic.</summary>
        private double? ParseHuberDelta(AttributeData compile, LossKind kind, string text, Location location)
        {
            double delta = Named(compile, "HuberDelta", 1.0);
            if (kind != LossKind.Huber && compile.NamedArguments.Any(a => a.Key == "HuberDelta"))
                Report(DiagnosticDescriptors.InvalidArgument, location, text, $"HuberDelta applies only to Loss.Huber; found Loss.{kind}");
            else if (!(delta > 0) || double.IsInfinity(delta))
                Report(DiagnosticDescriptors.InvalidArgument, location, text, $"HuberDelta must be a finite number > 0; found {Format(delta)}");
            else
                return delta;
            return null;
        }

        private OptimizerSpec? ParseOptimizer(AttributeData compile, AttributeSyntax syntax)
        {
            string text = Describe(syntax);
            Location location = syntax.GetLocation();
            OptimizerKind? parsed = EnumArgument<OptimizerKind>(compile.ConstructorArguments[1], text, location, "optimizer");
            if (parsed is null) return null;
            OptimizerKind kind = parsed.Value;
            bool valid = true;
            void Fail(DiagnosticDescriptor descriptor, params object[] arguments)
            {
                Report(descriptor, location, arguments);
                valid = false;
            }

            // Options the kind does not read (Keras: an unexpected keyword argument of its constructor).
            const string AdamFamily = "Optimizer.Adam, Optimizer.AdamW and Optimizer.Nadam only";
            void AppliesTo(string option, bool applies, string optimizers)
            {
                if (!applies && compile.NamedArguments.Any(a => a.Key == option))
                    Fail(DiagnosticDescriptors.OptimizerOptionNotApplicable, text, option, optimizers, kind.ToString());
            }
            AppliesTo("Momentum", kind is OptimizerKind.Sgd or OptimizerKind.RmsProp, "Optimizer.Sgd and Optimizer.RmsProp only");
            AppliesTo("Nesterov", kind is OptimizerKind.Sgd, "Optimizer.Sgd only");
            AppliesTo("Beta1", kind is OptimizerKind.Adam or OptimizerKind.AdamW or OptimizerKind.Nadam, AdamFamily);
            AppliesTo("Beta2", kind is OptimizerKind.Adam or OptimizerKind.AdamW or OptimizerKind.Nadam, AdamFamily);
            AppliesTo("Epsilon", kind is not OptimizerKind.Sgd, "every optimizer but Optimizer.Sgd");
            AppliesTo("Amsgrad", kind is OptimizerKind.Adam or OptimizerKind.AdamW, "Optimizer.Adam and Optimizer.AdamW only");
            AppliesTo("Rho", kind is OptimizerKind.RmsProp or OptimizerKind.Adadelta, "Optimizer.RmsProp and Optimizer.Adadelta only");
            AppliesTo("Centered", kind is OptimizerKind.RmsProp, "Optimizer.RmsProp only");
            AppliesTo("InitialAccumulatorValue", kind is OptimizerKind.Adagrad, "Optimizer.Adagrad only");

            // Keras's defaults where they depend on the kind (NaN in the attribute means "Keras's default").
            double learningRate = Named(compile, "LearningRate", double.NaN);
            if (double.IsNaN(learningRate)) learningRate = kind == OptimizerKind.Sgd ? 0.01 : 0.001;
            double rho = Named(compile, "Rho", double.NaN);
            if (double.IsNaN(rho)) rho = kind == OptimizerKind.Adadelta ? 0.95 : 0.9;
            double weightDecay = Named(compile, "WeightDecay", double.NaN);
            if (double.IsNaN(weightDecay) && kind == OptimizerKind.AdamW) weightDecay = 0.004;
            double momentum = Named(compile, "Momentum", 0.0);
            bool nesterov = Named(compile, "Nesterov", false);
            double beta1 = Named(compile, "Beta1", 0.9), beta2 = Named(compile, "Beta2", 0.999), epsilon = Named(compile, "Epsilon", 1e-7);
            double initialAccumulator = Named(compile, "InitialAccumulatorValue", 0.1);

            void InRange(string option, double value, bool ok, string expected)
            {
                if (!ok) Fail(DiagnosticDescriptors.OptimizerValueOutOfRange, text, option, expected, Format(value));
            }
            InRange("LearningRate", learningRate, learningRate >= 0 && !double.IsInfinity(learningRate), "a finite number >= 0");
            InRange("Momentum", momentum, momentum >= 0 && momentum <= 1, "in [0, 1]");
            InRange("Beta1", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1)");
            InRange("Beta2", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1)");
            // Keras accepts ε = 0, but then a zero gradient gives 0/0 (Adam, Nadam, RMSprop, Adagrad with a zero
            // accumulator) and Adadelta never moves (its first step is √ε·…); ε > 0 is what every optimizer needs.
            InRange("Epsilon", epsilon, epsilon > 0 && !double.IsInfinity(epsilon), "a finite number > 0");
            InRange("Rho", rho, rho >= 0 && rho < 1, "in [0, 1)");
            InRange("InitialAccumulatorValue", initialAccumulator, initialAccumulator >= 0 && !double.IsInfinity(initialAccumulator), "a finite number >= 0");
            InRange("WeightDecay", weightDecay, double.IsNaN(weightDecay) || (weightDecay >= 0 && !double.IsInfinity(weightDecay)), "a finite number >= 0");
            if (nesterov && momentum == 0)
                Fail(DiagnosticDescriptors.OptimizerOptionNeedsAnother, text, "Nesterov = true", "Momentum > 0 (Nesterov momentum without momentum does nothing)", "Momentum = 0");

            // Gradient clipping: at most one mode (Keras 3's rule; tf.keras 2 rejects ClipNorm with GlobalClipNorm and
            // silently ignores ClipValue next to either).
            var clips = new List<(GradientClipKind Kind, double Threshold)>();
            foreach (GradientClipKind clip in new[] { GradientClipKind.ClipNorm, GradientClipKind.ClipValue, GradientClipKind.GlobalClipNorm })
            {
                double threshold = Named(compile, clip.ToString(), double.NaN);
                if (double.IsNaN(threshold)) continue;
                InRange(clip.ToString(), threshold, threshold > 0 && !double.IsInfinity(threshold), "a finite number > 0");
                clips.Add((clip, threshold));
            }
            if (clips.Count > 1)
                Fail(DiagnosticDescriptors.ConflictingClipOptions, text, string.Join(" and ", clips.Select(c => $"{c.Kind} = {Format(c.Threshold)}")));

            if (!valid) return null;
            return new OptimizerSpec
            {
                Kind = kind,
                LearningRate = learningRate,
                Momentum = momentum,
                Nesterov = nesterov,
                Beta1 = beta1,
                Beta2 = beta2,
                Epsilon = epsilon,
                Amsgrad = Named(compile, "Amsgrad", false),
                Rho = rho,
                Centered = Named(compile, "Centered", false),
                InitialAccumulatorValue = initialAccumulator,
                WeightDecay = weightDecay,
                Clipping = clips.Count == 0 ? GradientClipKind.None : clips[0].Kind,
                ClipThreshold = clips.Count == 0 ? double.NaN : clips[0].Threshold,
            };
        }

        private EquatableArray<MetricKind> ParseMetrics(AttributeData compile, AttributeSyntax syntax)
        {
            var metrics = new List<MetricKind>();
            foreach (KeyValuePair<string, TypedConstant> argument in compile.NamedArguments)
            {
                // Metrics = null is Keras's metrics=None: no metrics.
                if (argument.Key != "Metrics" || argument.Value.Kind != TypedConstantKind.Array || argument.Value.IsNull) continue;
                foreach (TypedConstant value in argument.Value.Values)
                {
                    MetricKind? metric = EnumArgument<MetricKind>(value, Describe(syntax), syntax.GetLocation(), "metric");
                    if (metric is not null && !metrics.Contains(metric.Value)) metrics.Add(metric.Value);
                }
            }
            return metrics.ToEquatableArray();
        }

        /// <summary>
        /// NG0050 when a top-k metric does not fit the labels the loss takes: Keras's <c>top_k_categorical_accuracy</c>
        /// reads one-hot rows (the class is the row's argmax), <c>sparse_top_k_categorical_accuracy</c> class indices.
        /// </summary>
        private bool MetricsFitTheLabels(EquatableArray<MetricKind> metrics, LossSpec loss, AttributeSyntax syntax)
        {
            bool sparseLabels = loss.Kind == LossKind.SparseCategoricalCrossentropy;
            bool ok = true;
            foreach (MetricKind metric in metrics)
            {
                if (metric == MetricKind.TopKCategoricalAccuracy && sparseLabels)
                {
                    Report(DiagnosticDescriptors.MetricLabelMismatch, syntax.GetLocation(), Describe(syntax), "Metric.TopKCategoricalAccuracy",
                        "one-hot labels (one value per output unit)", "Loss.SparseCategoricalCrossentropy, whose labels are class indices; use Metric.SparseTopKCategoricalAccuracy");
                    ok = false;
                }
                else if (metric == MetricKind.SparseTopKCategoricalAccuracy && !sparseLabels)
                {
                    Report(DiagnosticDescriptors.MetricLabelMismatch, syntax.GetLocation(), Describe(syntax), "Metric.SparseTopKCategoricalAccuracy",
                        "class-index labels (Loss.SparseCategoricalCrossentropy)", $"Loss.{loss.Kind}, whose labels have one value per output unit; use Metric.TopKCategoricalAccuracy");
                    ok = false;
                }
            }
            return ok;
        }

        private string LayerName(AttributeData data, string prefix)
        {
            string? explicitName = Named<string?>(data, "Name", null);
            string name;
            if (!string.IsNullOrEmpty(explicitName))
                name = explicitName!;
            else
            {
                // Keras's auto names: dense, dense_1, dense_2, …
                _nameCounters.TryGetValue(prefix, out int count);
                _nameCounters[prefix] = count + 1;
                name = count == 0 ? prefix : prefix + "_" + count;
            }
            if (!_usedNames.Add(name))
                Report(DiagnosticDescriptors.DuplicateLayerName, data.ApplicationSyntaxReference?.GetSyntax().GetLocation(), name);
            return name;
        }

        private T? EnumArgument<T>(TypedConstant constant, string text, Location location, string what) where T : struct, Enum
        {
            if (constant.Value is int value && Enum.IsDefined(typeof(T), value)) return (T)(object)value;
            Report(DiagnosticDescriptors.InvalidArgument, location, text, $"unknown {what} value {constant.Value ?? "null"}");
            return null;
        }

        private T? EnumNamed<T>(AttributeData data, string name, T fallback, string text, Location location) where T : struct, Enum
        {
            foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
            {
                if (argument.Key == name) return EnumArgument<T>(argument.Value, text, location, name);
            }
            return fallback;
        }

        private static T Named<T>(AttributeData data, string name, T fallback)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is T value) return value;
            }
            return fallback;
        }

        private static bool IsRuntimeModel(INamedTypeSymbol type) => type.Name == "Model" && type.ContainingNamespace?.ToDisplayString() == Namespace;

        private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            _ => "",
        };

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The attribute as written, on one line: <c>[Dense(128, Activation.Relu)]</c>.</summary>
        private static string Describe(AttributeSyntax syntax) => "[" + Regex.Replace(syntax.ToString(), @"\s+", " ") + "]";

        private void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }
}
