using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace NetGen.Bench;

/// <summary>Single-sample Predict of the MLP (as `../shared/peers/latency.py` measures PyTorch): median of 10,000 calls.</summary>
internal static class LatencyBenchmark
{
    public static int Run(int calls)
    {
        var model = new Mlp(seed: 0);
        var random = new SeededRandom(1);
        float[] input = new float[model.InputSize];
        for (int i = 0; i < input.Length; i++) input[i] = random.NextSingle();
        float[] output = new float[model.OutputSize];
        // Warm-up by time, not count: tiered compilation promotes hot methods after a delay of about 100 ms.
        long warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < warmUntil) model.Predict(input, output);

        long[] ticks = new long[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(input, output);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        Array.Sort(ticks);
        double Microseconds(long t) => t * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mlp single-sample Predict: median {Microseconds(ticks[calls / 2]):0.00} us, p10 {Microseconds(ticks[calls / 10]):0.00} us, p90 {Microseconds(ticks[calls * 9 / 10]):0.00} us over {calls} calls (kernels {Kernels.Simd.ActivePath})"));
        return 0;
    }
}
