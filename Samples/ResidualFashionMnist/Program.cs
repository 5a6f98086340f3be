// A residual MLP on Fashion-MNIST: Flatten, Dense(256, relu) "stem", two residual blocks of Dense(256, relu),
// Dense(256), Add (with the block's input) and relu, then Dense(10, softmax); Adam, sparse categorical cross-entropy.
// The last 5,000 training images validate (a tenth of the bundled subset), with EarlyStopping on val_loss (restoring
// the best epoch's weights); reports the test accuracy, the seconds per epoch and the kernel path.
//
//   dotnet run -c Release --project Samples/ResidualFashionMnist [-- --epochs 8 --batch-size 64 --seed 42 --patience 3
//                                                                   --threads N --subset]
//
// Data: NETGEN_DATA, ~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist (Debian's
// dataset-fashion-mnist), else the 2,000 + 500 image subset bundled with NetGen (also with --subset).
using System;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.ResidualFashionMnist;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

int epochs = 8, batchSize = 64, seed = 42, patience = 3, threads = Environment.ProcessorCount;
bool subset = false;
const string Usage = "Usage: ResidualFashionMnist [--epochs N (8)] [--batch-size N (64)] [--seed N (42)] [--patience N (3, EarlyStopping on val_loss)] " +
    "[--threads N (all cores)] [--subset (the bundled 2,000 + 500 images)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    // The option's integer value (positive unless it is the seed or the patience), or null after printing what is wrong.
    int? Integer(bool positive)
    {
        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (positive ? value > 0 : value >= 0 || option == "--seed"))
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
        case "--patience": if (Integer(positive: false) is int p) patience = p; else return 2; break;
        case "--threads": if (Integer(positive: true) is int t) threads = t; else return 2; break;
        case "--subset": subset = true; break;
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
Console.WriteLine($"Fashion-MNIST: {train.Count} training, {validation.Count} validation and {test.Count} test images. Kernels: {NetGen.Kernels.Simd.ActivePath}.");

var model = new ResidualMlp(seed) { Threads = threads };
model.Summary();
var stopping = new EarlyStopping(patience: patience, restoreBestWeights: true, verbose: 1);
History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: validation, callbacks: [stopping]);
var (loss, accuracy) = model.Evaluate(test);

double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
double median = seconds.OrderBy(s => s).ElementAt(seconds.Length / 2);
Console.WriteLine(FormattableString.Invariant($"Test loss {loss:0.0000}, test accuracy {accuracy:0.0000} (weights of epoch {stopping.BestEpoch + 1}, the best val_loss)"));
Console.WriteLine(FormattableString.Invariant($"Seconds per epoch (training + validation): median {median:0.000}, each [{string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}]"));
Console.WriteLine($"Kernels: {NetGen.Kernels.Simd.ActivePath}, {threads} thread(s).");
return 0;
