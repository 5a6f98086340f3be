using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Bench;

/// <summary>
/// Whole-epoch training time of each workload, NetGen beside its PyTorch peer, interleaved run by run on the same
/// machine so that both see the same load; medians over the runs, and the ratio measured in this one run.
/// </summary>
internal static class EpochBenchmark
{
    /// <param name="oneThreadToo">Also train each run on one thread, so the line shows what the second core buys.</param>
    /// <param name="fixedToo">
    /// Also train each run on exactly <paramref name="threads"/> threads (<see cref="Model.AdaptThreads"/> off), so the line
    /// shows what choosing the count by measured step time buys.
    /// </param>
    public static int Run(bool peers, int runs, int threads, string? only, bool oneThreadToo, bool fixedToo)
    {
        var (train, test) = FashionMnistSubset.LoadFullSetOrSubset(Console.Error);
        PeerRunner? runner = null;
        if (peers)
        {
            string directory = PeerRunner.FindDirectory()
                ?? throw new InvalidOperationException("No peer scripts found: set NETGEN_PEERS_DIR to the folder with mlp.py and common.py (../shared/peers).");
            runner = new PeerRunner(directory);
        }
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {MachinePeak.Header()}; {runs} run(s) per workload, NetGen and peer threads {threads}");
        var lines = new List<string>();
        (DataSet Train, DataSet Test)? standardized = null; // made on first use: 70,000 images copied
        foreach (Workload workload in Workload.All.Where(w => only is null || w.Name == only))
        {
            (DataSet Train, DataSet Test)? own = null; // the workload's own data, made on first use
            var netgen = new List<double>();
            var peer = new List<double>();
            var single = new List<double>();
            var fixedCount = new List<double>();
            double accuracy = 0, peerAccuracy = 0;
            for (int run = 0; run < runs; run++)
            {
                if (workload.Standardize) standardized ??= Standardized(train, test);
                own ??= workload.Data?.Invoke();
                var (runTrain, runTest) = workload.Standardize ? standardized!.Value : own ?? (train, test);
                (double seconds, accuracy, string threadChoice) = TrainNetGen(workload, runTrain, runTest, seed: run, threads, adapt: true);
                netgen.Add(seconds);
                Console.WriteLine(Invariant($"  {workload.Name} batch {workload.BatchSize} run {run + 1}: netgen {seconds:0.000} s/epoch, test acc {accuracy:0.0000}{threadChoice}"));
                if (fixedToo && threads > 1)
                {
                    var (fixedSeconds, _, _) = TrainNetGen(workload, runTrain, runTest, seed: run, threads, adapt: false);
                    fixedCount.Add(fixedSeconds);
                    Console.WriteLine(Invariant($"  {workload.Name} batch {workload.BatchSize} run {run + 1}: netgen on {threads} threads, fixed {fixedSeconds:0.000} s/epoch"));
                }
                if (oneThreadToo && threads > 1)
                {
                    var (oneThread, _, _) = TrainNetGen(workload, runTrain, runTest, seed: run, threads: 1, adapt: false);
                    single.Add(oneThread);
                    Console.WriteLine(Invariant($"  {workload.Name} batch {workload.BatchSize} run {run + 1}: netgen on 1 thread {oneThread:0.000} s/epoch"));
                }
                if (runner is not null)
                {
                    PeerResult result = runner.Run(workload, threads);
                    peer.Add(result.MedianEpochSeconds);
                    peerAccuracy = result.TestAccuracy;
                    Console.WriteLine(Invariant($"  {workload.Name} batch {workload.BatchSize} run {run + 1}: pytorch {result.MedianEpochSeconds:0.000} s/epoch, test acc {result.TestAccuracy:0.0000} ({result.Blas})"));
                }
            }
            double median = Median(netgen);
            double samplesPerSecond = (own?.Train.Count ?? train.Count) / median;
            double gflops = workload.FlopsPerSample * samplesPerSecond / 1e9;
            string line = Invariant($"{workload.Name,-5} batch {workload.BatchSize,-5} netgen {median:0.000} s ({samplesPerSecond:0} samples/s, {gflops:0.0} GFLOP/s, acc {accuracy:0.0000})");
            if (fixedCount.Count > 0) line += Invariant($"  netgen {threads} threads fixed {Median(fixedCount):0.000} s");
            if (single.Count > 0) line += Invariant($"  netgen 1 thread {Median(single):0.000} s");
            if (runner is not null)
            {
                double peerMedian = Median(peer);
                line += Invariant($"  pytorch {peerMedian:0.000} s (acc {peerAccuracy:0.0000})  {peerMedian / median:0.0}x");
            }
            lines.Add(line);
            Console.WriteLine(line);
        }
        Console.WriteLine();
        Console.WriteLine("Summary (medians over runs):");
        foreach (string line in lines) Console.WriteLine(line);
        return 0;
    }

    /// <summary>
    /// Trains one run; returns the median training seconds per epoch (no validation inside the timing), the test accuracy
    /// and, when the thread count adapted, how the steps were shared between the counts.
    /// </summary>
    private static (double Seconds, double Accuracy, string ThreadChoice) TrainNetGen(Workload workload, DataSet train, DataSet test, int seed, int threads, bool adapt)
    {
        Model model = workload.Create(seed);
        model.Threads = threads;
        model.AdaptThreads = adapt;
        if (workload.SampleShape is { } shape)
        {
            train = train.Reshape(shape);
            test = test.Reshape(shape);
        }
        History history = model.Fit(train, epochs: workload.Epochs, batchSize: workload.BatchSize, verbose: 0);
        double accuracy = model.Evaluate(test).Accuracy;
        string threadChoice = model.LastThreadTuner is { } tuner
            ? Invariant($" ({tuner.StepsOnOneThread * 100.0 / (tuner.StepsOnOneThread + tuner.StepsOnManyThreads):0}% of steps on 1 thread, {tuner.Trials} trials; mean step {MeanMicroseconds(tuner.TicksOnOneThread, tuner.StepsOnOneThread):0} us on 1 thread, {MeanMicroseconds(tuner.TicksOnManyThreads, tuner.StepsOnManyThreads):0} us on {threads})")
            : "";
        return (EpochSeconds(history.EpochDurations.Select(d => d.TotalSeconds).ToList()), accuracy, threadChoice);
    }

    private static double MeanMicroseconds(long ticks, long steps) => steps == 0 ? 0 : ticks * 1e6 / System.Diagnostics.Stopwatch.Frequency / steps;

    /// <summary>Both sets standardized by one mean and std over every training pixel (deep.py's x.mean(), x.std()).</summary>
    private static (DataSet Train, DataSet Test) Standardized(DataSet train, DataSet test)
    {
        double sum = 0, squares = 0;
        foreach (float v in train.Features) sum += v;
        double mean = sum / train.Features.Length;
        foreach (float v in train.Features) squares += (v - mean) * (v - mean);
        double std = Math.Sqrt(squares / train.Features.Length);
        DataSet Apply(DataSet data) =>
            new(data.Features.Select(v => (float)((v - mean) / std)).ToArray(), data.SampleShape.ToArray(), data.Labels, data.LabelWidth);
        return (Apply(train), Apply(test));
    }

    /// <summary>As the peers compute it: the median epoch, leaving out the first when it is more than 10 % above the rest's median.</summary>
    private static double EpochSeconds(List<double> times)
    {
        if (times.Count > 1 && times[0] > 1.10 * Median(times.Skip(1).ToList())) return Median(times.Skip(1).ToList());
        return Median(times);
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
