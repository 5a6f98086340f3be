// The main job: train the Keras tutorial MLP on Fashion-MNIST with the classic tutorial's callbacks, and report test
// accuracy and seconds per epoch.
//
//   dotnet run -c Release --project Samples/FashionMnist [-- --epochs 5 --batch-size 32 --seed 42 --subset
//                                                           --run-dir runs/fashion-mnist --patience 5 --threads N --augment]
//
// Data: NETGEN_DATA, ~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist (Debian's
// dataset-fashion-mnist), else the 2,000 + 500 image subset bundled with NetGen.
//
// The run folder receives: report.html (loss and accuracy curves, refreshed every epoch), best.weights.safetensors
// (ModelCheckpoint, best val_loss), model.weights.safetensors (the final weights), model.onnx (the same network as an
// ONNX model), training.csv (CSVLogger), logs/
// (TensorBoard: `tensorboard --logdir <run folder>/logs`) and, while training, backup/ (BackupAndRestore: start the
// same command again after a crash and it resumes).
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Samples.FashionMnist;

// A NativeAOT binary runs the widest kernel variant published beside it (AVX-512, else AVX2, else SSE); no-op under the JIT.
NetGen.Kernels.KernelDispatch.RunWidestVariant(args);

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

const string Usage = "Usage: FashionMnist [--epochs N (5)] [--batch-size N (32)] [--seed N (42)] [--patience N (5, EarlyStopping)] "
    + "[--threads N (all cores)] [--run-dir PATH (runs/fashion-mnist)] [--subset (the bundled 2,000 + 500 images)] "
    + "[--augment (random rotations, shifts and zoom of the training images)]";
int epochs = 5, batchSize = 32, seed = 42, patience = 5, threads = Environment.ProcessorCount;
bool subset = false, augment = false;
string runDirectory = Path.Combine("runs", "fashion-mnist");
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--epochs": epochs = NextInt(); break;
        case "--batch-size": batchSize = NextInt(); break;
        case "--seed": seed = NextInt(); break;
        case "--patience": patience = NextInt(); break;
        case "--threads": threads = NextInt(); break;
        case "--run-dir": runDirectory = Next(); break;
        case "--subset": subset = true; break;
        case "--augment": augment = true; break;
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

var (train, test) = subset ? FashionMnistSubset.Load() : FashionMnistSubset.LoadFullSetOrSubset();
Console.WriteLine($"Fashion-MNIST: {train.Count} training and {test.Count} test images. Kernels: {NetGen.Kernels.Simd.ActivePath}.");

var model = new FashionMlp(seed) { Threads = threads };
model.Summary();

// The classic Keras tutorial's callbacks, all writing into the run folder.
Directory.CreateDirectory(runDirectory);
var backup = new BackupAndRestore(Path.Combine(runDirectory, "backup"));
bool resuming = File.Exists(backup.BackupPath);
using var csv = new CSVLogger(Path.Combine(runDirectory, "training.csv"), append: resuming);
Callback[] callbacks =
[
    backup,
    new EarlyStopping(patience: patience, minDelta: 1e-3, verbose: 1),
    new ModelCheckpoint(Path.Combine(runDirectory, "best.weights.safetensors"), saveBestOnly: true, saveWeightsOnly: true),
    new TensorBoard(Path.Combine(runDirectory, "logs")),
    csv,
    new TrainingReportWriter(Path.Combine(runDirectory, "report.html"), "Fashion-MNIST MLP"),
];
ImageAugmentation? augmentation = augment
    ? new ImageAugmentation(rotationRange: 10, widthShiftRange: 0.1, heightShiftRange: 0.1, zoomRange: 0.1, seed: seed)
    : null;
History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: test, callbacks: callbacks, augmentation: augmentation);
if (backup.RestoredEpoch is int restored) Console.WriteLine($"Resumed from the backup after epoch {restored}.");
model.SaveWeights(Path.Combine(runDirectory, "model.weights.safetensors"));
model.ExportOnnx(Path.Combine(runDirectory, "model.onnx")); // the same network for ONNX Runtime and other tools

var (loss, accuracy) = model.Evaluate(test);
Console.WriteLine(FormattableString.Invariant($"Test loss {loss:0.0000}, test accuracy {accuracy:0.0000}"));
if (history.EpochDurations.Count > 0)
{
    double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
    double median = seconds.OrderBy(s => s).ElementAt(seconds.Length / 2);
    Console.WriteLine(FormattableString.Invariant($"Seconds per epoch (training + validation): median {median:0.000}, each [{string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}]"));
}

float[] probabilities = model.Predict(test.Features.AsSpan(0, test.SampleSize));
int predicted = Array.IndexOf(probabilities, probabilities.Max());
Console.WriteLine($"First test image: predicted {FashionMnist.ClassNames[predicted]}, actual {FashionMnist.ClassNames[(int)test.Labels[0]]}");
Console.WriteLine($"Run folder: {Path.GetFullPath(runDirectory)}");
Console.WriteLine($"  training curves: {Path.Combine(runDirectory, "report.html")} (open in a browser)");
Console.WriteLine($"  TensorBoard:     tensorboard --logdir {Path.Combine(runDirectory, "logs")}");
return 0;
