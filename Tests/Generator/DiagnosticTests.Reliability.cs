using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>
/// Declarations that broke the generator or slipped through it (issue 15): sizes that wrapped around in 32-bit
/// arithmetic, names that broke the generated file, [Network] on a record, and a spurious NG0002.
/// </summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void NG0120_FlattenOfAnInputWhoseSizeWrapsAround() =>
        AssertDiagnostic("NG0120", "Input(65537, 65537)", $"[Network] [Input(65537, 65537)] [Flatten] [Dense(10)] {MseSgd} public partial class Net;",
            "4,295,098,369 elements per sample");

    [Fact]
    public void NG0120_InputOfExactlyTwoToThe32() =>
        AssertDiagnostic("NG0120", "Input(65536, 65536)", $"[Network] [Input(65536, 65536)] [Flatten] [Dense(10)] {MseSgd} public partial class Net;", "(B, 65536, 65536)");

    [Fact]
    public void NG0120_InputWhoseSizeIsNegativeInInt() =>
        AssertDiagnostic("NG0120", "Input(46341, 46341)", $"[Network] [Input(46341, 46341)] [Flatten] [Dense(10)] {MseSgd} public partial class Net;", "2,147,488,281");

    [Fact]
    public void NG0120_BatchNormalizationOfAHugeInput() =>
        AssertDiagnostic("NG0120", "Input(46341, 46341)", $"[Network] [Input(46341, 46341)] [BatchNormalization] [Flatten] [Dense(10)] {MseSgd} public partial class Net;", "limit is 536,870,911");

    [Fact]
    public void NG0120_ConcatenationPastTheLimit() =>
        AssertDiagnostic("NG0120", "Concatenate(\"a\", \"b\", \"c\", \"d\", \"e\")",
            $"[Network] [Input(\"a\", 500000000)] [Input(\"b\", 500000000)] [Input(\"c\", 500000000)] [Input(\"d\", 500000000)] [Input(\"e\", 500000000)] " +
            $"[Concatenate(\"a\", \"b\", \"c\", \"d\", \"e\")] {MseSgd} public partial class Net;", "2,500,000,000 elements");

    [Fact]
    public void NG0120_ReshapeTargetThatWrapsAround() =>
        AssertDiagnostic("NG0104", "Reshape(65536, 65536, 1)", $"[Network] [Input(1)] [Reshape(65536, 65536, 1)] [Flatten] [Dense(1)] {MseSgd} public partial class Net;", "(B, 65536, 65536, 1)");

    [Fact]
    public void NG0120_ZeroPaddingThatWrapsAround() =>
        AssertDiagnostic("NG0121", "ZeroPadding1D(2000000000, 0)",
            $"[Network] [Input(8, 1)] [ZeroPadding1D(2000000000, 0)] [Flatten] [Dense(1)] {MseSgd} public partial class Net;", "left = 2,000,000,000");

    [Fact]
    public void NG0120_ZeroPaddingPastTheLimit() =>
        AssertDiagnostic("NG0120", "ZeroPadding1D(400000000, 400000000)",
            $"[Network] [Input(8, 1)] [ZeroPadding1D(400000000, 400000000)] [Flatten] [Dense(1)] {MseSgd} public partial class Net;", "800,000,008");

    [Fact]
    public void NG0120_DilatedKernelThatWrapsAround() =>
        AssertDiagnostic("NG0120", "Conv1D(4, 3, DilationRate = 500000000, Padding = Padding.Same)",
            $"[Network] [Input(8, 1)] [Conv1D(4, 3, DilationRate = 500000000, Padding = Padding.Same)] [Flatten] [Dense(1)] {MseSgd} public partial class Net;", "dilated kernel");

    [Fact]
    public void NG0120_LstmGatesPastTheLimit() =>
        AssertDiagnostic("NG0120", "LSTM(1000)", $"[Network] [Input(200000, 1)] [LSTM(1000)] [Dense(1)] {MseSgd} public partial class Net;", "its gates");

    [Fact]
    public void NG0121_UnitsPastTheLimit() =>
        AssertDiagnostic("NG0121", "Dense(int.MaxValue)", $"[Network] [Input(1)] [Dense(int.MaxValue)] {MseSgd} public partial class Net;", "units = 2,147,483,647");

    [Fact]
    public void NG0121_StridesPastTheLimit() =>
        AssertDiagnostic("NG0121", "MaxPooling1D(2, Strides = int.MaxValue)", $"[Network] [Input(8, 1)] [MaxPooling1D(2, Strides = int.MaxValue)] [Flatten] [Dense(1)] {MseSgd} public partial class Net;", "Strides");

    [Fact]
    public void NG0122_NewlineInAName() =>
        AssertDiagnostic("NG0122", "Dense(4, Name = \"a\\nb\")", $"[Network] [Input(4)] [Dense(4, Name = \"a\\nb\")] [Dense(1)] {MseSgd} public partial class Net;", "\"a\\nb\" contains a control character");

    [Fact]
    public void NG0122_SlashInAName() =>
        AssertDiagnostic("NG0122", "Dense(4, Name = \"a/b\")", $"[Network] [Input(4)] [Dense(4, Name = \"a/b\")] [Dense(1)] {MseSgd} public partial class Net;", "contains '/'");

    [Fact]
    public void NG0122_SlashInAnInputName() =>
        AssertDiagnostic("NG0122", "Input(\"x/y\", 4)", $"[Network] [Input(\"x/y\", 4)] [Dense(1)] {MseSgd} public partial class Net;", "contains '/'");

    [Fact]
    public void NG0123_NetworkOnARecord() =>
        AssertDiagnostic("NG0123", "Net", $"[Network] [Input(4)] [Dense(1)] {MseSgd} public partial record Net;", "which is a record");

    [Fact]
    public void NG0123_NetworkOnAStruct()
    {
        GenerationResult result = GeneratorHarness.Run($"using NetGen;\n[Network] [Input(4)] [Dense(1)] {MseSgd} public partial struct Net {{ }}");
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0123", diagnostic.Id);
        Assert.Contains("which is a struct", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void NG0007_InputZeroIsTheOnlyDiagnostic()
    {
        GenerationResult result = GeneratorHarness.Run($"using NetGen;\n[Network] [Input(0)] [Dense(1)] {MseSgd} public partial class Net;");
        Assert.Equal(new[] { "NG0007" }, result.GeneratorDiagnostics.Select(d => d.Id).ToArray());
    }

    [Fact]
    public void NG0007_InvalidInputFollowedBySeveralLayersIsTheOnlyDiagnostic()
    {
        GenerationResult result = GeneratorHarness.Run($"using NetGen;\n[Network] [Input(4, 0)] [Flatten] [Dense(3)] [Dense(1)] {MseSgd} public partial class Net;");
        Assert.Equal(new[] { "NG0007" }, result.GeneratorDiagnostics.Select(d => d.Id).ToArray());
    }
}
