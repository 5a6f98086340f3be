using System;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Runtime;

/// <summary>A training step allocates nothing once the buffers have been sized: the GC never runs because of training.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void HundredTrainingStepsAllocateNothing(int threads) => AssertStepsAllocateNothing(new EndToEnd.EndToEndMlp(seed: 1) { Threads = threads });

    /// <summary>The per-tensor ClipNorm reduction, weight decay, RMSprop's three slots and Nadam's scalar state allocate nothing either.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NewOptimizersAllocateNothing(int threads)
    {
        AssertStepsAllocateNothing(new Optimizers.OptLargeRmsProp(seed: 1) { Threads = threads });
        AssertStepsAllocateNothing(new Optimizers.OptLargeNadam(seed: 1) { Threads = threads, LearningRateSchedule = new CosineDecay(0.001, 1000) });
    }

    /// <summary>
    /// 100 training steps at a time until a run allocates nothing: the first run sizes the buffers and starts the
    /// workers; after it, any allocation per step shows in every run (see <see cref="SteadyState"/>).
    /// </summary>
    private static void AssertStepsAllocateNothing(Model model)
    {
        var random = new SeededRandom(2);
        const int batch = 32;
        float[] x = new float[batch * model.InputSize];
        float[] y = new float[batch];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle();
        for (int i = 0; i < y.Length; i++) y[i] = random.NextInt32(10);
        SteadyState.AssertSomeRunAllocatesNothing(() =>
        {
            for (int step = 0; step < 100; step++) model.TrainStep(x, y, batch);
        }, $"{model.Description.Name}, 100 training steps");
    }

    [Fact]
    public void FitAllocatesOnlyPerEpochBookkeeping()
    {
        var (train, _) = FashionMnistSubset.Load();
        var model = new EndToEnd.EndToEndMlp(seed: 1) { Threads = 1 };
        // Each epoch allocates its logs dictionary and History entries (well under 2 KB), never anything per step (63 steps).
        AssertExtraEpochsAllocateOnlyBookkeeping(model, train, batchSize: 32, stepsPerEpoch: 63);
    }

    /// <summary>The gather of a network with two inputs (by rows, into one buffer per input) allocates nothing per step either.</summary>
    [Fact]
    public void TwoInputFitAllocatesOnlyPerEpochBookkeeping()
    {
        var random = new SeededRandom(3);
        var wide = new float[1024 * 3];
        var deep = new float[1024 * 2];
        var labels = new float[1024];
        for (int i = 0; i < wide.Length; i++) wide[i] = random.NextSingle();
        for (int i = 0; i < deep.Length; i++) deep[i] = random.NextSingle();
        var train = new DataSet([("deep", deep), ("wide", wide)], labels);
        var model = new TwoInputNet(learningRate: 0.01, seed: 1) { Threads = 1 };
        // 256 steps per epoch: even 8 bytes a step would show.
        AssertExtraEpochsAllocateOnlyBookkeeping(model, train, batchSize: 4, stepsPerEpoch: 256);
    }

    /// <summary>
    /// One Fit of two epochs as warm-up (buffers, first-epoch and first-call work), then Fit(3 epochs) against Fit(1 epoch):
    /// what the two extra epochs allocated, per epoch, must stay under 2 KB. The per-Fit costs cancel out; a run that
    /// exceeds it (JIT tiering in an optimized build) is measured again, up to 5 times, and the fewest counts.
    /// </summary>
    private static void AssertExtraEpochsAllocateOnlyBookkeeping(Model model, DataSet train, int batchSize, int stepsPerEpoch)
    {
        model.Fit(train, epochs: 2, batchSize: batchSize, verbose: 0); // warm-up
        long Measure(int epochs)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Fit(train, epochs: epochs, batchSize: batchSize, verbose: 0);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long fewestPerEpoch = long.MaxValue;
        for (int attempt = 0; attempt < 5 && fewestPerEpoch >= 2048; attempt++)
            fewestPerEpoch = Math.Min(fewestPerEpoch, (Measure(3) - Measure(1)) / 2);
        Assert.True(fewestPerEpoch < 2048, $"each extra epoch of {stepsPerEpoch} steps allocated {fewestPerEpoch} bytes");
    }
}
