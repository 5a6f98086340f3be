// NetGen benchmarks. Run in Release on a quiet machine:
//
//   dotnet run -c Release --project Bench -- epochs [--peers] [--runs 3] [--threads 2] [--model mlp|deep|l2|residual|cnn|conv1d|lstm]
//   dotnet run -c Release --project Bench -- latency [--calls 10000]
//   dotnet run -c Release --project Bench -- peak
//   dotnet run -c Release --project Bench -- conv-kernels [--model cnn|conv1d] [--calls 200]
//   dotnet run -c Release --project Bench -- profile [--model mlp|deep|l2|residual|cnn|conv1d|lstm] [--batch 32] [--steps 3000]
//   dotnet run -c Release --project Bench -- kernels [BenchmarkDotNet options]
using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;
using NetGen.Bench;

string command = args.Length > 0 ? args[0] : "";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

switch (command)
{
    case "epochs":
        return EpochBenchmark.Run(args.Contains("--peers"), IntOption("--runs", 3), IntOption("--threads", Environment.ProcessorCount), Option("--model"));
    case "profile":
        return StepProfile.Run(Option("--model") ?? "mlp", IntOption("--batch", 32), IntOption("--steps", 3000), IntOption("--threads", Environment.ProcessorCount));
    case "conv-kernels":
        return ConvolutionKernelBenchmark.Run(IntOption("--calls", 200), Option("--model") ?? "cnn");
    case "peak":
        return MachinePeak.Run();
    case "latency":
        return LatencyBenchmark.Run(IntOption("--calls", 10_000));
    case "kernels":
        BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args.Skip(1).ToArray(), KernelBenchmarks.Config);
        return 0;
    default:
        Console.Error.WriteLine("Usage: dotnet run -c Release --project Bench -- epochs [--peers] [--runs N] [--threads N] [--model mlp|deep|l2|residual|cnn|conv1d|lstm] | latency [--calls N] | peak | conv-kernels [--calls N] | kernels [BenchmarkDotNet options]");
        return 2;
}
