using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen.Samples.WideAndDeep;

/// <summary>
/// The diabetes data set (Efron, Hastie, Johnstone and Tibshirani, "Least Angle Regression", 2004) as scikit-learn ships
/// it: 442 patients, 10 raw (unscaled) baseline features — age, sex, bmi, bp, s1…s6 — and a measure of disease
/// progression one year later. Read from Debian's python3-sklearn, else from the copy embedded in the sample.
/// </summary>
public static class Diabetes
{
    /// <summary>Where Debian's python3-sklearn puts scikit-learn's bundled data files.</summary>
    public const string SklearnDataDirectory = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    /// <summary>The features' file: 442 lines of 10 space-separated numbers, gzipped.</summary>
    public const string DataFile = "diabetes_data_raw.csv.gz";

    /// <summary>The targets' file: 442 lines of one number each, gzipped.</summary>
    public const string TargetFile = "diabetes_target.csv.gz";

    /// <summary>Samples in the data set.</summary>
    public const int SampleCount = 442;

    /// <summary>Features per sample.</summary>
    public const int FeatureCount = 10;

    /// <summary>The features in column order (scikit-learn's names).</summary>
    public static readonly string[] FeatureNames = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

    private const string ResourcePrefix = "NetGen.Samples.WideAndDeep.";

    /// <summary>
    /// Reads the two files from <paramref name="directory"/> (default <see cref="SklearnDataDirectory"/>) when both are
    /// there, else the copy embedded in the assembly (<see cref="DiabetesData.Bundled"/> is then true).
    /// </summary>
    /// <exception cref="InvalidDataException">A file exists but is not 442 rows of the expected numbers.</exception>
    public static DiabetesData Load(string? directory = null)
    {
        directory ??= SklearnDataDirectory;
        string data = Path.Combine(directory, DataFile), target = Path.Combine(directory, TargetFile);
        if (!File.Exists(data) || !File.Exists(target)) return LoadBundled();
        using FileStream dataStream = File.OpenRead(data), targetStream = File.OpenRead(target);
        var (features, targets) = Parse(dataStream, data, targetStream, target);
        return new DiabetesData(features, targets, directory, Bundled: false);
    }

    /// <summary>Reads the copy of scikit-learn's two files embedded in the assembly (8 KB).</summary>
    public static DiabetesData LoadBundled()
    {
        using Stream dataStream = OpenResource(DataFile), targetStream = OpenResource(TargetFile);
        var (features, targets) = Parse(dataStream, DataFile, targetStream, TargetFile);
        return new DiabetesData(features, targets, "the copy bundled with the sample", Bundled: true);
    }

    private static Stream OpenResource(string file) =>
        typeof(Diabetes).Assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new InvalidOperationException($"The embedded resource {ResourcePrefix + file} is missing from {typeof(Diabetes).Assembly.GetName().Name}.");

    private static (double[][] Features, double[] Targets) Parse(Stream dataGz, string dataName, Stream targetGz, string targetName)
    {
        List<double[]> rows = ReadRows(dataGz, dataName, FeatureCount);
        List<double[]> targets = ReadRows(targetGz, targetName, 1);
        if (rows.Count != SampleCount || targets.Count != SampleCount)
            throw new InvalidDataException($"Expected {SampleCount} samples; found {rows.Count} rows in {dataName} and {targets.Count} in {targetName}.");
        var y = new double[targets.Count];
        for (int i = 0; i < y.Length; i++) y[i] = targets[i][0];
        return (rows.ToArray(), y);
    }

    private static List<double[]> ReadRows(Stream gz, string name, int width)
    {
        using var reader = new StreamReader(new GZipStream(gz, CompressionMode.Decompress));
        var rows = new List<double[]>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != width)
                throw new InvalidDataException($"{name}, line {rows.Count + 1}: expected {width} space-separated numbers; found {fields.Length}.");
            var row = new double[width];
            for (int j = 0; j < width; j++)
            {
                if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]) || !double.IsFinite(row[j]))
                    throw new InvalidDataException($"{name}, line {rows.Count + 1}: '{fields[j]}' is not a finite number.");
            }
            rows.Add(row);
        }
        return rows;
    }
}

