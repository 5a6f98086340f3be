using System;

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

    private static void AssertStepsAllocateNothing(Model model)
    {
        var random = new SeededRandom(2);
        const int batch = 32;
        float[] x = new float[batch * model.InputSize];
        float[] y = new float[batch];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle();
        for (int i = 0; i < y.Length; i++) y[i] = random.NextInt32(10);
        for (int round = 0; round < 30; round++) AllocatedBy100Steps(model, x, y, batch); // warm-up: buffers, workers, JIT tiers

        // While the JIT is still promoting methods (the steps' and this loop's own) to their final tier, the runtime
        // may allocate on this thread; the steady state must allocate nothing: some run of 100 steps comes out at 0.
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < 20 && fewest != 0; attempt++)
        {
            fewest = Math.Min(fewest, AllocatedBy100Steps(model, x, y, batch));
            if (fewest != 0) System.Threading.Thread.Sleep(50); // let background tier-1 compilation finish
        }

        Assert.True(fewest == 0, $"{model.Description.Name}: every run of 100 training steps allocated; the fewest bytes were {fewest}");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long AllocatedBy100Steps(Model model, float[] x, float[] y, int batch)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++) model.TrainStep(x, y, batch);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void FitAllocatesOnlyPerEpochBookkeeping()
    {
        var (train, _) = FashionMnistSubset.Load();
        var model = new EndToEnd.EndToEndMlp(seed: 1) { Threads = 1 };
        for (int i = 0; i < 3; i++) model.Fit(train, epochs: 2, batchSize: 32, verbose: 0); // warm-up
        long Measure(int epochs)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Fit(train, epochs: epochs, batchSize: 32, verbose: 0);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long fewestPerEpoch = long.MaxValue;
        for (int attempt = 0; attempt < 5; attempt++)
            fewestPerEpoch = Math.Min(fewestPerEpoch, (Measure(5) - Measure(1)) / 4);
        // Each epoch allocates its logs dictionary and History entries (well under 2 KB), never anything per step (63 steps).
        Assert.True(fewestPerEpoch < 2048, $"each extra epoch of 63 steps allocated {fewestPerEpoch} bytes");
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
        for (int i = 0; i < 3; i++) model.Fit(train, epochs: 2, batchSize: 4, verbose: 0); // warm-up
        long Measure(int epochs)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Fit(train, epochs: epochs, batchSize: 4, verbose: 0);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long fewestPerEpoch = long.MaxValue;
        for (int attempt = 0; attempt < 5; attempt++)
            fewestPerEpoch = Math.Min(fewestPerEpoch, (Measure(5) - Measure(1)) / 4);
        // 256 steps per epoch: even 8 bytes a step would show.
        Assert.True(fewestPerEpoch < 2048, $"each extra epoch of 256 steps allocated {fewestPerEpoch} bytes");
    }
}
