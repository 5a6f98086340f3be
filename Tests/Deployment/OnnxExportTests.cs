using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.Tests.Helpers;
using NetGen.Tests.Parity;

namespace NetGen.Tests.Deployment;

// Networks that cover the layers and options the fixtures and samples do not: every merge, strided and dilated
// convolutions, "same" pooling, zero padding, reshape, spatial dropout, GRU, SimpleRNN, the non-invertible activations.
[Network]
[Input("a", 6)]
[Input("b", 6)]
[Subtract("a", "b", Name = "difference")]
[Multiply("a", "b", "difference", Name = "product")]
[Average("a", "b", Name = "mean")]
[Maximum("a", "b", Name = "max")]
[Minimum("product", "mean", Name = "min")]
[Concatenate("max", "min", "difference", Name = "joined")]
[Dense(4, Activation.Gelu, Name = "gelu")]
[Dense(4, Activation.Swish, Name = "swish")]
[Dense(3, Activation.Softplus, Name = "out")]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class OnnxMergeNetwork;

[Network]
[Input(9, 8, 2)]
[ZeroPadding2D(1, 0, 2, 1)]
[Conv2D(4, 3, 2, Activation.Elu, Strides = 2, Padding = Padding.Same)]
[Conv2D(3, 2, DilationRate = 2, UseBias = false)]
[BatchNormalization]
[AveragePooling2D(2, Padding = Padding.Same)]
[SpatialDropout2D(0.3)]
[MaxPooling2D(2, 1, Strides = 1, Padding = Padding.Same)]
[GlobalMaxPooling2D]
[Dense(5, Activation.GeluApproximate)]
[Reshape(5, 1)]
[Flatten]
[Dense(2, Activation.Selu)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class OnnxConvolutionNetwork;

[Network]
[Input(12, 3)]
[Conv1D(4, 3, Activation.Tanh, DilationRate = 2, Padding = Padding.Same)]
[SpatialDropout1D(0.2)]
[AveragePooling1D(2)]
[GRU(5, ReturnSequences = true)]
[SimpleRNN(4, ReturnSequences = true)]
[LSTM(3)]
[LeakyReLU(Alpha = 0.1)]
[Dense(2, Activation.Softmax)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd)]
public partial class OnnxSequenceNetwork;

