using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>
/// The diagnostics of the pooling, zero-padding and spatial-dropout layers: the input rank they need (NG0070),
/// pool, stride and padding sizes (NG0071) and a pool that does not fit its input with valid padding (NG0072).
/// </summary>
public sealed partial class DiagnosticTests
{
    private const string PoolMse = "[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]";

    // ---- NG0070: the input rank ----

    [Fact]
    public void NG0070_MaxPooling2DOnASequence_NamesBothShapes() =>
        AssertDiagnostic("NG0070", "MaxPooling2D(2)",
            $"[Network] [Input(28, 28)] [MaxPooling2D(2)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "receives a tensor of shape (B, 28, 28); MaxPooling2D needs (B, height, width, channels)");

    [Fact]
    public void NG0070_MaxPooling1DOnAFeatureMap() =>
        AssertDiagnostic("NG0070", "AveragePooling1D",
            $"[Network] [Input(4, 4, 2)] [AveragePooling1D] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "receives a tensor of shape (B, 4, 4, 2); AveragePooling1D needs (B, steps, channels)");

    [Fact]
    public void NG0070_GlobalAveragePooling2DAfterDense() =>
        AssertDiagnostic("NG0070", "GlobalAveragePooling2D",
            $"[Network] [Input(4)] [Dense(6)] [GlobalAveragePooling2D] [Dense(3)] {PoolMse} public partial class Net;",
            "(B, 6); GlobalAveragePooling2D needs (B, height, width, channels)");

    [Fact]
    public void NG0070_GlobalMaxPooling1D() =>
        AssertDiagnostic("NG0070", "GlobalMaxPooling1D",
            $"[Network] [Input(4)] [GlobalMaxPooling1D] [Dense(3)] {PoolMse} public partial class Net;",
            "(B, 4); GlobalMaxPooling1D needs (B, steps, channels)");

    [Fact]
    public void NG0070_ZeroPadding2D() =>
        AssertDiagnostic("NG0070", "ZeroPadding2D",
            $"[Network] [Input(5, 3)] [ZeroPadding2D] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "(B, 5, 3); ZeroPadding2D needs (B, height, width, channels)");

    [Fact]
    public void NG0070_SpatialDropout1D() =>
        AssertDiagnostic("NG0070", "SpatialDropout1D(0.2)",
            $"[Network] [Input(4, 4, 3)] [SpatialDropout1D(0.2)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "(B, 4, 4, 3); SpatialDropout1D needs (B, steps, channels)");

    // ---- NG0071: sizes ----

    [Fact]
    public void NG0071_PoolSizeZero() =>
        AssertDiagnostic("NG0071", "MaxPooling2D(0)",
            $"[Network] [Input(4, 4, 2)] [MaxPooling2D(0)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the pool size must be positive; found (0, 0)");

    [Fact]
    public void NG0071_NegativePoolWidth() =>
        AssertDiagnostic("NG0071", "AveragePooling2D(2, -1)",
            $"[Network] [Input(4, 4, 2)] [AveragePooling2D(2, -1)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the pool size must be positive; found (2, -1)");

    [Fact]
    public void NG0071_PoolSize1DZero() =>
        AssertDiagnostic("NG0071", "MaxPooling1D(0)",
            $"[Network] [Input(8, 2)] [MaxPooling1D(0)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the pool size must be positive; found 0");

    [Fact]
    public void NG0071_StridesZero() =>
        AssertDiagnostic("NG0071", "MaxPooling2D(2, Strides = 0)",
            $"[Network] [Input(4, 4, 2)] [MaxPooling2D(2, Strides = 0)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "Strides must be positive (leave it unset for the pool size); found 0");

    [Fact]
    public void NG0071_NegativeZeroPadding() =>
        AssertDiagnostic("NG0071", "ZeroPadding2D(1, -2)",
            $"[Network] [Input(4, 4, 2)] [ZeroPadding2D(1, -2)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the padding must be 0 or more; found ((1, 1), (-2, -2))");

    [Fact]
    public void NG0071_NegativeZeroPadding1D() =>
        AssertDiagnostic("NG0071", "ZeroPadding1D(-1)",
            $"[Network] [Input(4, 2)] [ZeroPadding1D(-1)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the padding must be 0 or more; found (-1, -1)");

    // ---- NG0072: a pool larger than its input ----

    [Fact]
    public void NG0072_PoolLargerThanTheMap() =>
        AssertDiagnostic("NG0072", "MaxPooling2D(4)",
            $"[Network] [Input(3, 3, 4)] [MaxPooling2D(4)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the pool (4, 4) does not fit the input (B, 3, 3, 4) with Padding.Valid: the output would be (B, 0, 0, 4), with no position; use a pool of at most (3, 3), or Padding.Same");

    [Fact]
    public void NG0072_PoolLongerThanTheSequence() =>
        AssertDiagnostic("NG0072", "AveragePooling1D(5)",
            $"[Network] [Input(3, 2)] [AveragePooling1D(5)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the pool 5 does not fit the input (B, 3, 2) with Padding.Valid: the output would be (B, 0, 2), with no position; use a pool of at most 3");

    /// <summary>Only one axis too small: the message says which size fits.</summary>
    [Fact]
    public void NG0072_OneAxisTooSmall() =>
        AssertDiagnostic("NG0072", "MaxPooling2D(2, 5)",
            $"[Network] [Input(6, 4, 1)] [MaxPooling2D(2, 5)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;",
            "the output would be (B, 3, 0, 1), with no position; use a pool of at most (2, 4)");

    /// <summary>With same padding a window may overhang the whole input: Keras accepts it, and so does NetGen.</summary>
    [Fact]
    public void PoolLargerThanTheMap_IsFineWithSamePadding()
    {
        GenerationResult result = GeneratorHarness.Run(
            $"using NetGen; [Network] [Input(3, 3, 4)] [MaxPooling2D(4, Padding = Padding.Same)] [Flatten] [Dense(3)] {PoolMse} public partial class Net;");

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }
}
