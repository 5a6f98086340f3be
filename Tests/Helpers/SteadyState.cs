using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace NetGen.Tests.Helpers;

/// <summary>Allocation checks: a steady state (training steps, augmented batches) allocates nothing on the calling thread.</summary>
internal static class SteadyState
{
    /// <summary>
    /// Runs <paramref name="run"/> once to size the buffers and start the workers (not measured), then measures further runs
    /// until one allocates 0 bytes on this thread, and fails if none of <paramref name="attempts"/> does. Anything the run
    /// allocates every time (one object per step, per batch) fails; an allocation that happens once (a buffer grown late, a
    /// first-call initialization) or only while the JIT promotes methods to their final tier (an optimized build) does not.
    /// A run that allocated is followed by a pause, to let background tier-1 compilation finish, and another run: the first at
    /// 0 ends the check, so a build whose steady state comes at once (Debug, whose methods are not re-tiered) needs few runs.
    /// </summary>
    /// <returns>The number of measured runs it took.</returns>
    public static int AssertSomeRunAllocatesNothing(Action run, string what, int attempts = 50)
    {
        run();
        long fewest = long.MaxValue;
        int measured = 0;
        while (measured < attempts && fewest != 0)
        {
            fewest = Math.Min(fewest, AllocatedBy(run));
            measured++;
            if (fewest != 0) Thread.Sleep(50); // let background tier-1 compilation finish
        }
        Assert.True(fewest == 0, $"{what}: every one of {measured} runs allocated; the fewest bytes were {fewest}");
        return measured;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long AllocatedBy(Action run)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
