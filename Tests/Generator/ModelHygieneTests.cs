using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>
/// The pipeline's models must reference nothing from the compilation: a reflection walk over every object reachable
/// from the parse results of representative networks finds no symbol, syntax node or tree, location, compilation,
/// and no reference-equal collection (ImmutableArray, List, arrays), which would defeat caching.
/// </summary>
public sealed class ModelHygieneTests
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData),
    };

    [Theory]
    [InlineData("[Input(28, 28)] [Flatten] [Dense(128, Activation.Relu)] [Dropout(0.2)] [Dense(10, Activation.Softmax)] [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]")]
    [InlineData("[Input(5)] [Dense(7, Activation.Tanh, UseBias = false)] [Activation(Activation.Sigmoid)] [Dense(3)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd, Momentum = 0.9, Nesterov = true)]")]
    [InlineData("[Input(4)] [Dense(0)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd)]")] // with diagnostics
    public void ParseResultsHoldOnlyPlainValues(string attributes)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(
            GeneratorHarness.CreateCompilation($"using NetGen; [Network] {attributes} public partial class Net;"));
        var outputs = driver.GetRunResult().Results.Single().TrackedSteps[NetworkGenerator.TrackingNames.Parse]
            .SelectMany(step => step.Outputs).Select(output => output.Value).ToList();
        Assert.NotEmpty(outputs);
        foreach (object output in outputs) Walk(output, "ParseResult", new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void EquivalentSourcesGiveEqualModels()
    {
        const string declaration = "[Network] [Input(4)] [Dense(3, Activation.Softmax)] [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)] public partial class Net;";
        object First(string source) => GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(source))
            .GetRunResult().Results.Single().TrackedSteps[NetworkGenerator.TrackingNames.Output].Single().Outputs.Single().Value;
        Assert.Equal(First("using NetGen;\n" + declaration), First("using NetGen;\n\n// moved down\n\n" + declaration));
    }

    private const string EquatableStorage = "(EquatableArray storage)";

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Type type = value.GetType();
        foreach (Type forbidden in Forbidden)
            Assert.False(forbidden.IsAssignableFrom(type), $"{path} holds a {type.FullName}, which keeps the compilation alive and has no value equality.");
        Assert.False(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>), $"{path} holds an ImmutableArray (reference equality); use EquatableArray.");
        Assert.False(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>), $"{path} holds a List (reference equality); use EquatableArray.");
        if (!type.IsValueType && !seen.Add(value)) return;
        if (type.IsArray)
        {
            // Only an EquatableArray's private storage may be an array (see the field walk below); its elements are walked.
            Assert.EndsWith(EquatableStorage, path);
            int i = 0;
            foreach (object? item in (IEnumerable)value) Walk(item, $"{path}[{i++}]", seen);
            return;
        }
        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true && type != typeof(Microsoft.CodeAnalysis.Text.TextSpan) && type != typeof(Microsoft.CodeAnalysis.Text.LinePositionSpan) && type != typeof(Microsoft.CodeAnalysis.Text.LinePosition) && type != typeof(DiagnosticDescriptor) && type != typeof(LocalizableString) && !typeof(LocalizableString).IsAssignableFrom(type))
            Assert.Fail($"{path} holds {type.FullName} from Roslyn; only plain values may be kept.");
        if (type == typeof(DiagnosticDescriptor) || typeof(LocalizableString).IsAssignableFrom(type)) return; // static, compilation-independent
        bool equatableArray = type.IsGenericType && type.GetGenericTypeDefinition().Name.StartsWith("EquatableArray", StringComparison.Ordinal);
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            Walk(field.GetValue(value), $"{path}.{field.Name}" + (equatableArray ? EquatableStorage : ""), seen);
    }
}
