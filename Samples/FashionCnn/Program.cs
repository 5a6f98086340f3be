// The layer-zoo tutorial's VGG-like CNN on Fashion-MNIST, with the main sample's callbacks and run folder; reports the
// test accuracy, the seconds per epoch and the kernel path.
//
//   dotnet run -c Release --project Samples/FashionCnn [-- --epochs 20 --batch-size 32 --seed 42 --patience 4
//                                                         --run-dir runs/fashion-cnn --threads N --subset]
//
// Data: NETGEN_DATA, ~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist (Debian's
// dataset-fashion-mnist), else the 2,000 + 500 image subset bundled with NetGen. The (28, 28) images are viewed as
// (28, 28, 1) maps (DataSet.Reshape shares the arrays). The last 5,000 training images validate (a tenth of the
// subset): ReduceLROnPlateau halves Adam's learning rate after 2 epochs without a better val_loss, and EarlyStopping
// (patience 4) restores the best epoch's weights before the test.
//
// The run folder receives: report.html (loss and accuracy curves, refreshed every epoch), best.weights.safetensors
// (ModelCheckpoint, best val_loss), model.weights.safetensors (the final weights), training.csv (CSVLogger), logs/
// (TensorBoard) and, while training, backup/ (BackupAndRestore: start the same command again after a crash and it
// resumes).
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Samples.FashionCnn;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

int epochs = 20, batchSize = 32, seed = 42, patience = 4, threads = Environment.ProcessorCount;
bool subset = false;
string runDirectory = Path.Combine("runs", "fashion-cnn");
const string Usage = "Usage: FashionCnn [--epochs N (20)] [--batch-size N (32)] [--seed N (42)] [--patience N (4, EarlyStopping on val_loss)] "
    + "[--threads N (all cores)] [--run-dir PATH (runs/fashion-cnn)] [--subset (the bundled 2,000 + 500 images)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    // The option's value, or null after printing what is wrong.
    string? Value() => i + 1 < args.Length ? args[++i] : null;
    int? Integer(bool positive)
    {
        string? text = Value();
        if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (!positive || value > 0) && (value >= 0 || option == "--seed"))
            return value;
        Console.Error.WriteLine($"{option} needs {(positive ? "a positive integer" : "an integer")}{(text is null ? "" : $"; found '{text}'")}.");
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
        case "--run-dir":
            if (Value() is string directory) runDirectory = directory;
            else
            {
                Console.Error.WriteLine("--run-dir needs a path.");
                return 2;
            }
            break;
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

var (images, testImages) = subset ? FashionMnistSubset.Load() : FashionMnistSubset.LoadFullSetOrSubset();
DataSet all = images.Reshape(28, 28, 1), test = testImages.Reshape(28, 28, 1);
int held = Math.Min(5000, all.Count / 10);
DataSet train = all.Slice(0, all.Count - held), validation = all.Slice(all.Count - held, held);
Console.WriteLine($"Fashion-MNIST: {train.Count} training, {validation.Count} validation and {test.Count} test images. Kernels: {NetGen.Kernels.Simd.ActivePath}, {threads} thread(s).");

var model = new FashionCnn(seed) { Threads = threads };
model.Summary();

Directory.CreateDirectory(runDirectory);
var backup = new BackupAndRestore(Path.Combine(runDirectory, "backup"));
bool resuming = File.Exists(backup.BackupPath);
using var csv = new CSVLogger(Path.Combine(runDirectory, "training.csv"), append: resuming);
var stopping = new EarlyStopping(patience: patience, restoreBestWeights: true, verbose: 1);
Callback[] callbacks =
[
    backup,
    stopping,
    new ReduceLROnPlateau(factor: 0.5, patience: 2, verbose: 1),
    new ModelCheckpoint(Path.Combine(runDirectory, "best.weights.safetensors"), saveBestOnly: true, saveWeightsOnly: true),
    new TensorBoard(Path.Combine(runDirectory, "logs")),
    csv,
    new TrainingReportWriter(Path.Combine(runDirectory, "report.html"), "Fashion-MNIST VGG-like CNN"),
];
History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: validation, callbacks: callbacks);
if (backup.RestoredEpoch is int restored) Console.WriteLine($"Resumed from the backup after epoch {restored}.");
model.SaveWeights(Path.Combine(runDirectory, "model.weights.safetensors"));

var (loss, accuracy) = model.Evaluate(test);
Console.WriteLine(FormattableString.Invariant($"Test loss {loss:0.0000}, test accuracy {accuracy:0.0000}"));
if (history.EpochDurations.Count > 0)
{
    double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
    double median = seconds.OrderBy(s => s).ElementAt(seconds.Length / 2);
    Console.WriteLine(FormattableString.Invariant($"Seconds per epoch (training + validation): median {median:0.000}, each [{string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}]"));
}
Console.WriteLine($"Kernels: {NetGen.Kernels.Simd.ActivePath}, {threads} thread(s).");
Console.WriteLine($"Run folder: {Path.GetFullPath(runDirectory)} (report.html, training.csv, logs/ for TensorBoard)");
return 0;
