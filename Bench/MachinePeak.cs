using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using NetGen.Kernels;

namespace NetGen.Bench;

/// <summary>
/// This machine's FP32 multiply-add peak through the same vector types the kernels use: 12 independent FMA chains per
/// thread (enough to hide the FMA latency), on one thread and on every core. The kernels' "% of peak" figures and
/// `../shared/peers/fma_peak.c` (AVX2 only) are read against it.
/// </summary>
internal static class MachinePeak
{
    private const long Iterations = 50_000_000;

    public static int Run()
    {
        Console.WriteLine($"kernel path {Simd.ActivePath}, {Environment.ProcessorCount} cores");
        if (Vector512.IsHardwareAccelerated) Report("Vector512", 16, Chains512);
        if (Vector256.IsHardwareAccelerated) Report("Vector256", 8, Chains256);
        if (Vector128.IsHardwareAccelerated) Report("Vector128", 4, Chains128);
        return 0;
    }

    /// <summary>
    /// The peak of the path the kernels run (<see cref="Simd.ActivePath"/>) on 1 thread and on every core, measured
    /// briefly (about half a second) for the header of a benchmark run: figures are read against this run's machine.
    /// </summary>
    public static (double OneThread, double AllCores) MeasureActivePath()
    {
        var (lanes, chains) = Vector512.IsHardwareAccelerated ? (16, (Func<long, float>)Chains512)
            : Vector256.IsHardwareAccelerated ? (8, Chains256)
            : (4, Chains128);
        const long iterations = Iterations / 5; // about 0.1 s per run
        chains(iterations); // warm-up: the JIT, and the clock that some cores lower under wide vectors
        return (Measure(lanes, chains, 1, iterations), Measure(lanes, chains, Environment.ProcessorCount, iterations));
    }

    /// <summary>The header line of a benchmark run: the kernel path and its measured one-thread and all-core peak.</summary>
    public static string Header()
    {
        var (one, all) = MeasureActivePath();
        return string.Create(CultureInfo.InvariantCulture,
            $"kernels {Simd.ActivePath}, measured peak {one:0} GFLOP/s on 1 thread, {all:0} on {Environment.ProcessorCount}");
    }

    private static void Report(string name, int lanes, Func<long, float> chains)
    {
        chains(Iterations / 10); // JIT warm-up
        foreach (int threads in new[] { 1, Environment.ProcessorCount })
        {
            double gflops = Measure(lanes, chains, threads, Iterations);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {threads} thread(s) {gflops:0.0} GFLOP/s ({gflops / threads:0.0} per thread)"));
        }
    }

    /// <summary>GFLOP/s of <paramref name="threads"/> threads each running the chains: the best of 3 runs.</summary>
    private static double Measure(int lanes, Func<long, float> chains, int threads, long iterations)
    {
        double best = double.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            long start = Stopwatch.GetTimestamp();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => chains(iterations));
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return threads * iterations * 12.0 * lanes * 2 / best / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(long iterations)
    {
        Vector512<float> x = Vector512.Create(0.999999f), y = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Simd.MultiplyAdd(a0, x, y); a1 = Simd.MultiplyAdd(a1, x, y); a2 = Simd.MultiplyAdd(a2, x, y);
            a3 = Simd.MultiplyAdd(a3, x, y); a4 = Simd.MultiplyAdd(a4, x, y); a5 = Simd.MultiplyAdd(a5, x, y);
            a6 = Simd.MultiplyAdd(a6, x, y); a7 = Simd.MultiplyAdd(a7, x, y); a8 = Simd.MultiplyAdd(a8, x, y);
            a9 = Simd.MultiplyAdd(a9, x, y); a10 = Simd.MultiplyAdd(a10, x, y); a11 = Simd.MultiplyAdd(a11, x, y);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(long iterations)
    {
        Vector256<float> x = Vector256.Create(0.999999f), y = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Simd.MultiplyAdd(a0, x, y); a1 = Simd.MultiplyAdd(a1, x, y); a2 = Simd.MultiplyAdd(a2, x, y);
            a3 = Simd.MultiplyAdd(a3, x, y); a4 = Simd.MultiplyAdd(a4, x, y); a5 = Simd.MultiplyAdd(a5, x, y);
            a6 = Simd.MultiplyAdd(a6, x, y); a7 = Simd.MultiplyAdd(a7, x, y); a8 = Simd.MultiplyAdd(a8, x, y);
            a9 = Simd.MultiplyAdd(a9, x, y); a10 = Simd.MultiplyAdd(a10, x, y); a11 = Simd.MultiplyAdd(a11, x, y);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains128(long iterations)
    {
        Vector128<float> x = Vector128.Create(0.999999f), y = Vector128.Create(1e-7f);
        Vector128<float> a0 = Vector128<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Simd.MultiplyAdd(a0, x, y); a1 = Simd.MultiplyAdd(a1, x, y); a2 = Simd.MultiplyAdd(a2, x, y);
            a3 = Simd.MultiplyAdd(a3, x, y); a4 = Simd.MultiplyAdd(a4, x, y); a5 = Simd.MultiplyAdd(a5, x, y);
            a6 = Simd.MultiplyAdd(a6, x, y); a7 = Simd.MultiplyAdd(a7, x, y); a8 = Simd.MultiplyAdd(a8, x, y);
            a9 = Simd.MultiplyAdd(a9, x, y); a10 = Simd.MultiplyAdd(a10, x, y); a11 = Simd.MultiplyAdd(a11, x, y);
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
