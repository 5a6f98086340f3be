using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The Keras-shaped forms: Fit(x, y, options), Evaluate(x, y), Predict(DataSet) and PredictRows keeping the sample
/// axis, PredictClasses, FitOptions (Verbosity, SampleWeight, ValidationBatchSize) — each the same numbers as the
/// DataSet forms they stand for.
/// </summary>
public sealed class KerasFormsTests
{
    // 3 features, 4 classes: 40 samples whose class is the index of the largest of the first... a learnable rule.
    private static (float[] X, float[] Y) Data(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * 3];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < 3; j++) x[i * 3 + j] = (float)random.NextDouble();
            y[i] = (x[i * 3] > 0.5f ? 2 : 0) + (x[i * 3 + 1] > 0.5f ? 1 : 0);
        }
        return (x, y);
    }

    [Fact]
    public void FitXY_TrainsExactlyAsTheDataSetForm()
    {
        var (x, y) = Data(40, 1);
        var viaArrays = new KerasFormsNet(seed: 3);
        var viaDataSet = new KerasFormsNet(seed: 3);

        History a = viaArrays.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 8, Verbose = Verbosity.Silent });
        History b = viaDataSet.Fit(new DataSet(x, [3], y), epochs: 2, batchSize: 8, verbose: 0);

        Assert.Equal(b["loss"], a["loss"]);
        Assert.Equal(viaDataSet.Parameters.ToArray(), viaArrays.Parameters.ToArray());
        Assert.Equal(viaDataSet.Evaluate(new DataSet(x, [3], y)).Loss, viaArrays.Evaluate(x, y).Loss);
    }

    /// <summary>Keras's evaluate(verbose=1) and (verbose=2) lines: ceil(N / batch) steps, then the loss and metrics it returns.</summary>
    [Fact]
    public void EvaluateVerbose_PrintsKerasLine_WithTheValuesItReturns()
    {
        var (x, y) = Data(40, 2);
        var model = new KerasFormsNet(seed: 4);
        var bar = new StringWriter();
        var oneLine = new StringWriter();
        var silent = new StringWriter();

        EvaluationResult result = model.Evaluate(x, y, batchSize: 16, verbose: Verbosity.ProgressBar, output: bar);
        model.Evaluate(x, y, batchSize: 16, verbose: Verbosity.OneLinePerEpoch, output: oneLine);
        model.Evaluate(x, y, batchSize: 16, output: silent);

        string loss = result.Loss.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        string accuracy = result.Accuracy.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"^3/3 \[=+\] - \d+s \d+(us|ms|s)/step - loss: {loss} - accuracy: {accuracy}\r?\n$", bar.ToString());
        Assert.Matches($@"^3/3 - \d+s - loss: {loss} - accuracy: {accuracy} - \d+(us|ms|s)/epoch - \d+(us|ms|s)/step\r?\n$", oneLine.ToString());
        Assert.Equal("", silent.ToString());
    }

    [Fact]
    public void FitXY_WrongSizes_NameWhatWasExpectedAndFound()
    {
        var model = new KerasFormsNet(seed: 1);

        var e = Assert.Throws<ArgumentException>(() => model.Fit(new float[7], new float[2]));
        Assert.Contains("(3,)", e.Message);
        Assert.Contains("multiple of 3", e.Message);
        Assert.Contains("found 7", e.Message);
        var labels = Assert.Throws<ArgumentException>(() => model.Evaluate(new float[6], new float[3]));
        Assert.Contains("2 samples", labels.Message);
        Assert.Contains("found 3", labels.Message);
    }

    [Fact]
    public void Predict_KeepsTheSampleAxis_AndPredictClassesIsItsArgmax()
    {
        var (x, _) = Data(5, 2);
        var model = new KerasFormsNet(seed: 4);
        float[] flat = model.Predict(x);

        Predictions rows = model.PredictRows(x);
        Predictions fromDataSet = model.Predict(new DataSet(x, [3], new float[5]));

        Assert.Equal(5, rows.Count);
        Assert.Equal(4, rows.Width);
        Assert.Equal(flat, rows.Values);
        Assert.Equal(flat, fromDataSet.Values);
        Assert.Equal(flat[2 * 4 + 3], rows[2, 3]);
        Assert.Equal(flat.AsSpan(4, 4).ToArray(), rows.Row(1).ToArray());
        Assert.Equal(flat[4 * 4 + 1], rows.ToArray()[4, 1]);
        int[] expected = Enumerable.Range(0, 5).Select(i => Array.IndexOf(flat, flat.Skip(i * 4).Take(4).Max(), i * 4) - i * 4).ToArray();
        Assert.Equal(expected, model.PredictClasses(x));
        Assert.Equal(expected, model.PredictClasses(new DataSet(x, [3], new float[5])));
    }

    [Fact]
    public void Predictions_OneSigmoidOutput_ClassesThresholdAtAHalf_AndBadShapesAreErrors()
    {
        Assert.Equal([0, 1, 0], new Predictions([0.2f, 0.7f, 0.5f], 3, 1).Classes());
        Assert.Equal([1, 0], new Predictions([0.1f, 0.9f, 0.4f, 0.4f], 2, 2).Classes());   // ties: the first, as argmax
        var e = Assert.Throws<ArgumentException>(() => new Predictions(new float[5], 2, 3));
        Assert.Contains("found 5", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Predictions(new float[6], 2, 3)[2, 0]);
    }

    [Fact]
    public void SampleWeight_WeighsTheLoss_AndOnesChangeNothing()
    {
        var (x, y) = Data(16, 5);
        var plain = new KerasFormsNet(seed: 6);
        var ones = new KerasFormsNet(seed: 6);
        var halves = new KerasFormsNet(seed: 6);

        double plainLoss = plain.Fit(x, y, new FitOptions { BatchSize = 16, Verbose = Verbosity.Silent, Shuffle = false })["loss"][0];
        double onesLoss = ones.Fit(x, y, new FitOptions { BatchSize = 16, Verbose = Verbosity.Silent, Shuffle = false, SampleWeight = Enumerable.Repeat(1f, 16).ToArray() })["loss"][0];
        double halvesLoss = halves.Fit(x, y, new FitOptions { BatchSize = 16, Verbose = Verbosity.Silent, Shuffle = false, SampleWeight = Enumerable.Repeat(0.5f, 16).ToArray() })["loss"][0];

        Assert.Equal(plainLoss, onesLoss);
        Assert.Equal(plain.Parameters.ToArray(), ones.Parameters.ToArray());
        Assert.Equal(plainLoss / 2, halvesLoss, 5);
    }

    [Fact]
    public void SampleWeight_OfTheWrongLengthOrNegative_IsAnError()
    {
        var (x, y) = Data(8, 7);
        var model = new KerasFormsNet(seed: 1);

        var length = Assert.Throws<ArgumentException>(() => model.Fit(x, y, new FitOptions { Verbose = Verbosity.Silent, SampleWeight = new float[5] }));
        Assert.Contains("8", length.Message);
        Assert.Contains("found 5", length.Message);
        var negative = Assert.Throws<ArgumentException>(() => model.Fit(x, y, new FitOptions { Verbose = Verbosity.Silent, SampleWeight = [1, 1, 1, -1, 1, 1, 1, 1] }));
        Assert.Contains("index 3", negative.Message);
    }

    [Fact]
    public void ValidationBatchSize_DoesNotChangeTheValidationLoss_AndVerbosityPrintsAsTheIntegers()
    {
        var (x, y) = Data(24, 8);
        var a = new KerasFormsNet(seed: 2);
        var b = new KerasFormsNet(seed: 2);
        var aOut = new StringWriter();
        var bOut = new StringWriter();

        History ha = a.Fit(x, y, new FitOptions { BatchSize = 8, ValidationSplit = 0.25, Verbose = Verbosity.OneLinePerEpoch, Output = aOut });
        History hb = b.Fit(new DataSet(x, [3], y), epochs: 1, batchSize: 8, validationSplit: 0.25, verbose: 2, output: bOut);
        var c = new KerasFormsNet(seed: 2);
        History hc = c.Fit(x, y, new FitOptions { BatchSize = 8, ValidationSplit = 0.25, ValidationBatchSize = 3, Verbose = Verbosity.Silent });

        Assert.Equal(hb["val_loss"], ha["val_loss"]);
        Assert.Equal(hb["val_loss"][0], hc["val_loss"][0], 5);
        Assert.Equal(StripTimes(bOut.ToString()), StripTimes(aOut.ToString()));
        Assert.NotEqual("", aOut.ToString());
    }

    private static string StripTimes(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d+(\.\d+)?(s|ms|us)", "T");
}

[Network]
[Input(3)]
[Dense(8, Activation.Relu)]
[Dense(4, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-2, Metrics = [Metric.Accuracy])]
public partial class KerasFormsNet;
