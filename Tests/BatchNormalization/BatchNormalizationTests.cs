using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Runtime;
using Xunit.Abstractions;

namespace NetGen.Tests.BatchNormalization;

/// <summary>
/// BatchNormalization against Keras (keras-reference.md §1): batch statistics and the moving-statistics update
/// against hand-computed values, inference with the moving statistics (Forward, Predict, Evaluate, validation),
/// finite-difference gradients through the batch statistics, frozen layers, the weight layout and files, threads.
/// </summary>
public sealed class BatchNormalizationTests
{
    private readonly ITestOutputHelper _output;

    public BatchNormalizationTests(ITestOutputHelper output) => _output = output;

    // Four samples of two channels: channel 0 = 1, 2, 3, 4 (mean 2.5, biased variance 1.25);
    // channel 1 = 0, 0, 0, 4 (mean 1, biased variance (1 + 1 + 1 + 9) / 4 = 3).
    private static readonly float[] s_x = [1, 0, 2, 0, 3, 0, 4, 4];
    private static readonly float[] s_labels = [0.5f, -1, 0, 0.25f, 1, 2, -0.5f, 0];
    private static readonly double[] s_gamma = [2, 0.5], s_beta = [0.1, -0.2];

    private static BnOnly NewBnOnly()
    {
        var model = new BnOnly();
        model.SetWeights("batch_normalization/gamma", s_gamma.Select(v => (float)v).ToArray());
        model.SetWeights("batch_normalization/beta", s_beta.Select(v => (float)v).ToArray());
        return model;
    }

    /// <summary>y = γ·(x − μ)/√(σ² + 1e-3) + β per element of <see cref="s_x"/>, for the given per-channel statistics.</summary>
    private static double[] Normalized(double[] mean, double[] variance)
    {
        var y = new double[s_x.Length];
        for (int i = 0; i < y.Length; i++)
        {
            int c = i % 2;
            y[i] = s_gamma[c] * (s_x[i] - mean[c]) / Math.Sqrt(variance[c] + (double)1e-3f) + s_beta[c];
        }
        return y;
    }

    [Fact]
    public void TrainingForward_UsesTheBatchMeanAndBiasedVariance_AndUpdatesTheMovingStatistics()
    {
        BnOnly model = NewBnOnly();

        float[] output = model.Forward(s_x, 4, training: true).ToArray();

        AssertClose(Normalized([2.5, 1], [1.25, 3]), output, 1e-5, "training output");
        // moving = moving·0.9 + batch·0.1 from the initial 0 / 1.
        AssertClose([0.25, 0.1], model.GetWeights("batch_normalization/moving_mean"), 1e-6, "moving_mean after one pass");
        AssertClose([1.025, 1.2], model.GetWeights("batch_normalization/moving_variance"), 1e-6, "moving_variance after one pass (biased variance)");

        model.Forward(s_x, 4, training: true);

        AssertClose([0.475, 0.19], model.GetWeights("batch_normalization/moving_mean"), 1e-6, "moving_mean after two passes");
        AssertClose([1.0475, 1.38], model.GetWeights("batch_normalization/moving_variance"), 1e-6, "moving_variance after two passes");
    }

    [Fact]
    public void Inference_UsesTheMovingStatistics_InForwardPredictAndEvaluate_WithoutUpdatingThem()
    {
        BnOnly model = NewBnOnly();
        model.SetWeights("batch_normalization/moving_mean", [1, -1]);
        model.SetWeights("batch_normalization/moving_variance", [4, 0.25f]);
        double[] expected = Normalized([1, -1], [4, 0.25]);

        float[] forward = model.Forward(s_x, 4, training: false).ToArray();
        float[] predicted = model.Predict(s_x, batchSize: 3); // batches of 3 and 1: statistics must not depend on the batch
        EvaluationResult evaluation = model.Evaluate(new DataSet(s_x, [2], s_labels, 2), batchSize: 4);

        AssertClose(expected, forward, 1e-5, "Forward(training: false)");
        AssertClose(expected, predicted, 1e-5, "Predict");
        double mse = expected.Select((y, i) => (y - s_labels[i]) * (y - s_labels[i])).Average();
        Assert.Equal(mse, evaluation.Loss, 5);
        Assert.Equal([1f, -1f], model.GetWeights("batch_normalization/moving_mean"));
        Assert.Equal([4f, 0.25f], model.GetWeights("batch_normalization/moving_variance"));
    }

