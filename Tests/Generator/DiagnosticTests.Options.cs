using System.Linq;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Generator;

/// <summary>
/// Options that contradict each other or the layer (NG0024, NG0050, BatchNormalization's NG0007/NG0022/NG0040), and
/// odd but compilable arguments, which must be diagnostics of their own and never the internal error NG0999.
/// </summary>
public sealed partial class DiagnosticTests
{
    private const string Sparse = "Loss.SparseCategoricalCrossentropy";

    [Fact]
    public void NG0024_BiasRegularizerWithoutABias() =>
        AssertDiagnostic("NG0024", "Dense(5, UseBias = false, BiasL2 = 0.1)",
            $"[Network] [Input(4)] [Dense(5, UseBias = false, BiasL2 = 0.1)] [Dense(2)] {MseSgd} public partial class Net;",
            "found BiasL2 for the bias, which the layer does not have (UseBias = false); remove it, or set UseBias = true");

    [Fact]
    public void NG0024_BiasInitializerAndItsArgumentWithoutABias() =>
        AssertDiagnostic("NG0024", "Dense(5, UseBias = false, BiasInitializer = Initializer.Constant, BiasConstant = 0.1)",
            $"[Network] [Input(4)] [Dense(5, UseBias = false, BiasInitializer = Initializer.Constant, BiasConstant = 0.1)] [Dense(2)] {MseSgd} public partial class Net;",
            "found BiasInitializer, BiasConstant for the bias, which the layer does not have (UseBias = false); remove them, or set UseBias = true");

    [Fact]
    public void NG0024_BetaInitializerWithoutCenter() =>
        AssertDiagnostic("NG0024", "BatchNormalization(Center = false, BetaInitializer = Initializer.Ones)",
            $"[Network] [Input(4)] [Dense(5)] [BatchNormalization(Center = false, BetaInitializer = Initializer.Ones)] [Dense(2)] {MseSgd} public partial class Net;",
            "found BetaInitializer for the offset beta, which the layer does not have (Center = false); remove it, or set Center = true");

    [Fact]
    public void NG0024_GammaInitializerWithoutScale() =>
        AssertDiagnostic("NG0024", "BatchNormalization(Scale = false, GammaInitializer = Initializer.Zeros)",
            $"[Network] [Input(4)] [Dense(5)] [BatchNormalization(Scale = false, GammaInitializer = Initializer.Zeros)] [Dense(2)] {MseSgd} public partial class Net;",
            "found GammaInitializer for the scale gamma, which the layer does not have (Scale = false); remove it, or set Scale = true");

    [Theory]
    [InlineData("GammaInitializer")]
    [InlineData("MovingVarianceInitializer")]
    public void NG0022_OrthogonalBatchNormalizationWeight(string property) =>
        AssertDiagnostic("NG0022", $"BatchNormalization({property} = Initializer.Orthogonal)",
            $"[Network] [Input(4)] [Dense(5)] [BatchNormalization({property} = Initializer.Orthogonal)] [Dense(2)] {MseSgd} public partial class Net;",
            $"{property} = Initializer.Orthogonal needs a weight of rank 2 or more; BatchNormalization's weights have rank 1");

    [Fact]
    public void NG0040_BatchNormalizationOnARank5Input() =>
        AssertDiagnostic("NG0040", "BatchNormalization(Momentum = 0.9)",
            $"[Network] [Input(2, 3, 4, 5)] [BatchNormalization(Momentum = 0.9)] [Flatten] [Dense(2)] {MseSgd} public partial class Net;",
            "receives a tensor of shape (B, 2, 3, 4, 5); BatchNormalization normalizes the last axis of a (B, C), (B, steps, C) or (B, h, w, C) input");

    [Fact]
    public void NG0007_BatchNormalizationMomentumNaN() =>
        AssertDiagnostic("NG0007", "BatchNormalization(Momentum = double.NaN)",
            $"[Network] [Input(4)] [BatchNormalization(Momentum = double.NaN)] [Dense(2)] {MseSgd} public partial class Net;",
            "Momentum must be in [0, 1]; found NaN");

    [Fact]
    public void NG0050_TopKWithClassIndexLabels() =>
        AssertDiagnostic("NG0050", $"Compile({Sparse}, Optimizer.Adam, Metrics = [Metric.Accuracy, Metric.TopKCategoricalAccuracy])",
            $"[Network] [Input(4)] [Dense(7, Activation.Softmax)] [Compile({Sparse}, Optimizer.Adam, Metrics = [Metric.Accuracy, Metric.TopKCategoricalAccuracy])] public partial class Net;",
            "Metric.TopKCategoricalAccuracy needs one-hot labels (one value per output unit); found Loss.SparseCategoricalCrossentropy, whose labels are class indices; use Metric.SparseTopKCategoricalAccuracy");

    [Fact]
    public void NG0050_SparseTopKWithOneHotLabels() =>
        AssertDiagnostic("NG0050", "Compile(Loss.CategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.SparseTopKCategoricalAccuracy])",
            "[Network] [Input(4)] [Dense(7, Activation.Softmax)] [Compile(Loss.CategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.SparseTopKCategoricalAccuracy])] public partial class Net;",
            "Metric.SparseTopKCategoricalAccuracy needs class-index labels (Loss.SparseCategoricalCrossentropy); found Loss.CategoricalCrossentropy");

