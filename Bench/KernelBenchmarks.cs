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
/// The generated Dense kernels of the benchmark workloads — the MLP's 784 × 128, the deep network's 100 × 100, the
/// L2 network's 500 × 500 — at their batch sizes, reporting GFLOP/s and the share of this machine's single-core FMA
/// peak on the path the kernels run (`dotnet run -c Release --project Bench -- peak` measures it).
/// </summary>
public class KernelBenchmarks
{
    /// <summary>
    /// Measured FP32 FMA peak of one core of the project machine, by path (`Bench -- peak`, 2026-12-01: AMD EPYC Zen 5,
    /// 3.45 GHz; the Zen 3 machines of earlier sessions measured 102 on Vector256 and have no AVX-512).
    /// </summary>
    public static double PeakGflopsPerCore => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 220 : 112;

    public static readonly IConfig Config = DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddColumn(new GflopsColumn(), new PeakShareColumn())
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);

    private float[] _x = [], _w = [], _b = [], _y = [], _dy = [], _dx = [], _dw = [], _db = [];
    private int _in, _out;

    /// <summary>The layer shape, IN x OUT, and the batch its workload trains with.</summary>
    [Params("784x128 b32", "784x128 b1024", "100x100 b32", "500x500 b128")]
    public string Case { get; set; } = "784x128 b32";

    public int Batch => int.Parse(Case[(Case.IndexOf('b') + 1)..], CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        string[] shape = Case.Split(' ')[0].Split('x');
        _in = int.Parse(shape[0], CultureInfo.InvariantCulture);
        _out = int.Parse(shape[1], CultureInfo.InvariantCulture);
        var random = new SeededRandom(3);
        float[] Fill(int n) { var a = new float[n]; for (int i = 0; i < n; i++) a[i] = random.NextSingle() - 0.5f; return a; }
        _x = Fill(Batch * _in);
        _w = Fill(_in * _out);
        _b = Fill(_out);
        _y = new float[Batch * _out];
        _dy = Fill(Batch * _out);
        _dx = new float[Batch * _in];
        _dw = new float[_in * _out];
        _db = new float[_out];
    }

    /// <summary>FLOPs of one call: 2·B·IN·OUT for each product.</summary>
    internal static long Flops(string @case)
    {
        string[] parts = @case.Split(' ');
        string[] shape = parts[0].Split('x');
        return 2L * int.Parse(parts[1][1..], CultureInfo.InvariantCulture)
            * int.Parse(shape[0], CultureInfo.InvariantCulture) * int.Parse(shape[1], CultureInfo.InvariantCulture);
    }

    [Benchmark(Description = "Dense Forward")]
    public void Forward()
    {
        switch (_in)
        {
            case 784: Mlp.Kernels.Dense_784x128.Forward(_y, _x, _w, _b, Batch); break;
            case 100: Deep.Kernels.Dense_100x100.Forward(_y, _x, _w, _b, Batch); break;
            default: L2Mlp.Kernels.Dense_500x500.Forward(_y, _x, _w, _b, Batch); break;
        }
    }

    [Benchmark(Description = "Dense BackwardWeights")]
    public void BackwardWeights()
    {
        switch (_in)
        {
            case 784: Mlp.Kernels.Dense_784x128.BackwardWeights(_dw, _db, _x, _dy, Batch); break;
            case 100: Deep.Kernels.Dense_100x100.BackwardWeights(_dw, _db, _x, _dy, Batch); break;
            default: L2Mlp.Kernels.Dense_500x500.BackwardWeights(_dw, _db, _x, _dy, Batch); break;
        }
    }

    [Benchmark(Description = "Dense BackwardInput")]
    public void BackwardInput()
    {
        switch (_in)
        {
            case 784: Mlp.Kernels.Dense_784x128.BackwardInput(_dx, _dy, _w, Batch); break;
            case 100: Deep.Kernels.Dense_100x100.BackwardInput(_dx, _dy, _w, Batch); break;
            default: L2Mlp.Kernels.Dense_500x500.BackwardInput(_dx, _dy, _w, Batch); break;
        }
    }

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
            string @case = (string)benchmarkCase.Parameters.Items.First(p => p.Name == nameof(Case)).Value;
            return Flops(@case) / report.ResultStatistics.Median;
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