    /// <summary>
    /// Keras's fit: the moving statistics move once per training batch (in its training-mode forward pass, whose
    /// output also gives the reported loss); validation runs in inference mode and moves nothing.
    /// </summary>
    [Fact]
    public void Fit_UpdatesTheMovingStatisticsOncePerBatch_AndValidationDoesNot()
    {
        BnOnly model = NewBnOnly();
        var data = new DataSet(s_x, [2], s_labels, 2);

        History history = model.Fit(data, epochs: 1, batchSize: 4, shuffle: false, verbose: 0, validationData: data);

        AssertClose([0.25, 0.1], model.GetWeights("batch_normalization/moving_mean"), 1e-6, "moving_mean after one batch and a validation pass");
        AssertClose([1.025, 1.2], model.GetWeights("batch_normalization/moving_variance"), 1e-6, "moving_variance after one batch and a validation pass");
        double[] training = Normalized([2.5, 1], [1.25, 3]);
        double loss = training.Select((y, i) => (y - s_labels[i]) * (y - s_labels[i])).Average();
        Assert.Equal(loss, history["loss"][0], 5);
        Assert.NotEqual(history["loss"][0], history["val_loss"][0], 3);
    }

    /// <summary>A frozen layer normalizes with the moving statistics in training too and changes neither them nor γ, β.</summary>
    [Fact]
    public void FrozenLayer_UsesTheMovingStatisticsInTraining_AndNothingOfItIsUpdated()
    {
        var model = new BnFrozen(seed: 5);
        model.SetWeights("batch_normalization/gamma", [1.5f, 0.5f, -1]);
        model.SetWeights("batch_normalization/beta", [0.1f, 0.2f, 0.3f]);
        model.SetWeights("batch_normalization/moving_mean", [0.5f, -0.5f, 0.25f]);
        model.SetWeights("batch_normalization/moving_variance", [2, 0.5f, 1.5f]);
        float[] before = model.Parameters.ToArray();
        var random = new SeededRandom(8);
        float[] x = TestData.Uniform(random, 6 * 4), labels = TestData.Uniform(random, 6 * 2);

        float[] inference = model.Forward(x, 6, training: false).ToArray();
        float[] training = model.Forward(x, 6, training: true).ToArray();
        model.TrainStep(x, labels, 6);

        Assert.Equal(TestData.Bits(inference), TestData.Bits(training));
        foreach (string name in new[] { "gamma", "beta", "moving_mean", "moving_variance" })
        {
            WeightInfo weight = model.Description.GetWeight("batch_normalization/" + name);
            Assert.False(weight.Trainable, name + " of a frozen layer is non-trainable");
            Assert.True(before.AsSpan(weight.Offset, weight.Length).SequenceEqual(model.Parameters.Slice(weight.Offset, weight.Length)), name + " changed");
        }
        WeightInfo kernel = model.Description.GetWeight("dense/kernel");
        Assert.False(before.AsSpan(kernel.Offset, kernel.Length).SequenceEqual(model.Parameters.Slice(kernel.Offset, kernel.Length)), "the Dense before the frozen layer still trains");
        Assert.Equal(15 + 8, model.Description.TrainableParameterCount);
        Assert.Equal(15 + 8 + 12, model.Description.ParameterCount);
    }

