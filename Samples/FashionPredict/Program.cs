// Serves the main sample's network: loads the weights Samples/FashionMnist saved into an inference-only twin of its
// class (FashionMlp.cs) and classifies test images, one at a time, reporting the single-sample latency.
//
//   dotnet publish Samples/FashionPredict -c Release -r linux-x64 -o artifacts/predict
//   ./artifacts/predict/FashionPredict [--weights runs/fashion-mnist/model.weights.safetensors] [--count 1000]
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen;
using NetGen.Samples.FashionPredict;

NetGen.Kernels.KernelDispatch.RunWidestVariant(args);
// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

string weights = Path.Combine("runs", "fashion-mnist", "model.weights.safetensors");
int count = 1000;
string usage = $"Usage: FashionPredict [--weights PATH ({weights})] [--count N (images to classify, 1000)]";
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--weights": weights = Next(); break;
        case "--count": count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--help" or "-h":
            Console.WriteLine(usage);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}.");
            Console.Error.WriteLine(usage);
            return 2;
    }
}
if (!File.Exists(weights))
{
    Console.Error.WriteLine($"No weights at {weights}: train first with `dotnet run -c Release --project Samples/FashionMnist`, or pass --weights.");
    return 1;
}

var model = new FashionMlp();
model.LoadWeights(weights);
var (_, test) = FashionMnistSubset.Load();
count = Math.Min(count, test.Count);

// One image per call, as a server answering single requests would; the first call is timed apart.
int correct = 0;
var latencies = new double[count];
for (int n = 0; n < count; n++)
{
    long start = Stopwatch.GetTimestamp();
    float[] probabilities = model.Predict(test.Features.AsSpan(n * test.SampleSize, test.SampleSize));
    latencies[n] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    if (Array.IndexOf(probabilities, MaxOf(probabilities)) == (int)test.Labels[n]) correct++;
}
double first = latencies[0];
Array.Sort(latencies, 1, count - 1);
Console.WriteLine($"Kernels: {NetGen.Kernels.Simd.ActivePath}. Weights: {weights}.");
Console.WriteLine(FormattableString.Invariant(
    $"{count} test images, one per call: accuracy {(double)correct / count:0.0000}; latency first call {first:0.0} µs, median {latencies[1 + (count - 1) / 2]:0.0} µs, p99 {latencies[1 + (int)((count - 2) * 0.99)]:0.0} µs"));
return 0;

static float MaxOf(float[] values)
{
    float max = float.NegativeInfinity;
    foreach (float value in values) max = Math.Max(max, value);
    return max;
}
