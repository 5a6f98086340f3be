using System;
using System.Collections.Generic;

namespace NetGen.Tests.Runtime;

/// <summary>The tuner that chooses between Model.Threads and one thread by timing steps, driven with made-up step times.</summary>
public sealed class ThreadCountTunerTests
{
    private const int TrialSteps = 2 * (ThreadCountTuner.WarmupSteps + ThreadCountTuner.MeasuredSteps);

    /// <summary>Runs <paramref name="steps"/> steps whose time depends on the thread count; returns the counts used.</summary>
    private static List<int> Drive(ThreadCountTuner tuner, int steps, Func<int, long> ticksOn)
    {
        var used = new List<int>();
        for (int step = 0; step < steps; step++)
        {
            int threads = tuner.Threads;
            used.Add(threads);
            tuner.Record(ticksOn(threads));
        }
        return used;
    }

    [Fact]
    public void FirstTrialRunsManyThreadsThenOneThread()
    {
        var tuner = new ThreadCountTuner(2);
        List<int> used = Drive(tuner, TrialSteps, threads => 100);
        int half = TrialSteps / 2;
        Assert.All(used.GetRange(0, half), threads => Assert.Equal(2, threads));
        Assert.All(used.GetRange(half, half), threads => Assert.Equal(1, threads));
        Assert.Equal(1, tuner.Trials);
    }

    [Fact]
    public void KeepsManyThreadsWhenTheyAreFaster()
    {
        var tuner = new ThreadCountTuner(2);
        List<int> used = Drive(tuner, 10_000, threads => threads == 2 ? 100 : 180);
        Assert.Equal(2, tuner.Threads);
        // Trials double their interval while they confirm the choice: few of the 10,000 steps run on the slower count.
        int single = used.FindAll(threads => threads == 1).Count;
        Assert.InRange(single, 1, 10_000 / 50);
        Assert.Equal(single, tuner.StepsOnOneThread);
        Assert.InRange(tuner.Trials, 3, 12);
    }

    [Fact]
    public void ChoosesOneThreadWhenItIsFaster()
    {
        var tuner = new ThreadCountTuner(2);
        List<int> used = Drive(tuner, 10_000, threads => threads == 2 ? 150 : 100);
        Assert.Equal(1, tuner.Threads);
        Assert.True(used.FindAll(threads => threads == 2).Count < 10_000 / 50, "the slower count ran too many steps");
    }

    [Fact]
    public void ATieKeepsTheCurrentCount()
    {
        var tuner = new ThreadCountTuner(2);
        List<int> used = Drive(tuner, 5_000, threads => threads == 2 ? 100 : 99); // one thread 1 % faster: noise
        Assert.Equal(2, tuner.Threads);
        Assert.True(used.FindAll(threads => threads == 1).Count < 5_000 / 50, "a tie must not move the steps to the other count");
    }

    [Fact]
    public void MedianIgnoresOneSlowStepPerWindow()
    {
        var tuner = new ThreadCountTuner(2);
        int step = 0;
        // Every 7th step on many threads takes 10 times as long (a preempted step): the median still prefers them.
        Drive(tuner, 2_000, threads => threads == 2 ? (step++ % 7 == 3 ? 1000 : 100) : 130);
        Assert.Equal(2, tuner.Threads);
    }

    [Fact]
    public void ASlowdownBetweenTrialsStartsATrialAtOnce()
    {
        var tuner = new ThreadCountTuner(2);
        bool stalled = false;
        Drive(tuner, 6_000, threads => threads == 2 ? (stalled ? 300 : 100) : 180); // trials far apart by now
        int trials = tuner.Trials;
        stalled = true; // the second core stops delivering
        List<int> used = Drive(tuner, ThreadCountTuner.WarmupSteps + ThreadCountTuner.MeasuredSteps + TrialSteps, threads => threads == 2 ? 300 : 180);
        Assert.Equal(trials + 1, tuner.Trials);
        Assert.Equal(1, tuner.Threads);
        Assert.Contains(1, used);
    }

    [Fact]
    public void ANewThreadCountIsTrialledAtOnce()
    {
        var tuner = new ThreadCountTuner(2);
        Drive(tuner, 5_000, threads => 100);
        tuner.SetThreads(4);
        Assert.Equal(4, tuner.Threads);
        int trials = tuner.Trials;
        Drive(tuner, TrialSteps, threads => threads == 4 ? 50 : 100);
        Assert.Equal(trials + 1, tuner.Trials);
        Assert.Equal(4, tuner.Threads);
    }

    [Fact]
    public void NeedsAtLeastTwoThreads() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThreadCountTuner(1));
}
