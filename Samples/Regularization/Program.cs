// Regularization compared on Fashion-MNIST: Flatten, 5 × Dense(500, relu), Dense(10, softmax), Adam, batch 128,
// trained four ways from the same seed — plain, L2(1e-4) on every hidden kernel (the PyTorch benchmark peer l2.py), L1(1e-4)
// on every hidden kernel, Dropout(0.25) after every hidden Dense — then one table: val_accuracy per epoch of each
// variant, its test accuracy and its seconds per epoch.
//
//   dotnet run -c Release --project Samples/Regularization [-- --epochs 5 --batch-size 128 --seed 42 --subset]
//
// Validation: the last 10 % of the training images (Keras's validation_split=0.1, taken before shuffling), so the test
// set is only used once per variant, after training. Inputs are pixels / 255, as the peer scripts use them.
// Data: NETGEN_DATA, ~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist (Debian's
// dataset-fashion-mnist), else the 2,000 + 500 image subset bundled with NetGen.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.Regularization;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

int epochs = 5, batchSize = 128, seed = 42;
bool subset = false;
const string Usage = "Usage: Regularization [--epochs N (5)] [--batch-size N (128)] [--seed N (42)] [--subset (the bundled 2,000 + 500 images)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    // The option's integer value (positive unless it is the seed), or null after printing what is wrong.
    int? Integer(bool positive)
    {
        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (value > 0 || !positive))
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

var (train, test) = subset ? FashionMnistSubset.Load() : FashionMnistSubset.LoadFullSetOrSubset();
const double ValidationSplit = 0.1;
int validationCount = train.Count - (int)Math.Floor(train.Count * (1 - ValidationSplit));
Console.WriteLine(FormattableString.Invariant(
    $"Fashion-MNIST: {train.Count - validationCount} training, {validationCount} validation (the last 10 %) and {test.Count} test images. Kernels: {NetGen.Kernels.Simd.ActivePath}."));

(string Name, Func<int, Model> Create)[] variants =
[
    ("plain", s => new PlainMlp(s)),
    ("L2(1e-4)", s => new L2Mlp(s)),
    ("L1(1e-4)", s => new L1Mlp(s)),
    ("Dropout(0.25)", s => new DropoutMlp(s)),
];
var results = new List<(string Name, IReadOnlyList<double> ValAccuracy, double TestAccuracy, double SecondsPerEpoch)>();
foreach (var (name, create) in variants)
{
    Console.WriteLine();
    Console.WriteLine($"== {name}");
    Model model = create(seed);
    History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationSplit: ValidationSplit);
    double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).OrderBy(s => s).ToArray();
    results.Add((name, history["val_accuracy"], model.Evaluate(test).Accuracy, seconds[seconds.Length / 2]));
}

// One table: a row per epoch, a column per variant.
const int Width = 15;
string Row(string label, IEnumerable<string> cells) => label.PadRight(9) + string.Concat(cells.Select(c => c.PadLeft(Width)));
string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
Console.WriteLine();
Console.WriteLine($"val_accuracy per epoch (seed {seed}, batch {batchSize}, Adam):");
Console.WriteLine(Row("epoch", results.Select(r => r.Name)));
for (int epoch = 0; epoch < epochs; epoch++)
    Console.WriteLine(Row((epoch + 1).ToString(CultureInfo.InvariantCulture), results.Select(r => Number(r.ValAccuracy[epoch], "0.0000"))));
Console.WriteLine(Row("test acc", results.Select(r => Number(r.TestAccuracy, "0.0000"))));
Console.WriteLine(Row("s/epoch", results.Select(r => Number(r.SecondsPerEpoch, "0.00"))));
Console.WriteLine("s/epoch: median over the epochs, training + validation.");
return 0;
