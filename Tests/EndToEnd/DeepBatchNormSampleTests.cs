using System;
using System.Linq;
using NetGen.Samples.DeepBatchNorm;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// Samples/DeepBatchNorm's two networks (its Deep*Mlp.cs files, compiled into this assembly): the architecture the
/// issue asks for — 20 × [Dense(100, relu), BatchNormalization] then Dense(10, softmax), and the selu variant
/// 20 × Dense(100, selu) with LeCun-normal kernels and no BatchNormalization — SGD at 0.01, and a short training run.
/// </summary>
public sealed class DeepBatchNormSampleTests
{
    [Fact]
    public void BatchNormVariant_Is20DenseBatchNormBlocks_ThenASoftmax_WithSgdAt001()
    {
        var model = new DeepBatchNormMlp(seed: 1);
        ModelDescription description = model.Description;

        string[] expected = ["Flatten", .. Enumerable.Range(0, 20).SelectMany(_ => new[] { "Dense", "BatchNormalization" }), "Dense"];
        Assert.Equal(expected, description.Layers.Select(l => l.Type).ToArray());
        Assert.All(description.Layers.Where(l => l.Type != "Flatten").Take(40), l => Assert.Equal("(None, 100)", l.OutputShape));
        Assert.Equal("(None, 10)", description.Layers[^1].OutputShape);
        // Dense: 784·100 + 100, then 19 × (100·100 + 100), then 100·10 + 10; BatchNormalization: 20 × 4 × 100, half of it
        // (the moving statistics) non-trainable.
        Assert.Equal(78_500 + 19 * 10_100 + 1_010 + 20 * 400, description.ParameterCount);
        Assert.Equal(78_500 + 19 * 10_100 + 1_010 + 20 * 200, description.TrainableParameterCount);
        Assert.Equal(Optimizer.Sgd, description.Optimizer);
        Assert.Equal(0.01, model.LearningRate);
        Assert.Equal(Loss.SparseCategoricalCrossentropy, description.Loss);
        Assert.Equal([Metric.Accuracy], description.Metrics);
        Assert.All(description.Weights.Where(w => w.Name.EndsWith("/kernel", StringComparison.Ordinal)), w => Assert.Equal(Initializer.GlorotUniform, w.Initializer));
    }

    [Fact]
    public void SeluVariant_Is20SeluDenseLayersWithLecunNormalKernels_AndNoBatchNormalization()
    {
        var model = new DeepSeluMlp(seed: 1);
        ModelDescription description = model.Description;

        string[] expected = ["Flatten", .. Enumerable.Repeat("Dense", 21)];
        Assert.Equal(expected, description.Layers.Select(l => l.Type).ToArray());
        Assert.Equal(78_500 + 19 * 10_100 + 1_010, description.ParameterCount);
        Assert.Equal(Optimizer.Sgd, description.Optimizer);
        Assert.Equal(0.01, model.LearningRate);
        WeightInfo[] kernels = description.Weights.Where(w => w.Name.EndsWith("/kernel", StringComparison.Ordinal)).ToArray();
        Assert.Equal(21, kernels.Length);
        Assert.All(kernels.Take(20), w => Assert.Equal(Initializer.LecunNormal, w.Initializer));
    }

    /// <summary>
    /// selu is in every hidden layer: with identity-like hidden kernels (unit c reads input c), zero biases and an output
    /// layer whose only non-zero weight carries hidden unit 0 into logit 0, an image of −1 gives logit 0 = selu applied
    /// 20 times to −1 (computed here in double) and the nine other logits 0. relu would give p = 0.1 for every class.
    /// </summary>
    [Fact]
    public void SeluVariant_AppliesSeluInEveryHiddenLayer()
    {
        var model = new DeepSeluMlp(seed: 1);
        foreach (WeightInfo weight in model.Description.Weights)
        {
            float[] values = new float[weight.Length];
            if (weight.Name == "dense_20/kernel")
                values[0] = 1f;
            else if (weight.Name.EndsWith("/kernel", StringComparison.Ordinal))
            {
                int cols = weight.Shape[1];
                for (int c = 0; c < cols; c++) values[c * cols + c] = 1f;
            }
            model.SetWeights(weight.Name, values);
        }
        float[] image = new float[784];
        Array.Fill(image, -1f);

        static double Selu(double x) => x > 0 ? 1.0507009873554805 * x : 1.0507009873554805 * 1.6732632423543772 * (Math.Exp(x) - 1);
        double hidden = -1;
        for (int layer = 0; layer < 20; layer++) hidden = Selu(hidden);
        double expected = Math.Exp(hidden) / (Math.Exp(hidden) + 9);

        float[] output = model.Predict(image);
        Assert.Equal(expected, output[0], 5);
        Assert.All(output.Skip(1), p => Assert.Equal(1 / (Math.Exp(hidden) + 9), p, 5));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EachVariant_TrainsAFewBatches(bool selu)
    {
        var (train, _) = FashionMnistSubset.Load();
        Model model = selu ? new DeepSeluMlp(seed: 42) : new DeepBatchNormMlp(seed: 42);
        float[] before = model.Parameters.ToArray();

        History history = model.Fit(train.Slice(0, 96), epochs: 1, batchSize: 32, validationData: train.Slice(96, 32), verbose: 0);

        Assert.Equal(3, model.Iterations);
        Assert.True(double.IsFinite(history["loss"][0]) && history["loss"][0] > 0, $"training loss {history["loss"][0]}");
        Assert.InRange(history["val_accuracy"][0], 0.0, 1.0);
        Assert.False(model.Parameters.SequenceEqual(before), "three SGD steps must change the weights");
    }
}
