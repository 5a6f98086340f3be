// Géron's wide & deep regressor (Hands-On Machine Learning, chapter 10) on scikit-learn's diabetes data set: the first 5
// features feed the wide input, the last 6 the deep input (feature 4, s1, feeds both). Trained with SGD on the
// standardized target with EarlyStopping on the validation loss, and compared on the test part with a linear
// least-squares fit on all 10 features (normal equations, here in double) and a sequential MLP on all 10 features
// trained the same way.
//
//   dotnet run -c Release --project Samples/WideAndDeep [-- --epochs 200 --batch-size 32 --seed 42 --patience 10
//                                                          --learning-rate 0.01 --data-dir DIR --bundled --verbose]
//
// Data: diabetes_data_raw.csv.gz and diabetes_target.csv.gz from Debian's python3-sklearn
// (/usr/lib/python3/dist-packages/sklearn/datasets/data, or --data-dir), else the copy embedded in the sample.
// Split (seeded shuffle): 60 % training, 20 % validation, 20 % test. Features and target are standardized with the
// training mean and standard deviation; test MSEs are reported in the target's own units (disease progression
// squared), with the standardized MSE beside each.
using System;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.WideAndDeep;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args, keepVerbose: true);

int epochs = 200, batchSize = 32, seed = 42, patience = 10;
double? learningRate = null;
string? dataDirectory = null;
bool bundled = false, verbose = false;
const string Usage = "Usage: WideAndDeep [--epochs N (200)] [--batch-size N (32)] [--seed N (42)] [--patience N (10, EarlyStopping)] " +
    "[--learning-rate X (the networks' 0.01)] [--data-dir DIR (python3-sklearn's data folder)] [--bundled (the copy embedded in the sample)] " +
    "[--verbose (Fit's line per epoch)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    string? Value()
    {
        if (i + 1 < args.Length) return args[++i];
        Console.Error.WriteLine($"{option} needs a value.");
        Console.Error.WriteLine(Usage);
        return null;
    }
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
        case "--learning-rate":
            if (Value() is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate > 0 && double.IsFinite(rate))
                learningRate = rate;
            else
            {
                Console.Error.WriteLine("--learning-rate needs a positive number.");
                return 2;
            }
            break;
        case "--data-dir": if (Value() is string directory) dataDirectory = directory; else return 2; break;
        case "--bundled": bundled = true; break;
        case "--verbose": verbose = true; break;
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option {option}.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

DiabetesData data = bundled ? Diabetes.LoadBundled() : Diabetes.Load(dataDirectory);
if (data.Bundled && !bundled)
    Console.WriteLine($"python3-sklearn's diabetes files are not in {dataDirectory ?? Diabetes.SklearnDataDirectory}: using the copy bundled with the sample.");
DiabetesSplit split = data.Split(seed);
double targetVariance = split.TargetStd * split.TargetStd;
Console.WriteLine(FormattableString.Invariant(
    $"Diabetes ({data.Source}): {split.Train.Count} training, {split.Validation.Count} validation and {split.Test.Count} test samples of {Diabetes.FeatureCount} features; target mean {split.TargetMean:0.0}, std {split.TargetStd:0.0} (training). Kernels: {NetGen.Kernels.Simd.ActivePath}."));
Console.WriteLine($"Wide input: {string.Join(", ", Diabetes.FeatureNames[DiabetesPart.WideStart..(DiabetesPart.WideStart + DiabetesPart.WideCount)])}; " +
    $"deep input: {string.Join(", ", Diabetes.FeatureNames[DiabetesPart.DeepStart..(DiabetesPart.DeepStart + DiabetesPart.DeepCount)])}.");
Console.WriteLine();

// (a) Linear least squares on all 10 standardized features plus an intercept: solve (XᵀX) w = Xᵀy.
double[] linear = LeastSquares(split.Train);
double linearMse = 0;
for (int i = 0; i < split.Test.Count; i++)
{
    double prediction = linear[^1];
    for (int j = 0; j < Diabetes.FeatureCount; j++) prediction += linear[j] * split.Test.Features[i * Diabetes.FeatureCount + j];
    linearMse += (prediction - split.Test.Targets[i]) * (prediction - split.Test.Targets[i]);
}
linearMse /= split.Test.Count;
// The training mean predicts 0 in standardized units.
double meanMse = split.Test.Targets.Sum(y => (double)y * y) / split.Test.Count;