/// <summary>The raw data set: one row of <see cref="Diabetes.FeatureCount"/> features per sample, and its target.</summary>
/// <param name="Features">The raw features, one array per sample.</param>
/// <param name="Targets">Disease progression one year after baseline (25 to 346).</param>
/// <param name="Source">The directory read, or a description of the bundled copy.</param>
/// <param name="Bundled">Whether the copy embedded in the assembly was read.</param>
public sealed record DiabetesData(double[][] Features, double[] Targets, string Source, bool Bundled)
{
    /// <summary>
    /// Shuffles the samples with <paramref name="seed"/> (NetGen's platform-independent <see cref="SeededRandom"/>),
    /// splits them into training, validation and test parts (the remainder after the two fractions tests), and
    /// standardizes features and target with the training part's mean and standard deviation.
    /// </summary>
    public DiabetesSplit Split(int seed, double trainFraction = 0.6, double validationFraction = 0.2)
    {
        int n = Targets.Length;
        int trainCount = (int)Math.Round(n * trainFraction), validationCount = (int)Math.Round(n * validationFraction);
        if (trainCount < 2 || validationCount < 1 || trainCount + validationCount >= n)
            throw new ArgumentException($"The fractions {trainFraction} and {validationFraction} of {n} samples leave a part empty.");
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        new SeededRandom(seed).Shuffle(order);

        int width = Features[0].Length;
        var mean = new double[width];
        var std = new double[width];
        double targetMean = 0, targetStd = 0;
        for (int k = 0; k < trainCount; k++)
        {
            int i = order[k];
            for (int j = 0; j < width; j++) mean[j] += Features[i][j];
            targetMean += Targets[i];
        }
        for (int j = 0; j < width; j++) mean[j] /= trainCount;
        targetMean /= trainCount;
        for (int k = 0; k < trainCount; k++)
        {
            int i = order[k];
            for (int j = 0; j < width; j++) std[j] += (Features[i][j] - mean[j]) * (Features[i][j] - mean[j]);
            targetStd += (Targets[i] - targetMean) * (Targets[i] - targetMean);
        }
        // Population standard deviations (numpy's std, scikit-learn's StandardScaler).
        for (int j = 0; j < width; j++) std[j] = Math.Sqrt(std[j] / trainCount);
        targetStd = Math.Sqrt(targetStd / trainCount);

        DiabetesPart Part(int start, int count)
        {
            var x = new float[count * width];
            var y = new float[count];
            for (int k = 0; k < count; k++)
            {
                int i = order[start + k];
                for (int j = 0; j < width; j++) x[k * width + j] = (float)((Features[i][j] - mean[j]) / std[j]);
                y[k] = (float)((Targets[i] - targetMean) / targetStd);
            }
            return new DiabetesPart(x, y, width);
        }
        return new DiabetesSplit(
            Part(0, trainCount), Part(trainCount, validationCount), Part(trainCount + validationCount, n - trainCount - validationCount),
            mean, std, targetMean, targetStd);
    }
}

/// <summary>The standardized parts of a split, and the training statistics that standardized them.</summary>
public sealed record DiabetesSplit(
    DiabetesPart Train, DiabetesPart Validation, DiabetesPart Test,
    double[] FeatureMean, double[] FeatureStd, double TargetMean, double TargetStd);

/// <summary>
/// Standardized samples: <see cref="Features"/> row-major (<see cref="Count"/> × <see cref="Width"/>) and
/// <see cref="Targets"/> (standardized too).
/// </summary>
public sealed record DiabetesPart(float[] Features, float[] Targets, int Width)
{
    /// <summary>The features that feed the wide path: the first 5.</summary>
    public const int WideStart = 0, WideCount = 5;

    /// <summary>The features that feed the deep path: the last 6 (feature 4, s1, feeds both, as in Géron's tutorial).</summary>
    public const int DeepStart = 4, DeepCount = 6;

    /// <summary>The number of samples.</summary>
    public int Count => Targets.Length;

    /// <summary>All features as one input (for a sequential network or the linear baseline).</summary>
    public DataSet ToDataSet() => new(Features, [Width], Targets);

    /// <summary>Columns <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 of every sample.</summary>
    public float[] Columns(int start, int count)
    {
        var result = new float[Count * count];
        for (int i = 0; i < Count; i++) Features.AsSpan(i * Width + start, count).CopyTo(result.AsSpan(i * count, count));
        return result;
    }

    /// <summary>The two named inputs of the wide &amp; deep network: <c>wide</c> (features 0–4) and <c>deep</c> (features 4–9).</summary>
    public DataSet ToWideAndDeep() => new([("wide", Columns(WideStart, WideCount)), ("deep", Columns(DeepStart, DeepCount))], Targets);
}
