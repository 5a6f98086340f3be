// A stacked LSTM on Fashion-MNIST: each image is read as a sequence of 28 rows of 28 pixels; LSTM(32) × 3 (the first
// two returning every state) → Dense(10, softmax); Adam, sparse categorical cross-entropy. The last 5,000 training
// images validate (a tenth of the bundled subset); reports the test accuracy and the seconds per epoch.
//
//   dotnet run -c Release --project Samples/FashionLstm [-- --epochs 20 --batch-size 64 --seed 42 --threads N --subset
//                                                          --cell lstm|gru|simple|all]
//
// --cell gru or simple trains the same stack with GRU or SimpleRNN cells; --cell all trains the three and prints one table.
//
// Data: NETGEN_DATA, ~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist (Debian's
// dataset-fashion-mnist), else the 2,000 + 500 image subset bundled with NetGen (also with --subset).
using System;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.FashionLstm;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

int epochs = 20, batchSize = 64, seed = 42, threads = Environment.ProcessorCount;
bool subset = false;
string cell = "lstm";
const string Usage = "Usage: FashionLstm [--epochs N (20)] [--batch-size N (64)] [--seed N (42)] [--threads N (all cores)] [--subset (the bundled 2,000 + 500 images)] "
    + "[--cell lstm|gru|simple|all (lstm; all trains the three and prints one table)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    // The option's integer value (positive unless it is the seed), or null after printing what is wrong.
    int? Integer(bool positive)
    {
        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (!positive || value > 0))
        {
            i++;
            return value;
        }
        Console.Error.WriteLine($"{option} needs {(positive ? "a positive integer" : "an integer")}{(i + 1 < args.Length ? $"; found '{args[i + 1]}'" : "")}.");
        Console.Error.WriteLine(Usage);
        return null;
    }
    switch (option)
    {
        case "--epochs": if (Integer(positive: true) is int e) epochs = e; else return 2; break;
        case "--batch-size": if (Integer(positive: true) is int b) batchSize = b; else return 2; break;
        case "--seed": if (Integer(positive: false) is int s) seed = s; else return 2; break;
        case "--threads": if (Integer(positive: true) is int t) threads = t; else return 2; break;
        case "--subset": subset = true; break;
        case "--cell":
            if (i + 1 < args.Length && args[i + 1] is "lstm" or "gru" or "simple" or "all") cell = args[++i];
            else
            {
                Console.Error.WriteLine($"--cell needs lstm, gru, simple or all{(i + 1 < args.Length ? $"; found '{args[i + 1]}'" : "")}.");
                Console.Error.WriteLine(Usage);
                return 2;
            }
            break;
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option {option}.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

var (all, test) = subset ? FashionMnistSubset.Load() : FashionMnistSubset.LoadFullSetOrSubset();
int held = Math.Min(5000, all.Count / 10);
DataSet train = all.Slice(0, all.Count - held), validation = all.Slice(all.Count - held, held);
Console.WriteLine($"Fashion-MNIST: {train.Count} training, {validation.Count} validation and {test.Count} test images, read as 28 steps of 28 pixels. Kernels: {NetGen.Kernels.Simd.ActivePath}.");

string[] cells = cell == "all" ? ["lstm", "gru", "simple"] : [cell];
var results = new System.Collections.Generic.List<(string Cell, int Parameters, double Loss, double Accuracy, double Seconds)>();
foreach (string name in cells)
{
    Model model = name switch
    {
        "gru" => new FashionGruNetwork(seed) { Threads = threads },
        "simple" => new FashionSimpleRnnNetwork(seed) { Threads = threads },
        _ => new FashionLstmNetwork(seed) { Threads = threads },
    };
    model.Summary();
    History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: validation);
    var (loss, accuracy) = model.Evaluate(test);

    double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
    double median = seconds.OrderBy(s => s).ElementAt(seconds.Length / 2);
    Console.WriteLine(FormattableString.Invariant($"{name}: test loss {loss:0.0000}, test accuracy {accuracy:0.0000} after {seconds.Length} epoch(s)"));
    Console.WriteLine(FormattableString.Invariant($"Seconds per epoch (training + validation): median {median:0.000}, each [{string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}]"));
    results.Add((name, model.Parameters.Length, loss, accuracy, median));
}
if (results.Count > 1)
{
    Console.WriteLine();
    Console.WriteLine("| cell | parameters | test loss | test accuracy | s/epoch (median) |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var r in results)
        Console.WriteLine(FormattableString.Invariant($"| {r.Cell} | {r.Parameters:N0} | {r.Loss:0.0000} | {r.Accuracy:0.0000} | {r.Seconds:0.000} |"));
}
Console.WriteLine($"Kernels: {NetGen.Kernels.Simd.ActivePath}, {threads} thread(s).");
return 0;
