using System;

namespace NetGen.Tests.Runtime;

/// <summary>Threads split kernels by rows; the partition depends only on the thread count, never on timing.</summary>
public sealed class ThreadingTests
{
    [Fact]
    public void TwoThreadsGiveTheBitsOfOneThread()
    {
        var (train, _) = FashionMnistSubset.Load();
        DataSet subset = train.Slice(0, 320);
        var single = new EndToEnd.EndToEndMlp(seed: 3) { Threads = 1 };
        var parallel = new EndToEnd.EndToEndMlp(seed: 3) { Threads = 2 };
        single.Fit(subset, epochs: 1, batchSize: 64, verbose: 0);
        parallel.Fit(subset, epochs: 1, batchSize: 64, verbose: 0);
        Assert.True(single.Parameters.SequenceEqual(parallel.Parameters),
            "row-split kernels and 16-aligned optimizer slices must reproduce the single-thread bits exactly");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void HiddenLayerBackwardOnSeveralThreadsGivesTheBitsOfOneThread(int threads)
    {
        // Two hidden layers large enough to run in parallel, the second of which needs dx: its dW and dx are one task,
        // a part each on two threads, and split further on three.
        var (train, _) = FashionMnistSubset.Load();
        DataSet subset = train.Slice(0, 384);
        var single = new ParallelHiddenMlp(seed: 4) { Threads = 1 };
        var parallel = new ParallelHiddenMlp(seed: 4) { Threads = threads };
        single.Fit(subset, epochs: 1, batchSize: 128, verbose: 0);
        parallel.Fit(subset, epochs: 1, batchSize: 128, verbose: 0);
        Assert.True(single.Parameters.SequenceEqual(parallel.Parameters),
            $"{threads} threads must reproduce the single-thread bits exactly");
        Assert.NotEqual(new ParallelHiddenMlp(seed: 4).Parameters.ToArray(), single.Parameters.ToArray());
    }

    /// <summary>Dense over the 28 steps of each image (T·B rows): the row split, the input-block split of a first layer and the dx/dW split all cut samples, never steps.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void DenseOverStepsOnSeveralThreadsGivesTheBitsOfOneThread(int threads)
    {
        var (train, _) = FashionMnistSubset.Load();
        DataSet subset = train.Slice(0, 192);
        var single = new ParallelStepsMlp(seed: 5) { Threads = 1 };
        var parallel = new ParallelStepsMlp(seed: 5) { Threads = threads };
        single.Fit(subset, epochs: 1, batchSize: 64, verbose: 0);
        parallel.Fit(subset, epochs: 1, batchSize: 64, verbose: 0);
        Assert.True(single.Parameters.SequenceEqual(parallel.Parameters),
            $"{threads} threads must reproduce the single-thread bits exactly");
        Assert.NotEqual(new ParallelStepsMlp(seed: 5).Parameters.ToArray(), single.Parameters.ToArray());
    }

    /// <summary>The recurrent layers' T·B-row products (projection; dW, dU, dx) split over threads; the steps stay on one.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void RecurrentProductsOnSeveralThreadsGiveTheBitsOfOneThread(int threads)
    {
        var (train, _) = FashionMnistSubset.Load();
        DataSet subset = train.Slice(0, 192);
        var single = new ParallelRecurrent(seed: 6) { Threads = 1 };
        var parallel = new ParallelRecurrent(seed: 6) { Threads = threads };
        // Batch 128: every T·B-row product is above the split threshold (4.2 M multiply-adds on Vector512), the smallest
        // (the GRU's projection, 28·16·96 per sample) at 5.5 M.
        single.Fit(subset, epochs: 1, batchSize: 128, verbose: 0);
        parallel.Fit(subset, epochs: 1, batchSize: 128, verbose: 0);
        Assert.True(single.Parameters.SequenceEqual(parallel.Parameters),
            $"{threads} threads must reproduce the single-thread bits exactly");
        Assert.NotEqual(new ParallelRecurrent(seed: 6).Parameters.ToArray(), single.Parameters.ToArray());
    }

    /// <summary>
    /// Fit switches between two threads and one while it measures which is faster (<see cref="Model.AdaptThreads"/>): the
    /// bits must be those of one thread, through convolutions, BatchNormalization, pooling and Dropout.
    /// </summary>
    [Fact]
    public void AdaptiveThreadsGiveTheBitsOfOneThread()
    {
        var (train, _) = FashionMnistSubset.Load();
        DataSet subset = train.Slice(0, 1280).Reshape(28, 28, 1);
        var single = new ParallelCnn(seed: 7) { Threads = 1 };
        var fixedCount = new ParallelCnn(seed: 7) { Threads = 2, AdaptThreads = false };
        var adaptive = new ParallelCnn(seed: 7) { Threads = 2 };
        single.Fit(subset, epochs: 1, batchSize: 32, verbose: 0);
        fixedCount.Fit(subset, epochs: 1, batchSize: 32, verbose: 0);
        adaptive.Fit(subset, epochs: 1, batchSize: 32, verbose: 0);

        Assert.Null(single.LastThreadTuner);
        Assert.Null(fixedCount.LastThreadTuner);
        ThreadCountTuner tuner = adaptive.LastThreadTuner!;
        Assert.True(tuner.Trials >= 1, "40 steps hold at least one trial");
        Assert.True(tuner.StepsOnOneThread > 0 && tuner.StepsOnManyThreads > 0, "a trial runs steps on both counts");
        Assert.Equal(40, tuner.StepsOnOneThread + tuner.StepsOnManyThreads);
        Assert.Equal(2, adaptive.ThreadsInUse); // back to Threads once Fit returns
        Assert.True(single.Parameters.SequenceEqual(fixedCount.Parameters), "two threads must reproduce the single-thread bits exactly");
        Assert.True(single.Parameters.SequenceEqual(adaptive.Parameters), "switching thread counts between steps must not change the bits");
        Assert.NotEqual(new ParallelCnn(seed: 7).Parameters.ToArray(), single.Parameters.ToArray());
    }

    [Fact]
    public void RepeatedParallelRunsAreBitIdentical()
    {
        var (train, _) = FashionMnistSubset.Load();
        DataSet subset = train.Slice(0, 256);
        float[]? first = null;
        for (int run = 0; run < 3; run++)
        {
            var model = new EndToEnd.EndToEndMlp(seed: 9) { Threads = 2 };
            model.Fit(subset, epochs: 1, batchSize: 128, verbose: 0);
            float[] weights = model.Parameters.ToArray();
            if (first is null) first = weights;
            else Assert.True(first.AsSpan().SequenceEqual(weights), $"run {run + 1} differs from run 1");
        }
    }

    [Fact]
    public void ThreadsMustBePositive()
    {
        var model = new EndToEnd.EndToEndMlp();
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Threads = 0);
        Assert.Equal(Environment.ProcessorCount, model.Threads);
        Assert.True(model.AdaptThreads);
        model.Threads = 1;
        Assert.Equal(1, model.ThreadsInUse);
    }
}

/// <summary>A convolution large enough to split over threads at batch 32 (6.2 M multiply-adds), then the layers that keep per-step state.</summary>
[Network]
[Input(28, 28, 1)]
[Conv2D(16, 3, Activation.Relu)]
[BatchNormalization]
[MaxPooling2D(2)]
[Dropout(0.25)]
[Flatten]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class ParallelCnn;

/// <summary>784 → 256 → 256 → 10: at batch 128 the 256 → 256 layer is split over threads and needs its input gradient.</summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(256, Activation.Relu)]
[Dense(256, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class ParallelHiddenMlp;

/// <summary>
/// Dense(32) and Dense(16) over each image's 28 rows as steps: both large enough to split over threads, the second
/// needing dx. Tanh rather than ReLU: the gradient check also runs it, and 84 rows of ReLUs put too many weights at kinks.
/// </summary>
[Network]
[Input(28, 28)]
[Dense(32, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Flatten]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class ParallelStepsMlp;

/// <summary>An LSTM over the 28 rows as steps, then a GRU (whose dx flows back into the LSTM): both large enough to split their T·B-row products.</summary>
[Network]
[Input(28, 28)]
[LSTM(16, ReturnSequences = true)]
[GRU(32)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class ParallelRecurrent;
