// The Keras guide's Conv1D sequence classifier on the Conv1D peer's synthetic task (10,000 training and 2,000 test
// sequences of 100 steps × 100 features; label: feature 0 summed over the steps is positive); reports the test
// accuracy, the seconds per epoch and the kernel path.
//
//   dotnet run -c Release --project Samples/SequenceConv1D [-- --epochs 10 --batch-size 32 --seed 42 --threads N]
using System;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.SequenceConv1D;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

int epochs = 10, batchSize = 32, seed = 42, threads = Environment.ProcessorCount;
const string Usage = "Usage: SequenceConv1D [--epochs N (10)] [--batch-size N (32)] [--seed N (42)] [--threads N (all cores)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    string? text = i + 1 < args.Length ? args[++i] : null;
    if (option is "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return 0;
    }
    if (option is not ("--epochs" or "--batch-size" or "--seed" or "--threads"))
    {
        Console.Error.WriteLine($"Unknown option {option}.");
        Console.Error.WriteLine(Usage);
        return 2;
    }
    if (text is null || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || (value <= 0 && option != "--seed"))
    {
        Console.Error.WriteLine($"{option} needs {(option == "--seed" ? "an integer" : "a positive integer")}{(text is null ? "" : $"; found '{text}'")}.");
        Console.Error.WriteLine(Usage);
        return 2;
    }
    switch (option)
    {
        case "--epochs": epochs = value; break;
        case "--batch-size": batchSize = value; break;
        case "--seed": seed = value; break;
        default: threads = value; break;
    }
}

DataSet train = SyntheticSequences.Create(10_000, seed: 1234), test = SyntheticSequences.Create(2_000, seed: 4321);
Console.WriteLine($"Synthetic sequences: {train.Count} training and {test.Count} test, shape (100, 100). Kernels: {NetGen.Kernels.Simd.ActivePath}, {threads} thread(s).");
var model = new SequenceClassifier(seed) { Threads = threads };
model.Summary();
History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: test);
var (loss, accuracy) = model.Evaluate(test);
double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
double median = seconds.OrderBy(s => s).ElementAt(seconds.Length / 2);
Console.WriteLine(FormattableString.Invariant($"Test loss {loss:0.0000}, test accuracy {accuracy:0.0000}"));
Console.WriteLine(FormattableString.Invariant($"Seconds per epoch (training + validation): median {median:0.000}, each [{string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}]"));
return 0;