[Network]
[Input(5, 3)]
[LSTM(4, GoBackwards = true)]
[Dense(1)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class OnnxBackwardsNetwork;

/// <summary>
/// <c>Model.ExportOnnx</c>: every fixture network (with the fixture's weights and inputs), every sample network and
/// the coverage networks above (random weights and inputs) run in ONNX Runtime, whose outputs must equal
/// <c>Predict</c>'s within 1e-5.
/// </summary>
public sealed class OnnxExportTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> FixtureFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string file in ReferenceFixtures.FileNames())
            {
                if (ReferenceFixtures.SkipReason(file) is null) data.Add(file);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void FixtureNetworkMatchesOnnxRuntime(string file)
    {
        ReferenceFixture fixture = ReferenceFixtures.Load(file);
        Assembly assembly = GeneratorHarness.CompileAndLoad(fixture.Source);
        Type type = assembly.GetType(FixtureLoader.Namespace + "." + fixture.ClassName)
            ?? throw new InvalidOperationException($"{fixture.ClassName} is missing from the compiled assembly.");
        var model = (Model)Activator.CreateInstance(type, 0)!;
        foreach (NamedTensor weight in fixture.Weights) model.SetWeights(weight.Name, weight.Tensor.ToFloats());
        var inputs = fixture.Inputs.Select(input => (input.Name, input.X.ToFloats())).ToList();
        AssertOnnxMatchesPredict(model, inputs, fixture.Batch);
    }

    public static TheoryData<string> SampleNetworks => new()
    {
        "FashionMlp", "DeepBatchNormMlp", "DeepSeluMlp", "DropoutMlp", "ResidualMlp", "FashionCnn", "SequenceClassifier",
        "FashionLstmNetwork", "FortuneLstm", "FortuneBagOfWords", "WideAndDeepRegressor", "SequentialRegressor",
        "OnnxMergeNetwork", "OnnxConvolutionNetwork", "OnnxSequenceNetwork",
        "FashionGruNetwork", "FashionSimpleRnnNetwork", "DenseOverSteps", "DenseOverMap",
    };

    [Theory]
    [MemberData(nameof(SampleNetworks))]
    public void SampleNetworkMatchesOnnxRuntime(string name)
    {
        Model model = Create(name);
        var random = new Random(7);
        // Random weights, including the moving statistics, so BatchNormalization is not the identity.
        foreach (WeightInfo weight in model.Description.Weights)
        {
            Span<float> values = model.Parameters.Slice(weight.Offset, weight.Length);
            bool variance = weight.Name.EndsWith("moving_variance", StringComparison.Ordinal);
            for (int i = 0; i < values.Length; i++)
                values[i] = variance ? 0.5f + (float)random.NextDouble() : (float)(random.NextDouble() - 0.5) * 0.6f;
        }
        const int batch = 3;
        var inputs = new List<(string Name, float[] Values)>();
        foreach (InputInfo input in model.Description.Inputs)
        {
            int size = input.Shape.Aggregate(1, (a, b) => a * b);
            bool tokens = name == "FortuneLstm";
            inputs.Add((input.Name, Enumerable.Range(0, batch * size)
                .Select(_ => tokens ? random.Next(1000) : (float)(random.NextDouble() * 2 - 1)).ToArray()));
        }
        AssertOnnxMatchesPredict(model, inputs, batch);
    }

    [Fact]
    public void ALayerOnnxCannotExpressIsNamed()
    {
        var model = new OnnxBackwardsNetwork(seed: 1);
        var error = Assert.Throws<NotSupportedException>(() => model.ToOnnx());
        Assert.Contains("'lstm'", error.Message);
        Assert.Contains("LSTM", error.Message);
        Assert.Contains("go_backwards", error.Message);
    }

    [Fact]
    public void ExportWritesTheFileWithKerasWeightNames()
    {
        var model = new NetGen.Samples.FashionMnist.FashionMlp(seed: 3);
        string path = Path.Combine(Path.GetTempPath(), $"netgen-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            model.ExportOnnx(path);
            using var session = new InferenceSession(path);
            Assert.Equal(new[] { "input" }, session.InputMetadata.Keys.ToArray());
            Assert.Equal(new[] { -1, 28, 28 }, session.InputMetadata["input"].Dimensions);
            Assert.Equal(new[] { "dense_1" }, session.OutputMetadata.Keys.ToArray());
            byte[] bytes = File.ReadAllBytes(path);
            foreach (string weight in new[] { "dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias" })
                Assert.True(Contains(bytes, System.Text.Encoding.UTF8.GetBytes(weight)), $"the file has no tensor named {weight}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Model Create(string name) => name switch
    {
        "FashionMlp" => new NetGen.Samples.FashionMnist.FashionMlp(1),
        "DeepBatchNormMlp" => new NetGen.Samples.DeepBatchNorm.DeepBatchNormMlp(1),
        "DeepSeluMlp" => new NetGen.Samples.DeepBatchNorm.DeepSeluMlp(1),
        "DropoutMlp" => new NetGen.Samples.Regularization.DropoutMlp(1),
        "ResidualMlp" => new NetGen.Samples.ResidualFashionMnist.ResidualMlp(1),
        "FashionCnn" => new NetGen.Samples.FashionCnn.FashionCnn(1),
        "SequenceClassifier" => new NetGen.Samples.SequenceConv1D.SequenceClassifier(1),
        "FashionLstmNetwork" => new NetGen.Samples.FashionLstm.FashionLstmNetwork(1),
        "FortuneLstm" => new NetGen.Samples.TextLstm.FortuneLstm(1),
        "FortuneBagOfWords" => new NetGen.Samples.TextLstm.FortuneBagOfWords(1),
        "WideAndDeepRegressor" => new NetGen.Samples.WideAndDeep.WideAndDeepRegressor(1),
        "SequentialRegressor" => new NetGen.Samples.WideAndDeep.SequentialRegressor(1),
        "OnnxMergeNetwork" => new OnnxMergeNetwork(1),
        "OnnxConvolutionNetwork" => new OnnxConvolutionNetwork(1),
        "OnnxSequenceNetwork" => new OnnxSequenceNetwork(1),
        "FashionGruNetwork" => new NetGen.Samples.FashionLstm.FashionGruNetwork(1),
        "FashionSimpleRnnNetwork" => new NetGen.Samples.FashionLstm.FashionSimpleRnnNetwork(1),
        // Dense along the last axis of a sequence and of a feature map (a batched MatMul in ONNX).
        "DenseOverSteps" => new NetGen.Tests.Runtime.ParallelStepsMlp(1),
        "DenseOverMap" => new NetGen.Tests.Runtime.SqDenseOverMap(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a network of this test"),
    };

    /// <summary>Runs the export in ONNX Runtime on <paramref name="inputs"/> and compares every output value with Predict's row.</summary>
    private static void AssertOnnxMatchesPredict(Model model, IReadOnlyList<(string Name, float[] Values)> inputs, int batch)
    {
        float[] expected = inputs.Count == 1 ? model.Predict(inputs[0].Values) : model.Predict(inputs);
        Assert.Equal(batch * model.OutputSize, expected.Length);

        using var session = new InferenceSession(model.ToOnnx());
        var feeds = new List<NamedOnnxValue>();
        foreach (var (name, values) in inputs)
        {
            int[] shape = [batch, .. model.Description.Inputs.First(input => input.Name == name).Shape];
            feeds.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, shape)));
        }
        IReadOnlyList<OutputInfo> outputs = model.Description.Outputs;
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(feeds, outputs.Select(output => output.Name).ToArray());
        // Predict's row is every output's values side by side; ONNX gives one tensor per output.
        int offset = 0;
        for (int k = 0; k < outputs.Count; k++)
        {
            float[] actual = results.First(result => result.Name == outputs[k].Name).AsTensor<float>().ToArray();
            Assert.Equal(batch * outputs[k].Size, actual.Length);
            for (int b = 0; b < batch; b++)
            {
                for (int j = 0; j < outputs[k].Size; j++)
                {
                    float want = expected[b * model.OutputSize + offset + j], got = actual[b * outputs[k].Size + j];
                    Assert.True(Math.Abs(want - got) <= Tolerance * (1 + Math.Abs(want)),
                        $"{model.Description.Name} output '{outputs[k].Name}' sample {b} value {j}: Predict {want}, ONNX Runtime {got}");
                }
            }
            offset += outputs[k].Size;
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) >= 0;
}