// The wide & deep network and (b) the sequential MLP, trained the same way.
var wideAndDeep = new WideAndDeepRegressor(seed);
var sequential = new SequentialRegressor(seed);
if (learningRate is double lr)
{
    wideAndDeep.LearningRate = lr;
    sequential.LearningRate = lr;
}
wideAndDeep.Summary();
Console.WriteLine();
var (wideAndDeepMse, wideAndDeepStop) = Train(wideAndDeep, split.Train.ToWideAndDeep(), split.Validation.ToWideAndDeep(), split.Test.ToWideAndDeep(), "Wide & deep");
var (sequentialMse, sequentialStop) = Train(sequential, split.Train.ToDataSet(), split.Validation.ToDataSet(), split.Test.ToDataSet(), "Sequential MLP");

Console.WriteLine();
Console.WriteLine($"Test MSE on {split.Test.Count} patients (target units squared; standardized in brackets):");
void Row(string name, double standardized, string note) =>
    Console.WriteLine(FormattableString.Invariant($"  {name,-34} {standardized * targetVariance,8:0.0}  ({standardized:0.0000})  {note}"));
Row("predicting the training mean", meanMse, "");
Row("linear least squares, 10 features", linearMse, "normal equations");
Row("sequential MLP, 10 features", sequentialMse, sequentialStop);
Row("wide & deep (5 wide, 6 deep)", wideAndDeepMse, wideAndDeepStop);
Console.WriteLine($"({split.Test.Count} test patients: differences of a few hundred are within the noise of the split; try other --seed values.)");
return 0;

// Fits with EarlyStopping on val_loss (restoring the best epoch's weights); returns the test MSE (standardized) and a
// note on where training stopped.
(double Mse, string Note) Train(Model model, DataSet train, DataSet validation, DataSet test, string name)
{
    var stopping = new EarlyStopping(patience: patience, restoreBestWeights: true);
    History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: validation, callbacks: [stopping], verbose: verbose ? 2 : 0);
    double mse = model.Evaluate(test).Loss;
    double seconds = history.EpochDurations.Sum(d => d.TotalSeconds);
    string note = FormattableString.Invariant(
        $"{history.Epochs.Count} epochs{(stopping.StoppedEpoch > 0 ? " (early stop)" : "")}, best val_loss {stopping.Best:0.0000} at epoch {stopping.BestEpoch + 1}, {seconds:0.00} s");
    Console.WriteLine($"{name}: {note}");
    return (mse, note);
}

// Ordinary least squares with an intercept, in double: the normal equations (XᵀX) w = Xᵀy solved by Gaussian
// elimination with partial pivoting. Returns the 10 feature weights, then the intercept.
static double[] LeastSquares(DiabetesPart part)
{
    int n = part.Count, d = part.Width + 1;
    var a = new double[d, d + 1];
    var row = new double[d];
    for (int i = 0; i < n; i++)
    {
        for (int j = 0; j < part.Width; j++) row[j] = part.Features[i * part.Width + j];
        row[^1] = 1;
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++) a[r, c] += row[r] * row[c];
            a[r, d] += row[r] * part.Targets[i];
        }
    }
    for (int k = 0; k < d; k++)
    {
        int pivot = k;
        for (int r = k + 1; r < d; r++) if (Math.Abs(a[r, k]) > Math.Abs(a[pivot, k])) pivot = r;
        if (Math.Abs(a[pivot, k]) < 1e-12) throw new InvalidOperationException("The normal equations are singular.");
        if (pivot != k) for (int c = 0; c <= d; c++) (a[k, c], a[pivot, c]) = (a[pivot, c], a[k, c]);
        for (int r = k + 1; r < d; r++)
        {
            double factor = a[r, k] / a[k, k];
            for (int c = k; c <= d; c++) a[r, c] -= factor * a[k, c];
        }
    }
    var w = new double[d];
    for (int k = d - 1; k >= 0; k--)
    {
        double sum = a[k, d];
        for (int c = k + 1; c < d; c++) sum -= a[k, c] * w[c];
        w[k] = sum / a[k, k];
    }
    return w;
}