    [Theory]
    [InlineData("Compile((Loss)9, Optimizer.Sgd)", "[Dense(3)]", "unknown loss value 9")]
    [InlineData("Compile(Loss.MeanSquaredError, (Optimizer)9)", "[Dense(3)]", "unknown optimizer value 9")]
    [InlineData("Compile(Loss.MeanSquaredError, Optimizer.Sgd, Metrics = [(Metric)9])", "[Dense(3)]", "unknown metric value 9")]
    public void NG0007_UnknownCompileEnumValue(string compile, string layers, string message) =>
        AssertDiagnostic("NG0007", compile, $"[Network] [Input(4)] {layers} [{compile}] public partial class Net;", message);

    [Theory]
    [InlineData("Dense(3, KernelInitializer = (Initializer)99)", "unknown KernelInitializer value 99")]
    [InlineData("BatchNormalization(GammaInitializer = (Initializer)99)", "unknown GammaInitializer value 99")]
    public void NG0007_UnknownInitializerValue(string layer, string message) =>
        AssertDiagnostic("NG0007", layer, $"[Network] [Input(4)] [{layer}] [Dense(2)] {MseSgd} public partial class Net;", message);

    [Theory]
    [InlineData("Loss.Huber, Optimizer.Sgd, HuberDelta = 0", "HuberDelta must be a finite number > 0; found 0")]
    [InlineData("Loss.Huber, Optimizer.Adam, HuberDelta = -1.5", "HuberDelta must be a finite number > 0; found -1.5")]
    [InlineData("Loss.Huber, Optimizer.Sgd, HuberDelta = double.NaN", "HuberDelta must be a finite number > 0; found NaN")]
    [InlineData("Loss.Huber, Optimizer.Sgd, HuberDelta = double.PositiveInfinity", "HuberDelta must be a finite number > 0; found ")]
    [InlineData("Loss.MeanSquaredError, Optimizer.Sgd, HuberDelta = 2", "HuberDelta applies only to Loss.Huber; found Loss.MeanSquaredError")]
    [InlineData("Loss.MeanAbsoluteError, Optimizer.Sgd, HuberDelta = 1.0", "HuberDelta applies only to Loss.Huber; found Loss.MeanAbsoluteError")]
    [InlineData("Loss.BinaryCrossentropy, Optimizer.Sgd, HuberDelta = 0.5", "HuberDelta applies only to Loss.Huber; found Loss.BinaryCrossentropy")]
    [InlineData("Loss.MeanAbsoluteError, Optimizer.Sgd, FromLogits = true", "FromLogits applies only to cross-entropy losses")]
    [InlineData("Loss.Huber, Optimizer.Sgd, FromLogits = true", "FromLogits applies only to cross-entropy losses")]
    public void NG0007_InvalidLossOption(string arguments, string message) =>
        AssertDiagnostic("NG0007", $"Compile({arguments})", $"[Network] [Input(4)] [Dense(3)] [Compile({arguments})] public partial class Net;", message);

    /// <summary><c>[Input((int[])null!)]</c> compiles (a nullable warning); it is an argument error, not an internal one.</summary>
    [Fact]
    public void NG0007_NullInputShape() =>
        AssertDiagnostic("NG0007", "Input((int[])null!)", $"[Network] [Input((int[])null!)] [Dense(2)] {MseSgd} public partial class Net;", "the input shape needs at least one dimension");

    /// <summary><c>Metrics = null</c> is Keras's <c>metrics=None</c>: no metric, and no internal error.</summary>
    [Fact]
    public void NullMetrics_MeanNoMetrics()
    {
        GenerationResult result = GeneratorHarness.Run("using NetGen; [Network] [Input(4)] [Dense(3)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd, Metrics = null)] public partial class Net;");
        result.AssertNoGeneratorDiagnostics();
        Assert.Single(result.Sources);
    }

    /// <summary>The options the diagnostics above reject, used consistently, generate code that compiles.</summary>
    [Theory]
    [InlineData("[Dense(5, UseBias = false, KernelL2 = 0.1)] [Dense(2)]", "Loss.MeanSquaredError")]
    [InlineData("[Dense(5)] [BatchNormalization(Center = false, Scale = false, MovingVarianceInitializer = Initializer.Constant)] [Dense(2)]", "Loss.MeanSquaredError")]
    [InlineData("[Dense(5)] [BatchNormalization(Scale = true, Center = true, BetaInitializer = Initializer.Ones, GammaInitializer = Initializer.RandomNormal)] [Dense(2)]", "Loss.MeanSquaredError")]
    [InlineData("[Dense(7, Activation.Softmax)]", "Loss.CategoricalCrossentropy, Optimizer.Sgd, Metrics = [Metric.TopKCategoricalAccuracy, Metric.Accuracy]")]
    [InlineData("[Dense(7, Activation.Softmax)]", Sparse + ", Optimizer.Sgd, Metrics = [Metric.SparseTopKCategoricalAccuracy]")]
    [InlineData("[Dense(3, Activation.Tanh)]", "Loss.MeanAbsoluteError")]
    [InlineData("[Dense(3)]", "Loss.Huber")]
    [InlineData("[Dense(3)]", "Loss.Huber, Optimizer.Adam, HuberDelta = 0.25")]
    [InlineData("[Dense(5, KernelL2 = 0.1)] [Dense(1, Activation.Sigmoid)]", "Loss.Huber, Optimizer.Sgd, HuberDelta = 1e-3")]
    public void ConsistentOptionsGenerateCode(string layers, string compile)
    {
        string arguments = compile.Contains("Optimizer.") ? compile : compile + ", Optimizer.Sgd";
        GenerationResult result = GeneratorHarness.Run($"using NetGen; [Network] [Input(4)] {layers} [Compile({arguments})] public partial class Net;");
        result.AssertNoGeneratorDiagnostics();
        Assert.Empty(result.CompilationProblems.Select(d => d.ToString()));
    }
}
