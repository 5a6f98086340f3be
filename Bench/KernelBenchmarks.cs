using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NetGen.Bench;

/// <summary>
/// The MLP's generated kernels at the peer batch sizes, reporting GFLOP/s and the share of this machine's measured
/// single-core FMA peak (102 GFLOP/s, `../shared/peers/machine_limit.py`).
/// </summary>
public class KernelBenchmarks
{
    /// <summary>Measured FP32 FMA peak of one core of the project machine (AMD EPYC Zen 3 at 3.2 GHz).</summary>
    public const double PeakGflopsPerCore = 102;

    public static readonly IConfig Config = DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddColumn(new GflopsColumn(), new PeakShareColumn())
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);

    private float[] _x = [], _w = [], _b = [], _y = [], _dy = [], _dx = [], _dw = [], _db = [];

    [Params(32, 1024)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(3);
        float[] Fill(int n) { var a = new float[n]; for (int i = 0; i < n; i++) a[i] = random.NextSingle() - 0.5f; return a; }
        _x = Fill(Batch * 784);
        _w = Fill(784 * 128);
        _b = Fill(128);
        _y = new float[Batch * 128];
        _dy = Fill(Batch * 128);
        _dx = new float[Batch * 784];
        _dw = new float[784 * 128];
        _db = new float[128];
    }

    /// <summary>FLOPs of one call: 2·B·784·128 for each product.</summary>
    public long Flops => 2L * Batch * 784 * 128;

    [Benchmark(Description = "Dense 784x128 Forward")]
    public void Forward() => Mlp.Kernels.Dense_784x128.Forward(_y, _x, _w, _b, Batch);

    [Benchmark(Description = "Dense 784x128 BackwardWeights")]
    public void BackwardWeights() => Mlp.Kernels.Dense_784x128.BackwardWeights(_dw, _db, _x, _dy, Batch);

    [Benchmark(Description = "Dense 784x128 BackwardInput")]
    public void BackwardInput() => Mlp.Kernels.Dense_784x128.BackwardInput(_dx, _dy, _w, Batch);

    private sealed class GflopsColumn : IColumn
    {
        public string Id => "GFLOP/s";
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Billions of floating-point operations per second (2 per multiply-add)";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            Gflops(summary, benchmarkCase) is double g ? g.ToString("0.0", CultureInfo.InvariantCulture) : "-";

        internal static double? Gflops(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is null) return null;
            int batch = (int)benchmarkCase.Parameters.Items.First(p => p.Name == nameof(Batch)).Value;
            return 2.0 * batch * 784 * 128 / report.ResultStatistics.Median;
        }
    }

    private sealed class PeakShareColumn : IColumn
    {
        public string Id => "PeakShare";
        public string ColumnName => "% of 1-core peak";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"GFLOP/s as a share of the measured single-core FMA peak ({PeakGflopsPerCore} GFLOP/s)";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            GflopsColumn.Gflops(summary, benchmarkCase) is double g ? (100 * g / PeakGflopsPerCore).ToString("0", CultureInfo.InvariantCulture) + " %" : "-";
    }
}
