using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// What the fixtures do not cover: the schedule's step, global_clipnorm and weight decay checked against updates
/// computed here from the gradients, and determinism of every optimizer from run to run and across thread counts.
/// </summary>
public sealed class OptimizerUpdateTests
{
    private static readonly float[] SmallX = [0.5f, -1f, 2f, 0.25f, -0.3f, 0.8f, -1.5f, 1f, 1.2f, 0.1f, 0.4f, -0.7f];
    private static readonly float[] SmallY = [1f, -2f, 0.5f, 3f, -1f, 0.25f];

    /// <summary>Forward and backward on the small batch; returns the weights and gradients before the update.</summary>
    private static (float[] W, float[] G) Gradients(Model model)
    {
        model.Forward(SmallX, 3, training: true);
        model.Backward(SmallY);
        return (model.Parameters.ToArray(), model.Gradients.ToArray());
    }

    private static void AssertClose(IReadOnlyList<double> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6 + 1e-5 * Math.Abs(expected[i]), $"parameter {i}: expected {expected[i]}, found {actual[i]}");
    }

    [Fact]
    public void Schedule_IsEvaluatedAtIterationsBeforeEachUpdate()
    {
        var model = new OptSgdNet(seed: 3) { LearningRateSchedule = new PiecewiseConstantDecay([0, 1], [0.5, 0.25, 0.125]) };
        double[] rates = [0.5, 0.25, 0.125, 0.125];
        Assert.Equal(0.5, model.LearningRate); // the rate of the next step, before any
        foreach (double rate in rates)
        {
            var (w, g) = Gradients(model);
            model.ApplyGradients();
            AssertClose(w.Select((wi, i) => (double)wi - rate * g[i]).ToArray(), model.Parameters);
            Assert.Equal(rate, model.LearningRate);
        }
        Assert.Equal(4, model.Iterations);
    }

    [Fact]
    public void WithASchedule_TheLearningRateIsNotSettable_UntilTheScheduleIsRemoved()
    {
        var model = new OptSgdNet(seed: 3) { LearningRateSchedule = new ExponentialDecay(0.1, 10, 0.5) };
        var e = Assert.Throws<InvalidOperationException>(() => model.LearningRate = 0.01);
        Assert.Contains("follows its LearningRateSchedule (ExponentialDecay)", e.Message);

        model.LearningRateSchedule = null;
        model.LearningRate = 0.01;
        Assert.Equal(0.01, model.LearningRate);
    }

    [Fact]
    public void AScheduleGivingAnInvalidRate_IsAClearError()
    {
        var model = new OptSgdNet(seed: 3);
        var e = Assert.Throws<InvalidOperationException>(() => model.LearningRateSchedule = new NegativeSchedule());
        Assert.Contains("NegativeSchedule gave -1 at step 0", e.Message);
    }

    private sealed class NegativeSchedule : LearningRateSchedule
    {
        public override double Evaluate(long step) => -1;
    }

    [Fact]
    public void ReduceLROnPlateau_WithASchedule_RefusesBeforeTraining()
    {
        var model = new OptSgdNet(seed: 3) { LearningRateSchedule = new ExponentialDecay(0.1, 10, 0.5) };
        var data = new DataSet(SmallX, [4], SmallY, 2);
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(data, epochs: 2, batchSize: 3, verbose: 0, callbacks: [new ReduceLROnPlateau(monitor: "loss")]));
        Assert.Contains("ReduceLROnPlateau cannot reduce the learning rate", e.Message);
        Assert.Equal(0, model.Iterations);
    }

    [Fact]
    public void LearningRateScheduler_WithASchedule_IsAClearError()
    {
        var model = new OptSgdNet(seed: 3) { LearningRateSchedule = new ExponentialDecay(0.1, 10, 0.5) };
        var data = new DataSet(SmallX, [4], SmallY, 2);
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(data, epochs: 2, batchSize: 3, verbose: 0, callbacks: [new LearningRateScheduler(epoch => 0.01)]));
        Assert.Contains("not settable", e.Message);
    }

    [Fact]
    public void GlobalClipNorm_ScalesEveryGradientByTheNormOfAll()
    {
        var model = new OptSgdGlobalClipNet(seed: 5);
        var (w, g) = Gradients(model);
        double norm = Math.Sqrt(g.Sum(v => (double)v * v));
        Assert.True(norm > 0.01, $"the test needs a gradient norm above the limit; found {norm}");
        model.ApplyGradients();
        AssertClose(w.Select((wi, i) => wi - g[i] * 0.01 / norm).ToArray(), model.Parameters);
    }

    [Fact]
    public void WeightDecay_IsDecoupledAndUsesTheStepsLearningRate()
    {
        var model = new OptSgdWeightDecayNet(seed: 5);
        var (w, g) = Gradients(model);
        model.ApplyGradients();
        // Keras: w -= w * weight_decay * lr, then w -= lr * g (every weight, the bias too).
        AssertClose(w.Select((wi, i) => wi - wi * 0.1 * 0.5 - 0.5 * g[i]).ToArray(), model.Parameters);
    }

    public static TheoryData<string> LargeNetworks() => new() { "RmsProp", "Nadam", "AdamW", "Adagrad", "Adadelta" };

    private static Model CreateLarge(string name, int seed) => name switch
    {
        "RmsProp" => new OptLargeRmsProp(seed),
        "Nadam" => new OptLargeNadam(seed),
        "AdamW" => new OptLargeAdamW(seed),
        "Adagrad" => new OptLargeAdagrad(seed),
        "Adadelta" => new OptLargeAdadelta(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Three steps on one batch of 32 random images; returns the bits of the weights and of the optimizer state.</summary>
    internal static int[] TrainLarge(Model model, int threads)
    {
        model.Threads = threads;
        var random = new SeededRandom(9);
        float[] x = new float[32 * 784];
        float[] y = new float[32];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle();
        for (int i = 0; i < y.Length; i++) y[i] = random.NextInt32(10);
        for (int step = 0; step < 3; step++) model.TrainStep(x, y, 32);
        return model.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    [Theory]
    [MemberData(nameof(LargeNetworks))]
    public void EveryOptimizer_IsBitIdenticalFromRunToRun_AndAcrossThreadCounts(string name)
    {
        int[] first = TrainLarge(CreateLarge(name, 1), threads: 2);
        int[] second = TrainLarge(CreateLarge(name, 1), threads: 2);
        int[] oneThread = TrainLarge(CreateLarge(name, 1), threads: 1);
        int[] initial = CreateLarge(name, 1).Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

        Assert.NotEqual(initial, first); // it trained
        Assert.Equal(first, second);
        Assert.Equal(first, oneThread); // slices of 16 (and aligned vector blocks for ClipNorm): the thread count does not change the bits
    }
}
