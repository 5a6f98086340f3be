using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>
/// The diagnostics of graph networks: names (NG0009–NG0011), cycles (NG0012), inputs and layers nobody reads
/// (NG0013, NG0014) and the shapes of merges and Reshape (NG0103, NG0104).
/// </summary>
public sealed partial class DiagnosticTests
{
    private const string Mse = "[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]";

    // ---- NG0011: a name that does not exist, or not yet ----

    [Fact]
    public void NG0011_UnknownFrom_ListsTheNamesItCanRead() =>
        AssertDiagnostic("NG0011", "Dense(3, From = \"hiden\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5, Name = \"hidden\")] [Dense(3, From = \"hiden\")] {Mse} public partial class Net;",
            "no input or layer is named 'hiden'; it can read 'x', 'hidden'");

    [Fact]
    public void NG0011_UnknownMergeInput() =>
        AssertDiagnostic("NG0011", "Add(\"dense\", \"nope\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5)] [Add(\"dense\", \"nope\")] [Dense(2)] {Mse} public partial class Net;",
            "no input or layer is named 'nope'; it can read 'x', 'dense'");

    /// <summary>The list holds only what the layer can read: the inputs and the layers above it, not those below.</summary>
    [Fact]
    public void NG0011_ListsOnlyTheNamesAboveTheLayer()
    {
        Diagnostic diagnostic = SingleDiagnostic("NG0011",
            $"[Network] [Input(\"x\", 4)] [Dense(5)] [Dense(5, From = \"nope\")] [Dense(2)] {Mse} public partial class Net;");

        Assert.EndsWith("it can read 'x', 'dense'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void NG0011_FromNamesALayerDeclaredBelow() =>
        AssertDiagnostic("NG0011", "Dense(5, From = \"dense_1\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5, From = \"dense_1\")] [Dense(5, From = \"x\")] [Add(\"dense\", \"dense_1\")] {Mse} public partial class Net;",
            "'dense_1' is declared below this layer; declare every layer after the inputs and layers it reads");

    [Fact]
    public void NG0011_MergeNamesALayerDeclaredBelow() =>
        AssertDiagnostic("NG0011", "Concatenate(\"x\", \"dense\")",
            $"[Network] [Input(\"x\", 4)] [Concatenate(\"x\", \"dense\")] [Dense(5, From = \"x\")] [Dense(2, From = \"concatenate\")] {Mse} public partial class Net;",
            "'dense' is declared below this layer");

    /// <summary>With several inputs, the first layer has no layer above it: it must say which input it reads.</summary>
    [Fact]
    public void NG0011_FirstLayerWithoutFromInANetworkWithSeveralInputs() =>
        AssertDiagnostic("NG0011", "Dense(5)",
            $"[Network] [Input(\"a\", 4)] [Input(\"b\", 3)] [Dense(5)] [Dense(5, From = \"b\")] [Add(\"dense\", \"dense_1\")] {Mse} public partial class Net;",
            "say which input it reads with From = \"name\" ('a', 'b')");

    // ---- NG0012: cycles ----
    // Every cycle needs a reference to a layer below, which alone would be NG0011; the graph pass reports NG0012
    // instead when following the reads from that layer leads back to the reading layer.

    [Fact]
    public void NG0012_TwoLayersReadEachOther() =>
        AssertDiagnostic("NG0012", "Dense(5, From = \"dense_1\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5, From = \"dense_1\")] [Dense(2)] {Mse} public partial class Net;",
            "the layer 'dense' would read itself (dense -> dense_1 -> dense)");

    [Fact]
    public void NG0012_ALayerReadsItself() =>
        AssertDiagnostic("NG0012", "Dense(5, Name = \"h\", From = \"h\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5, Name = \"h\", From = \"h\")] [Dense(2)] {Mse} public partial class Net;",
            "the layer 'h' would read itself (h -> h)");

    [Fact]
    public void NG0012_CycleThroughAMerge() =>
        AssertDiagnostic("NG0012", "Dense(5, From = \"add\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5, From = \"add\")] [Dense(5, From = \"x\")] [Add(\"dense\", \"dense_1\")] [Dense(2)] {Mse} public partial class Net;",
            "(dense -> add -> dense)");

    // ---- NG0010: a name used twice ----

    [Fact]
    public void NG0010_LayerNamedLikeAnInput() =>
        AssertDiagnostic("NG0010", "Dense(5, Name = \"x\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5, Name = \"x\")] [Dense(2)] {Mse} public partial class Net;",
            "The layer name 'x' is used twice");

    /// <summary>An input named like a Keras auto name: the layer that gets the auto name is the second use.</summary>
    [Fact]
    public void NG0010_InputNamedLikeALayersAutoName() =>
        AssertDiagnostic("NG0010", "Dense(5)",
            $"[Network] [Input(\"dense\", 4)] [Dense(5)] [Dense(2)] {Mse} public partial class Net;",
            "The layer name 'dense' is used twice");

    [Fact]
    public void NG0010_TwoInputsWithOneName() =>
        AssertDiagnostic("NG0010", "Input(\"x\", 3)",
            $"[Network] [Input(\"x\", 4)] [Input(\"x\", 3)] [Dense(2, From = \"x\")] {Mse} public partial class Net;",
            "The layer name 'x' is used twice");

    // ---- NG0013, NG0014: nobody reads it ----

    [Fact]
    public void NG0013_InputNobodyReads() =>
        AssertDiagnostic("NG0013", "Input(\"b\", 3)",
            $"[Network] [Input(\"a\", 4)] [Input(\"b\", 3)] [Dense(5, From = \"a\")] [Dense(2)] {Mse} public partial class Net;",
            "the input 'b' is read by no layer; read it with From = \"b\" or a merge, or remove it");

    /// <summary>
    /// A layer nobody reads is a warning: the network still generates, compiles and trains, and the dead layer's
    /// weights get no gradient while the live ones do.
    /// </summary>
    [Fact]
    public void NG0014_LayerNobodyReads_WarnsAndStillGenerates()
    {
        const string source = "using NetGen;\n[Network] [Input(\"x\", 4)] [Dense(5, Name = \"side\")] [Dense(2, From = \"x\")] "
            + Mse + " public partial class Net;";

        GenerationResult result = GeneratorHarness.Run(source);

        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0014", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("Dense(5, Name = \"side\")", source.Substring(warning.Location.SourceSpan.Start, warning.Location.SourceSpan.Length));
        Assert.Contains("the output of 'side' is read by no layer", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Single(result.Sources);
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        Model model = Load(result, "Net");
        model.Forward(new[] { new[] { 0.5f, -1f, 0.25f, 2f } }, 1, training: true);
        model.Backward([1f, -1f]);
        WeightInfo side = model.Description.GetWeight("side/kernel"), dense = model.Description.GetWeight("dense/kernel");
        Assert.All(model.Gradients.Slice(side.Offset, side.Length).ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(model.Gradients.Slice(dense.Offset, dense.Length).ToArray(), g => g != 0f);
    }

    // ---- NG0103: merge shapes ----

    [Fact]
    public void NG0103_AddOfDifferentWidths_NamesBothShapes() =>
        AssertDiagnostic("NG0103", "Add(\"a\", \"b\")",
            $"[Network] [Input(\"x\", 4)] [Dense(3, Name = \"a\")] [Dense(4, From = \"x\", Name = \"b\")] [Add(\"a\", \"b\")] [Dense(2)] {Mse} public partial class Net;",
            "cannot merge (B, 3) with (B, 4): Add combines elementwise: the shapes must be equal");

    /// <summary>The third input differs: the message names the first shape and the one that does not fit it.</summary>
    [Fact]
    public void NG0103_MultiplyWhoseThirdInputDiffers() =>
        AssertDiagnostic("NG0103", "Multiply(\"a\", \"b\", \"c\")",
            $"[Network] [Input(\"x\", 4)] [Dense(3, Name = \"a\")] [Dense(3, From = \"x\", Name = \"b\")] [Dense(5, From = \"x\", Name = \"c\")] [Multiply(\"a\", \"b\", \"c\")] [Dense(2)] {Mse} public partial class Net;",
            "cannot merge (B, 3) with (B, 5): Multiply combines elementwise");

    [Fact]
    public void NG0103_ConcatenateOfDifferentRanks() =>
        AssertDiagnostic("NG0103", "Concatenate(\"a\", \"img\")",
            $"[Network] [Input(\"x\", 4)] [Input(\"img\", 2, 3)] [Dense(3, From = \"x\", Name = \"a\")] [Concatenate(\"a\", \"img\")] [Flatten] [Dense(2)] {Mse} public partial class Net;",
            "cannot merge (B, 3) with (B, 2, 3): Concatenate joins along the last axis: every other dimension must match");

    [Fact]
    public void NG0103_ConcatenateWhoseLeadingDimensionsDiffer() =>
        AssertDiagnostic("NG0103", "Concatenate(\"p\", \"q\")",
            $"[Network] [Input(\"p\", 2, 3)] [Input(\"q\", 4, 3)] [Concatenate(\"p\", \"q\")] [Flatten] [Dense(2)] {Mse} public partial class Net;",
            "cannot merge (B, 2, 3) with (B, 4, 3)");

    /// <summary>Subtract takes exactly two inputs: three is an argument error (NG0007) found when reading the attribute, before any shape.</summary>
    [Fact]
    public void NG0007_SubtractOfThreeInputs() =>
        AssertDiagnostic("NG0007", "Subtract(\"a\", \"b\", \"c\")",
            $"[Network] [Input(\"x\", 4)] [Dense(3, Name = \"a\")] [Dense(3, From = \"x\", Name = \"b\")] [Dense(3, From = \"x\", Name = \"c\")] [Subtract(\"a\", \"b\", \"c\")] [Dense(2)] {Mse} public partial class Net;",
            "Subtract needs exactly two inputs; found 3");

    [Fact]
    public void NG0007_MergeOfOneInput() =>
        AssertDiagnostic("NG0007", "Add(\"dense\")",
            $"[Network] [Input(\"x\", 4)] [Dense(5)] [Add(\"dense\")] [Dense(2)] {Mse} public partial class Net;",
            "Add needs at least two inputs; found 1");

    [Fact]
    public void NG0007_MergeWithFrom() =>
        AssertDiagnostic("NG0007", "Add(\"x\", \"dense\", From = \"x\")",
            $"[Network] [Input(\"x\", 4)] [Dense(4)] [Add(\"x\", \"dense\", From = \"x\")] [Dense(2)] {Mse} public partial class Net;",
            "remove From");

    // ---- NG0104: Reshape ----

    [Fact]
    public void NG0104_ReshapeToADifferentSize() =>
        AssertDiagnostic("NG0104", "Reshape(5, 2)",
            $"[Network] [Input(\"x\", 4)] [Dense(12)] [Reshape(5, 2)] [Flatten] [Dense(2)] {Mse} public partial class Net;",
            "the input (B, 12) has 12 values per sample, which do not fill the target shape (B, 5, 2)");

    /// <summary>With −1 the known dimensions must divide the size: 12 is not a multiple of 5.</summary>
    [Fact]
    public void NG0104_ReshapeWhoseInferredDimensionIsNotWhole() =>
        AssertDiagnostic("NG0104", "Reshape(5, -1)",
            $"[Network] [Input(\"x\", 4)] [Dense(12)] [Reshape(5, -1)] [Flatten] [Dense(2)] {Mse} public partial class Net;",
            "the input (B, 12) has 12 values per sample, which do not fill the target shape (B, 5, -1)");

    // ---- NG0009: several inputs must be named ----

    [Fact]
    public void NG0009_UnnamedInputAfterANamedOne() =>
        AssertDiagnostic("NG0009", "Input(6)",
            $"[Network] [Input(\"wide\", 5)] [Input(6)] [Dense(2, From = \"wide\")] {Mse} public partial class Net;",
            "found a second [Input] without a name");

    /// <summary>Only the first input lacks a name: the diagnostic points at it, not at the named one.</summary>
    [Fact]
    public void NG0009_UnnamedInputBeforeANamedOne_IsReportedOnTheUnnamedOne() =>
        AssertDiagnostic("NG0009", "Input(5)",
            $"[Network] [Input(5)] [Input(\"deep\", 6)] [Dense(2, From = \"deep\")] {Mse} public partial class Net;",
            "after this unnamed one");

    /// <summary>Three unnamed inputs: one diagnostic, on the second (the third is not "after a layer").</summary>
    [Fact]
    public void NG0009_ThreeUnnamedInputs_AreReportedOnce() =>
        AssertDiagnostic("NG0009", "Input(5)",
            $"[Network] [Input(4)] [Input(5)] [Input(6)] [Dense(2)] {Mse} public partial class Net;",
            "found a second [Input] without a name");

    /// <summary>The one diagnostic with <paramref name="id"/>, from a network that generates nothing.</summary>
    private static Diagnostic SingleDiagnostic(string id, string source)
    {
        GenerationResult result = GeneratorHarness.Run("using NetGen;\n" + source);
        Assert.All(result.RunResult.Results, r => Assert.Null(r.Exception));
        Assert.Empty(result.Sources);
        return Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
    }

    /// <summary>Compiles the generated code and creates the network <paramref name="className"/> (seed 0).</summary>
    private static Model Load(GenerationResult result, string className)
    {
        using var stream = new MemoryStream();
        var emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("netgen-graph-diagnostics-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(stream);
        Type type = assembly.GetType(className) ?? throw new InvalidOperationException($"{className} is not in the compiled assembly.");
        return (Model)Activator.CreateInstance(type, 0)!;
    }
}
