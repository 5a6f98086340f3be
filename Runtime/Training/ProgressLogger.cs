using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen;

/// <summary>
/// Keras-style progress output: "Epoch e/E" and one line per epoch with the final values
/// (Keras 2's progress-bar format for verbose 1, its one-line format for verbose 2).
/// </summary>
internal sealed class ProgressLogger : Callback
{
    private const int BarWidth = 30;
    private readonly TextWriter _output;
    private readonly int _verbose;
    private readonly Stopwatch _clock = new();

    public ProgressLogger(TextWriter output, int verbose)
    {
        _output = output;
        _verbose = verbose;
    }

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs)
    {
        if (Parameters.Epochs > 1)
            _output.WriteLine($"Epoch {epoch + 1}/{Parameters.Epochs}");
        _clock.Restart();
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        int steps = Parameters.Steps;
        string counter = $"{steps}/{steps}";
        var line = new StringBuilder(counter);
        string perStep = FormatStepTime(seconds / steps);
        if (_verbose == 1)
            line.Append(" [").Append('=', BarWidth).Append("] - ").Append(FormatSeconds(seconds)).Append(' ').Append(perStep);
        else
            line.Append(" - ").Append(FormatSeconds(seconds));
        foreach (var (key, value) in logs)
            line.Append(" - ").Append(key).Append(": ").Append(FormatValue(value));
        if (_verbose == 2)
            line.Append(" - ").Append(FormatSeconds(seconds)).Append("/epoch - ").Append(perStep);
        _output.WriteLine(line.ToString());
        _output.Flush();
    }

    /// <summary>Keras: <c>{:.4f}</c> when |v| &gt; 1e-3, else <c>{:.4e}</c>.</summary>
    internal static string FormatValue(double value) =>
        Math.Abs(value) > 1e-3
            ? value.ToString("0.0000", CultureInfo.InvariantCulture)
            : value.ToString("0.0000e+00", CultureInfo.InvariantCulture);

    private static string FormatSeconds(double seconds) => ((int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture) + "s";

    private static string FormatStepTime(double seconds) =>
        seconds >= 1 ? Math.Round(seconds).ToString(CultureInfo.InvariantCulture) + "s/step"
        : seconds >= 1e-3 ? Math.Round(seconds * 1e3).ToString(CultureInfo.InvariantCulture) + "ms/step"
        : Math.Round(seconds * 1e6).ToString(CultureInfo.InvariantCulture) + "us/step";
}
