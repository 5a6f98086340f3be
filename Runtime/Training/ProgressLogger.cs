using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen;

/// <summary>
/// Keras-style progress output: "Epoch e/E" and one line per epoch with the final values (Keras 2's progress-bar
/// format for verbose 1, its one-line format for verbose 2). With verbose 1 on a terminal the bar is also drawn live,
/// with the ETA and running values, redrawn at most every 100 ms; redirected output gets only the final lines.
/// </summary>
internal sealed class ProgressLogger : Callback
{
    private const int BarWidth = 30;
    private readonly TextWriter _output;
    private readonly int _verbose;
    private readonly Stopwatch _clock = new();

    private readonly bool _live;
    private long _nextDraw;
    private int _drawnLength;

    public ProgressLogger(TextWriter output, int verbose, bool live)
    {
        _output = output;
        _verbose = verbose;
        _live = live && verbose == 1;
    }

    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
    {
        if (!_live || Stopwatch.GetTimestamp() < _nextDraw) return;
        _nextDraw = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        int done = batch + 1, steps = Parameters.Steps;
        double eta = _clock.Elapsed.TotalSeconds / done * (steps - done);
        var line = new StringBuilder("\r");
        AppendCounterAndBar(line, done, steps);
        line.Append(" - ETA: ").Append(FormatEta(eta));
        foreach (var (key, value) in logs) line.Append(" - ").Append(key).Append(": ").Append(FormatValue(value));
        PadOver(line);
        _output.Write(line.ToString());
        _output.Flush();
    }

    /// <summary>Pads a redrawn line so that it covers the previous one.</summary>
    private void PadOver(StringBuilder line)
    {
        int length = line.Length;
        if (length < _drawnLength) line.Append(' ', _drawnLength - length);
        _drawnLength = length;
    }

    /// <summary>Keras 2's counter and bar: "  32/1875 [>.............................]".</summary>
    internal static void AppendCounterAndBar(StringBuilder line, int done, int steps)
    {
        string total = steps.ToString(CultureInfo.InvariantCulture);
        line.Append(done.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)).Append('/').Append(total).Append(" [");
        int filled = (int)(BarWidth * (double)done / steps);
        if (filled > 0)
        {
            line.Append('=', filled - 1);
            line.Append(done < steps ? '>' : '=');
        }
        line.Append('.', BarWidth - filled).Append(']');
    }

    /// <summary>Keras: h:mm:ss above an hour, m:ss above a minute, else whole seconds.</summary>
    internal static string FormatEta(double seconds)
    {
        int s = (int)seconds;
        return seconds > 3600 ? $"{s / 3600}:{s % 3600 / 60:00}:{s % 60:00}"
            : seconds > 60 ? $"{s / 60}:{s % 60:00}"
            : s.ToString(CultureInfo.InvariantCulture) + "s";
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
        var line = new StringBuilder(_live ? "\r" : "");
        string perStep = FormatStepTime(seconds / steps);
        if (_verbose == 1)
        {
            AppendCounterAndBar(line, steps, steps);
            line.Append(" - ").Append(FormatSeconds(seconds)).Append(' ').Append(perStep);
        }
        else
        {
            line.Append(steps.ToString(CultureInfo.InvariantCulture)).Append('/').Append(steps.ToString(CultureInfo.InvariantCulture));
        }
        if (_verbose == 2)
            line.Append(" - ").Append(FormatSeconds(seconds));
        foreach (var (key, value) in logs)
            line.Append(" - ").Append(key).Append(": ").Append(FormatValue(value));
        if (_verbose == 2)
            line.Append(" - ").Append(FormatSeconds(seconds)).Append("/epoch - ").Append(perStep);
        if (_live) PadOver(line);
        _drawnLength = 0;
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
