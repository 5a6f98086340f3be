// NetGen benchmarks. Run in Release on a quiet machine:
//
//   dotnet run -c Release --project Bench -- epochs [--peers] [--one-thread-too] [--fixed-too] [--runs 3] [--threads 2] [--model mlp|deep|l2|residual|cnn|conv1d|lstm]
//   dotnet run -c Release --project Bench -- latency [--calls 10000]
//   dotnet run -c Release --project Bench -- peak
//   dotnet run -c Release --project Bench -- conv-kernels [--model cnn|conv1d] [--calls 200]
//   dotnet run -c Release --project Bench -- profile [--model mlp|deep|l2|residual|cnn|conv1d|lstm] [--batch 32] [--steps 3000]
//   dotnet run -c Release --project Bench -- kernels [--calls 500]
//   dotnet run -c Release --project Bench -- help
using System;
using System.Globalization;
using System.Linq;
using NetGen.Bench;

const string Usage = """
    Usage: dotnet run -c Release --project Bench -- COMMAND [options]
      epochs [--peers] [--one-thread-too] [--fixed-too] [--runs N (3)] [--threads N] [--model mlp|deep|l2|residual|cnn|conv1d|lstm]   whole epochs, beside PyTorch with --peers
      profile [--model mlp|deep|l2|residual|cnn|conv1d|lstm] [--batch N (32)] [--steps N (3000)] [--threads N]   time per part of a training step
      conv-kernels [--model cnn|conv1d] [--calls N (200)]   each convolution kernel path's GFLOP/s
      latency [--calls N (10000)]   single-sample Predict latency
      peak   the machine's FMA peak
      kernels [--calls N (500)]   each Dense product of the workloads: GFLOP/s and % of the one-core peak
      help   this text
    """;
string command = args.Length > 0 ? args[0] : "";
if (command is "help" or "--help" or "-h")
{
    Console.Write(Usage);
    return 0;
}
// Each command's options: the flags, then the options that take a value. Anything else is a mistake (exit 2).
(string[] Flags, string[] Valued)? options = command switch
{
    "epochs" => (["--peers", "--one-thread-too", "--fixed-too"], ["--runs", "--threads", "--model"]),
    "profile" => ([], ["--model", "--batch", "--steps", "--threads"]),
    "conv-kernels" => ([], ["--calls", "--model"]),
    "latency" => ([], ["--calls"]),
    "peak" => ([], []),
    "kernels" => ([], ["--calls"]),
    _ => null,
};
if (options is { } known)
{
    var (flags, valued) = known;
    for (int i = 1; i < args.Length; i++)
    {
        if (args[i] is "--help" or "-h")
        {
            Console.Write(Usage);
            return 0;
        }
        if (flags.Contains(args[i])) continue;
        if (valued.Contains(args[i]) && i + 1 < args.Length)
        {
            i++;
            continue;
        }
        Console.Error.WriteLine(valued.Contains(args[i]) ? $"{args[i]} needs a value." : $"Unknown option {args[i]} for {command}.");
        Console.Error.Write(Usage);
        return 2;
    }
}
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

switch (command)
{
    case "epochs":
        return EpochBenchmark.Run(args.Contains("--peers"), IntOption("--runs", 3), IntOption("--threads", Environment.ProcessorCount), Option("--model"), args.Contains("--one-thread-too"), args.Contains("--fixed-too"));
    case "profile":
        return StepProfile.Run(Option("--model") ?? "mlp", IntOption("--batch", 32), IntOption("--steps", 3000), IntOption("--threads", Environment.ProcessorCount));
    case "conv-kernels":
        return ConvolutionKernelBenchmark.Run(IntOption("--calls", 200), Option("--model") ?? "cnn");
    case "peak":
        return MachinePeak.Run();
    case "latency":
        return LatencyBenchmark.Run(IntOption("--calls", 10_000));
    case "kernels":
        return DenseKernelBenchmark.Run(IntOption("--calls", 500));
    default:
        Console.Error.WriteLine(command.Length == 0 ? "No command given." : $"Unknown command {command}.");
        Console.Error.Write(Usage);
        return 2;
}
