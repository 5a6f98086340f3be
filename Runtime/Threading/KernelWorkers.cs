using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen;

/// <summary>
/// The process-wide worker threads that run parts of a kernel beside the calling thread. They are created once,
/// allocate nothing per dispatch, spin for a short while after each piece of work (the next kernel of a training
/// step comes within microseconds) and then block, so an idle process does not burn a core.
/// </summary>
/// <remarks>
/// Results never depend on timing: a kernel's partition depends only on the part count the model asks for, and
/// each part writes its own slice. When the workers are busy with another model's dispatch, or there are fewer
/// workers than parts, the caller runs the remaining parts itself — same partition, same bits.
/// </remarks>
internal static class KernelWorkers
{
    /// <summary>How long a worker spins for new work before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private static readonly object s_dispatch = new();
    private static readonly Worker[] s_workers = CreateWorkers();

    private static Model? s_model;
    private static int s_task;
    private static int s_parts;
    private static int s_pending;
    private static Exception? s_failure;

    /// <summary>Runs <c>model.RunTask(task, part, parts)</c> for every part, in parallel where workers are free; returns when all are done.</summary>
    public static void Run(Model model, int task, int parts)
    {
        int helpers = Math.Min(parts - 1, s_workers.Length);
        if (helpers <= 0 || !Monitor.TryEnter(s_dispatch))
        {
            for (int part = 0; part < parts; part++) model.RunTaskPart(task, part, parts);
            return;
        }
        try
        {
            s_model = model;
            s_task = task;
            s_parts = parts;
            s_failure = null;
            Volatile.Write(ref s_pending, helpers);
            for (int i = 0; i < helpers; i++) s_workers[i].Signal();

            // The caller takes part 0 and every part beyond the workers. Even if one of them throws, the caller waits
            // for the workers: the next dispatch must not start while a worker still runs this one.
            Exception? callerFailure = null;
            try
            {
                model.RunTaskPart(task, 0, parts);
                for (int part = helpers + 1; part < parts; part++) model.RunTaskPart(task, part, parts);
            }
            catch (Exception exception)
            {
                callerFailure = exception;
            }

            var spinner = new SpinWait();
            while (Volatile.Read(ref s_pending) != 0) spinner.SpinOnce(sleep1Threshold: -1);
            s_model = null;
            if (callerFailure is not null)
                ExceptionDispatchInfo.Capture(callerFailure).Throw();
            if (s_failure is { } failure)
                throw new InvalidOperationException("A kernel failed on a worker thread.", failure);
        }
        finally
        {
            Monitor.Exit(s_dispatch);
        }
    }

    private static Worker[] CreateWorkers()
    {
        var workers = new Worker[Math.Max(0, Environment.ProcessorCount - 1)];
        for (int i = 0; i < workers.Length; i++) workers[i] = new Worker(part: i + 1);
        return workers;
    }

    private sealed class Worker
    {
        private readonly int _part;
        private readonly SemaphoreSlim _wake = new(0);
        private int _generation;
        private int _sleeping;

        public Worker(int part)
        {
            _part = part;
            new Thread(Loop) { IsBackground = true, Name = $"NetGen kernel worker {part}" }.Start();
        }

        public void Signal()
        {
            Interlocked.Increment(ref _generation);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        private void Loop()
        {
            int seen = 0;
            while (true)
            {
                WaitForWork(seen);
                seen = Volatile.Read(ref _generation);
                try
                {
                    s_model!.RunTaskPart(s_task, _part, s_parts);
                }
                catch (Exception exception)
                {
                    s_failure = exception;
                }
                Interlocked.Decrement(ref s_pending);
            }
        }

        private void WaitForWork(int seen)
        {
            long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(16);
                    continue;
                }
                // Announce that we sleep, then re-check: whoever flips _sleeping back to 0 owes us one Release. The
                // announcement must be a full fence (Interlocked, not Volatile.Write): a plain store may be delayed past
                // the re-check below (store-load reordering, even on x64), and then Signal reads _sleeping == 0, does
                // not release, and this worker sleeps through its work while the caller spins forever.
                Interlocked.Exchange(ref _sleeping, 1);
                if (Volatile.Read(ref _generation) != seen && Interlocked.Exchange(ref _sleeping, 0) == 1) return;
                _wake.Wait();
                spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            }
        }
    }
}
