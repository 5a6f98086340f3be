// The main job: train the Keras tutorial MLP on Fashion-MNIST and report test accuracy and seconds per epoch.
//
//   dotnet run -c Release --project Samples/FashionMnist [-- --epochs 5 --batch-size 32 --seed 42 --subset]
//
// Data: NETGEN_DATA, ~/.keras/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist (Debian's
// dataset-fashion-mnist), else the 2,000 + 500 image subset bundled with NetGen.
using System;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.FashionMnist;

int epochs = 5, batchSize = 32, seed = 42;
bool subset = false;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--epochs": epochs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--batch-size": batchSize = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--subset": subset = true; break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --epochs N, --batch-size N, --seed N, --subset (the bundled 2,000 + 500 images).");
            return 2;
    }
}

var (train, test) = subset ? FashionMnist.LoadBundledSubset() : FashionMnist.Load();
Console.WriteLine($"Fashion-MNIST: {train.Count} training and {test.Count} test images. Kernels: {NetGen.Kernels.Simd.ActivePath}.");

var model = new FashionMlp(seed);
model.Summary();
History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: test);
var (loss, accuracy) = model.Evaluate(test);

double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
double median = seconds.OrderBy(s => s).ElementAt(seconds.Length / 2);
Console.WriteLine(FormattableString.Invariant($"Test loss {loss:0.0000}, test accuracy {accuracy:0.0000}"));
Console.WriteLine(FormattableString.Invariant($"Seconds per epoch (training + validation): median {median:0.000}, each [{string.Join(", ", seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}]"));

float[] probabilities = model.Predict(test.Features.AsSpan(0, test.SampleSize));
int predicted = Array.IndexOf(probabilities, probabilities.Max());
Console.WriteLine($"First test image: predicted {FashionMnist.ClassNames[predicted]}, actual {FashionMnist.ClassNames[(int)test.Labels[0]]}");
return 0;
