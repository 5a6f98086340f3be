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
            Assert.Matches($@"^3/3 - \d+s - loss: {Value} - accuracy: {Value} - \d+s/epoch - \d+(us|ms|s)/step$", line);
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
    public void Values_AreFormattedLikeKeras(double value, string expected)
    {
        // Keras: '{:.4f}' when |v| > 1e-3, else '{:.4e}'.
        Assert.Equal(expected, ProgressLogger.FormatValue(value));
    }

    private static string Keras(double value) =>
        System.Math.Abs(value) > 1e-3 ? value.ToString("0.0000", CultureInfo.InvariantCulture) : value.ToString("0.0000e+00", CultureInfo.InvariantCulture);

    private static string[] Lines(StringWriter writer) =>
        Regex.Split(writer.ToString().TrimEnd('\r', '\n'), "\r?\n");
}
