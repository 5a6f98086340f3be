using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace NetGen.Tests.Runtime;

/// <summary>Fit's progress output (Keras 2's ProgbarLogger format) for verbose 0, 1 and 2.</summary>
public sealed class FitProgressOutputTests
{
    /// <summary>A logged value: 4 decimals, or Keras's 4-decimal exponent form for |v| ≤ 1e-3 (an accuracy of 0 prints as 0.0000e+00).</summary>
    private const string Value = @"-?\d+\.\d{4}(e[+-]\d{2})?";

    private static readonly DataSet s_train = TestData.Classification(10, seed: 9);
    private static readonly DataSet s_validation = TestData.Classification(4, seed: 10);

    [Fact]
    public void Verbose1_PrintsEpochHeaders_AndAProgressBarLinePerEpoch()
    {
        using var writer = new StringWriter();

        History history = new RtClassifier(seed: 1).Fit(s_train, epochs: 2, batchSize: 4, validationData: s_validation, verbose: 1, output: writer);

        string[] lines = Lines(writer);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Equal("Epoch 2/2", lines[2]);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            string line = lines[2 * epoch + 1];
            Assert.StartsWith("3/3 [==============================] - ", line);
            Assert.Matches($@"^3/3 \[={{30}}\] - \d+s \d+(us|ms|s)/step - loss: {Value} - accuracy: {Value} - val_loss: {Value} - val_accuracy: {Value}$", line);
            Assert.Contains(" - loss: " + Keras(history["loss"][epoch]) + " - ", line);
            Assert.Contains(" - val_accuracy: " + Keras(history["val_accuracy"][epoch]), line);
        }
    }

    [Fact]
    public void Verbose2_PrintsOneLinePerEpoch()
    {
        using var writer = new StringWriter();

        History history = new RtClassifier(seed: 1).Fit(s_train, epochs: 2, batchSize: 4, verbose: 2, output: writer);

        string[] lines = Lines(writer);
        Assert.Equal(["Epoch 1/2", "Epoch 2/2"], new[] { lines[0], lines[2] });
        for (int epoch = 0; epoch < 2; epoch++)
        {
            string line = lines[2 * epoch + 1];
            Assert.Matches($@"^3/3 - \d+s - loss: {Value} - accuracy: {Value} - \d+(us|ms|s)/epoch - \d+(us|ms|s)/step$", line);
            Assert.DoesNotContain("[", line);
            Assert.Contains("loss: " + Keras(history["loss"][epoch]), line);
        }
    }

    [Fact]
    public void Verbose0_WritesNothing()
    {
        using var writer = new StringWriter();

        new RtClassifier(seed: 1).Fit(s_train, epochs: 2, batchSize: 4, validationData: s_validation, verbose: 0, output: writer);

        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void OneEpoch_HasNoEpochHeader()
    {
        using var writer = new StringWriter();

        new RtClassifier(seed: 1).Fit(s_train, epochs: 1, batchSize: 4, verbose: 1, output: writer);

        string[] lines = Lines(writer);
        Assert.Single(lines);
        Assert.StartsWith("3/3 [", lines[0]);
    }

    [Fact]
    public void StepCounter_CountsBatchesNotSamples()
    {
        using var writer = new StringWriter();

        new RtClassifier(seed: 1).Fit(s_train, epochs: 1, batchSize: 32, verbose: 2, output: writer);

        Assert.StartsWith("1/1 - ", Lines(writer)[0]);
    }

    [Theory]
    [InlineData(0.5, "0.5000")]
    [InlineData(12.345678, "12.3457")]
    [InlineData(-0.25, "-0.2500")]
    [InlineData(0.0012, "0.0012")]
    [InlineData(0.001, "1.0000e-03")]
    [InlineData(0.00012345, "1.2345e-04")]
    [InlineData(0.0, "0.0000e+00")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(1.00005, "1.0001")]
    public void Values_AreFormattedLikeKeras(double value, string expected)
    {
        // Keras: '{:.4f}' when |v| > 1e-3, else '{:.4e}'.
        Assert.Equal(expected, ProgressLogger.FormatValue(value));
    }

    [Theory]
    [InlineData(0.5734, "epoch", "573ms/epoch")]
    [InlineData(0.0, "step", "0s/step")]
    [InlineData(1.5, "step", "2s/step")]
    [InlineData(2.5, "epoch", "2s/epoch")]
    [InlineData(0.0123, "step", "12ms/step")]
    [InlineData(4.2e-5, "step", "42us/step")]
    public void Times_AreFormattedLikeKerasProgbar(double seconds, string unit, string expected)
    {
        // Keras 2's Progbar._format_time, also for the epoch time of verbose 2 (" - 573ms/epoch", not " - 1s/epoch").
        Assert.Equal(expected, ProgressLogger.FormatTime(seconds, unit));
    }

    [Fact]
    public void StepTime_LeavesTheFirstStepOut_AsKerasProgbarDoes()
    {
        // 10 steps in 2.9 s, the first of which took 2 s (JIT warm-up): Keras shows (2.9 − 2) / 9 = 100 ms/step.
        Assert.Equal(0.1, ProgressLogger.StepDuration(2.9, afterFirstStep: 2.0, done: 10), 12);
        // Before the second step, or without the first step's time, it is elapsed / steps.
        Assert.Equal(2.0, ProgressLogger.StepDuration(2.0, afterFirstStep: 2.0, done: 1), 12);
        Assert.Equal(0.29, ProgressLogger.StepDuration(2.9, afterFirstStep: null, done: 10), 12);
    }

    [Fact]
    public void Verbose1_StepTime_ExcludesASlowFirstStep()
    {
        using var writer = new StringWriter();
        var slowFirstStep = new LambdaCallback(onBatchEnd: (batch, _) =>
        {
            if (batch == 0) System.Threading.Thread.Sleep(1500);
        });

        new RtClassifier(seed: 1).Fit(s_train, epochs: 1, batchSize: 4, verbose: 1, output: writer, callbacks: [slowFirstStep]);

        // The epoch took at least 1.5 s over 3 steps, so elapsed / steps would be ≥ 500 ms; without the first step the
        // two tiny steps take well under 100 ms each.
        Match step = Regex.Match(writer.ToString(), @"- (\d+)s (\d+)(us|ms|s)/step");
        Assert.True(step.Success, writer.ToString());
        Assert.True(int.Parse(step.Groups[1].Value, CultureInfo.InvariantCulture) >= 1, writer.ToString());
        Assert.NotEqual("s", step.Groups[3].Value);
        Assert.True(step.Groups[3].Value == "us" || int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture) < 100, writer.ToString());
    }

    private static string Keras(double value) =>
        System.Math.Abs(value) > 1e-3 ? value.ToString("0.0000", CultureInfo.InvariantCulture) : value.ToString("0.0000e+00", CultureInfo.InvariantCulture);

    private static string[] Lines(StringWriter writer) =>
        Regex.Split(writer.ToString().TrimEnd('\r', '\n'), "\r?\n");
}
