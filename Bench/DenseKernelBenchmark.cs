using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace NetGen.Bench;

/// <summary>
/// The Dense products the benchmark workloads train with, one by one on this thread, at the workloads' batch sizes:
/// median microseconds over many calls, GFLOP/s (2 FLOPs per multiply-add) and the share of the one-core peak of the
/// path the kernels run, measured in the same process (`Bench -- kernels`; run it again with
/// <c>DOTNET_EnableAVX512=0</c> on an AVX-512 machine for the Vector256 path).
/// </summary>
internal static class DenseKernelBenchmark
{
    private delegate void Product();

    public static int Run(int calls)
    {
        var products = new List<(string Name, long MultiplyAdds, Product Run)>();
        var random = new SeededRandom(3);
        float[] Random(int count)
        {
            var values = new float[count];
            for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle() - 0.5f;
            return values;
        }

        // (shape, batch, forward, dW, dx or null): the kernels each workload's generated code calls.
        void Add(string shape, int inputs, int units, int batch, Action<float[], float[], float[], float[]> forward,
            Action<float[], float[], float[], float[]> weights, Action<float[], float[], float[]>? input)
        {
            float[] x = Random(batch * inputs), w = Random(inputs * units), b = Random(units), y = new float[batch * units];
            float[] dy = Random(batch * units), dw = new float[inputs * units], db = new float[units], dx = new float[batch * inputs];
            long work = (long)batch * inputs * units;
            products.Add(($"{shape} b{batch} forward", work, () => forward(y, x, w, b)));
            products.Add(($"{shape} b{batch} dW", work, () => weights(dw, db, x, dy)));
            if (input is not null) products.Add(($"{shape} b{batch} dx", work, () => input(dx, dy, w)));
        }
        foreach (int batch in new[] { 32, 128, 1024 })
            Add("mlp 784x128", 784, 128, batch,
                (y, x, w, b) => Mlp.Kernels.Dense_784x128.Forward(y, x, w, b, batch),
                (dw, db, x, dy) => Mlp.Kernels.Dense_784x128.BackwardWeights(dw, db, x, dy, batch), input: null);
        Add("deep 100x100", 100, 100, 32,
            (y, x, w, b) => Deep.Kernels.Dense_100x100.Forward(y, x, w, b, 32),
            (dw, db, x, dy) => Deep.Kernels.Dense_100x100.BackwardWeights(dw, db, x, dy, 32),
            (dx, dy, w) => Deep.Kernels.Dense_100x100.BackwardInput(dx, dy, w, 32));
        Add("l2 784x500", 784, 500, 128,
            (y, x, w, b) => L2Mlp.Kernels.Dense_784x500.Forward(y, x, w, b, 128),
            (dw, db, x, dy) => L2Mlp.Kernels.Dense_784x500.BackwardWeights(dw, db, x, dy, 128), input: null);
        Add("l2 500x500", 500, 500, 128,
            (y, x, w, b) => L2Mlp.Kernels.Dense_500x500.Forward(y, x, w, b, 128),
            (dw, db, x, dy) => L2Mlp.Kernels.Dense_500x500.BackwardWeights(dw, db, x, dy, 128),
            (dx, dy, w) => L2Mlp.Kernels.Dense_500x500.BackwardInput(dx, dy, w, 128));

        var (peak, _) = MachinePeak.MeasureActivePath();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dense products, one thread, kernels {Kernels.Simd.ActivePath}, one-thread peak {peak:0.0} GFLOP/s (measured now); median of {calls} calls:"));
        foreach (var (name, multiplyAdds, run) in products)
        {
            // Warm up for a quarter of a second: long enough for the JIT to replace tier-0 code by optimized code.
            for (long until = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 4; Stopwatch.GetTimestamp() < until;) run();
            var times = new double[calls];
            for (int i = 0; i < calls; i++)
            {
                long start = Stopwatch.GetTimestamp();
                run();
                times[i] = (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;
            }
            Array.Sort(times);
            double median = times[calls / 2];
            double gflops = 2.0 * multiplyAdds / median / 1e3;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-30} {median,9:0.0} us  {gflops,6:0.0} GFLOP/s  {100 * gflops / peak,4:0} % of peak"));
        }
        return 0;
    }
}