    /// <summary>
    /// Central differences of the training-mode loss (batch statistics, so the full gradient through μ and σ²): γ and
    /// β directly, and the input gradient through dense/kernel (= xᵀ·dx) where a Dense comes before the layer.
    /// </summary>
    [Theory]
    [InlineData("alone (gamma, beta)", 5)]
    [InlineData("after dense (input, gamma, beta)", 5)]
    [InlineData("after dense (input, gamma, beta)", 2)]
    [InlineData("after dense (input, gamma, beta)", 17)]
    [InlineData("no center, no scale (input)", 6)]
    [InlineData("after dense, 13 channels (input, gamma, beta)", 7)]
    [InlineData("frozen (input through the moving statistics)", 5)]
    [InlineData("frozen, 11 channels (input through the moving statistics)", 5)]
    public void Gradients_MatchCentralDifferences(string name, int batch)
    {
        var random = new SeededRandom(77);
        Model model = name switch
        {
            "alone (gamma, beta)" => new BnOnly(),
            "after dense (input, gamma, beta)" => new BnDense(),
            "no center, no scale (input)" => new BnNoCenterNoScale(),
            "after dense, 13 channels (input, gamma, beta)" => new BnDense13(),
            "frozen (input through the moving statistics)" => new BnFrozen(),
            _ => new BnFrozen11(),
        };
        TestData.RandomizeWeights(model, random);
        model.SetWeights("batch_normalization/moving_variance", Enumerable.Range(0, model.Description.GetWeight("batch_normalization/moving_variance").Length).Select(i => 0.5f + 0.3f * i).ToArray());
        float[] inputs = TestData.Uniform(random, batch * model.InputSize);
        float[] labels = model.Description.UsesClassIndexLabels
            ? TestData.ClassLabels(random, batch, model.OutputSize)
            : TestData.Uniform(random, batch * model.OutputSize);

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>Keras's weight order per layer; every trainable weight before every non-trainable one in the flat buffer.</summary>
    [Fact]
    public void Weights_AreInKerasOrder_WithTheNonTrainableOnesAfterTheTrainableHead()
    {
        var model = new BnDense();
        var weights = model.Description.Weights;

        Assert.Equal(
            ["dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta", "batch_normalization/moving_mean",
             "batch_normalization/moving_variance", "dense_1/kernel", "dense_1/bias"],
            weights.Select(w => w.Name));
        Assert.Equal([true, true, true, true, false, false, true, true], weights.Select(w => w.Trainable));
        int trainable = model.Description.TrainableParameterCount;
        Assert.Equal(20 + 5 + 5 + 5 + 15 + 3, trainable);
        Assert.All(weights.Where(w => w.Trainable), w => Assert.True(w.Offset + w.Length <= trainable, w.Name));
        Assert.All(weights.Where(w => !w.Trainable), w => Assert.True(w.Offset >= trainable, w.Name));
        // Together they tile the buffer exactly.
        var covered = new bool[model.Description.ParameterCount];
        foreach (WeightInfo w in weights)
        {
            for (int i = w.Offset; i < w.Offset + w.Length; i++)
            {
                Assert.False(covered[i], $"{w.Name} overlaps another weight at {i}");
                covered[i] = true;
            }
        }
        Assert.All(covered, Assert.True);
        // Keras's initializers: γ ones, β zeros, moving mean zeros, moving variance ones.
        Assert.All(model.GetWeights("batch_normalization/gamma"), v => Assert.Equal(1f, v));
        Assert.All(model.GetWeights("batch_normalization/beta"), v => Assert.Equal(0f, v));
        Assert.All(model.GetWeights("batch_normalization/moving_mean"), v => Assert.Equal(0f, v));
        Assert.All(model.GetWeights("batch_normalization/moving_variance"), v => Assert.Equal(1f, v));
    }

    /// <summary>Keras 2.15's summary, written by hand: the BN row wraps after 26 characters; moving statistics are non-trainable.</summary>
    [Fact]
    public void Summary_IsTheKeras2Table_WithNonTrainableParams()
    {
        string[] expected =
        [
            "Model: \"BnSummary\"",
            new('_', 65),
            " Layer (type)                Output Shape              Param #   ",
            new('=', 65),
            " dense (Dense)               (None, 100)               78500     ",
            new(' ', 65),
            " batch_normalization (Batch  (None, 100)               400       ",
            " Normalization)                                                  ",
            new(' ', 65),
            " dense_1 (Dense)             (None, 10)                1010      ",
            new(' ', 65),
            new('=', 65),
            "Total params: 79910 (312.15 KB)",
            "Trainable params: 79710 (311.37 KB)",
            "Non-trainable params: 200 (800.00 Byte)",
            new('_', 65),
        ];

        Assert.Equal(expected, new BnSummary().GetSummary().Split('\n')[..^1]);
    }

    [Fact]
    public void Summary_OfAFrozenLayer_CountsGammaAndBetaAsNonTrainable()
    {
        string[] lines = new BnFrozen().GetSummary().Split('\n');

        Assert.Equal(" batch_normalization (Batch  (None, 3)                 12        ", lines[6]);
        Assert.Equal(
            ["Total params: 35 (140.00 Byte)", "Trainable params: 23 (92.00 Byte)", "Non-trainable params: 12 (48.00 Byte)"],
            lines[^5..^2]);
    }

    /// <summary>SaveWeights/LoadWeights carry the moving statistics; a checkpoint has optimizer state for trainable weights only.</summary>
    [Fact]
    public void WeightsAndCheckpoints_CarryTheMovingStatistics_AndNoOptimizerStateForThem()
    {
        string folder = Path.Combine(Path.GetTempPath(), "netgen-bn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            DataSet data = TestData.Classification(64, seed: 4, inputs: 4);
            var trained = new BnDense(seed: 1);
            trained.Fit(data, epochs: 2, batchSize: 16, verbose: 0);
            float[] movingMean = trained.GetWeights("batch_normalization/moving_mean");
            Assert.Contains(movingMean, v => v != 0f);

            string weightsPath = Path.Combine(folder, "bn.safetensors");
            trained.SaveWeights(weightsPath);
            var loaded = new BnDense(seed: 2);
            loaded.LoadWeights(weightsPath);

            Assert.Equal(TestData.Bits(trained.Parameters), TestData.Bits(loaded.Parameters));
            Assert.Equal(TestData.Bits(trained.Predict(data.Features)), TestData.Bits(loaded.Predict(data.Features)));
            SafeTensorsFile file = SafeTensorsReader.ReadFile(weightsPath);
            Assert.Equal(movingMean, file.Find("batch_normalization/moving_mean")!.Values);

            string checkpointPath = Path.Combine(folder, "bn.ckpt.safetensors");
            trained.SaveCheckpoint(checkpointPath);
            string[] names = SafeTensorsReader.ReadFile(checkpointPath).Tensors.Select(t => t.Name).ToArray();
            Assert.Contains("optimizer/batch_normalization/gamma/momentum", names);
            Assert.Contains("optimizer/dense/kernel/velocity", names);
            Assert.DoesNotContain(names, n => n.StartsWith("optimizer/batch_normalization/moving_", StringComparison.Ordinal));

            // Resuming from the checkpoint reproduces the uninterrupted run, moving statistics included.
            var resumed = new BnDense(seed: 3);
            resumed.LoadCheckpoint(checkpointPath);
            trained.Fit(data, epochs: 3, initialEpoch: 2, batchSize: 16, verbose: 0);
            resumed.Fit(data, epochs: 3, initialEpoch: 2, batchSize: 16, verbose: 0);
            Assert.Equal(TestData.Bits(trained.Parameters), TestData.Bits(resumed.Parameters));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>With a batch large enough to split the channels over threads, two threads give the bits of one.</summary>
    [Fact]
    public void TwoThreads_GiveTheBitsOfOneThread()
    {
        var random = new SeededRandom(21);
        const int Batch = 4096;
        float[] x = TestData.Uniform(random, Batch * 20);
        float[] labels = TestData.ClassLabels(random, Batch, 10);
        var single = new BnWide(seed: 6) { Threads = 1 };
        var parallel = new BnWide(seed: 6) { Threads = 2 };

        for (int step = 0; step < 3; step++)
        {
            single.TrainStep(x, labels, Batch);
            parallel.TrainStep(x, labels, Batch);
        }

        Assert.Equal(TestData.Bits(single.Parameters), TestData.Bits(parallel.Parameters));
        Assert.Equal(TestData.Bits(single.Predict(x, 512)), TestData.Bits(parallel.Predict(x, 512)));
    }

    /// <summary>A channel's statistics do not depend on how the channels are sliced (every slice start, SIMD lane or tail).</summary>
    [Fact]
    public void BatchStatistics_DoNotDependOnTheChannelSlices()
    {
        const int Rows = 37, Channels = 23;
        float[] x = TestData.Uniform(new SeededRandom(3), Rows * Channels, -3, 5);
        (float[] Mean, float[] InvStd, float[] MovingMean, float[] MovingVariance) Run(params int[] cuts)
        {
            float[] mean = new float[Channels], invStd = new float[Channels], mm = new float[Channels], mv = Enumerable.Repeat(1f, Channels).ToArray();
            for (int i = 0; i + 1 < cuts.Length; i++)
                Kernels.BatchNormalization.BatchStatistics(mean, invStd, mm, mv, x, Rows, Channels, 1e-3f, 0.01f, cuts[i], cuts[i + 1]);
            return (mean, invStd, mm, mv);
        }

        var whole = Run(0, Channels);
        foreach (int[] cuts in new[] { new[] { 0, 1, Channels }, new[] { 0, 5, 13, 22, Channels }, Enumerable.Range(0, Channels + 1).ToArray() })
        {
            var sliced = Run(cuts);
            Assert.Equal(TestData.Bits(whole.Mean), TestData.Bits(sliced.Mean));
            Assert.Equal(TestData.Bits(whole.InvStd), TestData.Bits(sliced.InvStd));
            Assert.Equal(TestData.Bits(whole.MovingMean), TestData.Bits(sliced.MovingMean));
            Assert.Equal(TestData.Bits(whole.MovingVariance), TestData.Bits(sliced.MovingVariance));
        }
    }

    /// <summary>The backward pass of a channel does not depend on how the channels are sliced (every slice start, SIMD lane or tail).</summary>
    [Fact]
    public void Backward_DoesNotDependOnTheChannelSlices()
    {
        const int Rows = 37, Channels = 23;
        var random = new SeededRandom(4);
        float[] dy = TestData.Uniform(random, Rows * Channels, -1, 1), xHat = TestData.Uniform(random, Rows * Channels, -2, 2);
        float[] gamma = TestData.Uniform(random, Channels, 0.5f, 1.5f), invStd = TestData.Uniform(random, Channels, 0.2f, 3f);
        (float[] Dx, float[] DGamma, float[] DBeta) Run(params int[] cuts)
        {
            float[] dx = new float[Rows * Channels], dGamma = new float[Channels], dBeta = new float[Channels];
            for (int i = 0; i + 1 < cuts.Length; i++)
                Kernels.BatchNormalization.Backward(dx, dGamma, dBeta, dy, xHat, gamma, invStd, Rows, Channels, cuts[i], cuts[i + 1]);
            return (dx, dGamma, dBeta);
        }

        var whole = Run(0, Channels);
        Assert.Contains(whole.Dx, v => v != 0);
        foreach (int[] cuts in new[] { new[] { 0, 1, Channels }, new[] { 0, 5, 13, 22, Channels }, Enumerable.Range(0, Channels + 1).ToArray() })
        {
            var sliced = Run(cuts);
            Assert.Equal(TestData.Bits(whole.Dx), TestData.Bits(sliced.Dx));
            Assert.Equal(TestData.Bits(whole.DGamma), TestData.Bits(sliced.DGamma));
            Assert.Equal(TestData.Bits(whole.DBeta), TestData.Bits(sliced.DBeta));
        }
    }

    /// <summary>
    /// The moments are accumulated in double: 4096 values of 10000 ± 0.5 have variance 0.25 exactly, which a float
    /// running sum (41 million, beyond float's 24 bits) would lose.
    /// </summary>
    [Fact]
    public void BatchStatistics_AccumulateInDouble()
    {
        const int Rows = 4096, Channels = 9;
        var x = new float[Rows * Channels];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Channels; c++) x[r * Channels + c] = 10000f + (r % 2 == 0 ? 0.5f : -0.5f) + c;
        }
        float[] mean = new float[Channels], invStd = new float[Channels], mm = new float[Channels], mv = new float[Channels];

        Kernels.BatchNormalization.BatchStatistics(mean, invStd, mm, mv, x, Rows, Channels, 1e-3f, 0.01f, 0, Channels);

        for (int c = 0; c < Channels; c++)
        {
            Assert.Equal(10000f + c, mean[c]);
            Assert.Equal((float)(1 / Math.Sqrt(0.25 + (double)1e-3f)), invStd[c]);
            Assert.Equal(0.0025f, mv[c], 7);
        }
    }

    /// <summary>
    /// The elementwise kernels on every SIMD path (13 channels: vectors and a scalar tail) against their formulas:
    /// y = γ·(x − μ)·invStd + β with x̂ kept, γ = 1 / β = 0 when absent, and the frozen backward dx = dy·γ·invStd.
    /// </summary>
    [Fact]
    public void ElementwiseKernels_MatchTheirFormulas()
    {
        const int Rows = 3, Channels = 13;
        var random = new SeededRandom(11);
        float[] x = TestData.Uniform(random, Rows * Channels, -2, 2), dy = TestData.Uniform(random, Rows * Channels);
        float[] mean = TestData.Uniform(random, Channels), invStd = TestData.Uniform(random, Channels, 0.5f, 2);
        float[] gamma = TestData.Uniform(random, Channels), beta = TestData.Uniform(random, Channels);
        float[] y = new float[Rows * Channels], xHat = new float[Rows * Channels], plain = new float[Rows * Channels], dx = new float[Rows * Channels];

        Kernels.BatchNormalization.Normalize(y, xHat, x, mean, invStd, gamma, beta, Rows, Channels, 0, Channels);
        Kernels.BatchNormalization.Normalize(plain, Span<float>.Empty, x, mean, invStd, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, Rows, Channels, 0, Channels);
        Kernels.BatchNormalization.BackwardFrozen(dx, dy, gamma, invStd, Rows, Channels, 0, Channels);

        for (int i = 0; i < x.Length; i++)
        {
            int c = i % Channels;
            double h = ((double)x[i] - mean[c]) * invStd[c];
            Assert.Equal(h, xHat[i], 5);
            Assert.Equal(h, plain[i], 5);
            Assert.Equal(gamma[c] * h + beta[c], y[i], 5);
            Assert.Equal((double)dy[i] * gamma[c] * invStd[c], dx[i], 5);
        }
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, found {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]}, found {actual[i]}");
        }
    }
}
