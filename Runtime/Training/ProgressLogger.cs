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
    private double? _afterFirstStep; // seconds into the epoch when the first batch ended (verbose 1 only, as in Keras)

    public ProgressLogger(TextWriter output, int verbose, bool live)
    {
        _output = output;
        _verbose = verbose;
        _live = live && verbose == 1;
    }

    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
    {
        // Keras 2's Progbar (verbose 1) notes when the first step ended and leaves that step, which includes the JIT's
        // warm-up, out of the step time and the ETA.
        if (_verbose == 1 && batch == 0) _afterFirstStep = _clock.Elapsed.TotalSeconds;
        if (!_live || Stopwatch.GetTimestamp() < _nextDraw) return;
        _nextDraw = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        int done = batch + 1, steps = Parameters.Steps;
        double eta = StepDuration(_clock.Elapsed.TotalSeconds, _afterFirstStep, done) * (steps - done);
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
        _afterFirstStep = null;
        _clock.Restart();
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        int steps = Parameters.Steps;
        var line = new StringBuilder(_live ? "\r" : "");
        if (_verbose == 1)
        {
            AppendCounterAndBar(line, steps, steps);
            line.Append(" - ").Append(FormatSeconds(seconds)).Append(' ')
                .Append(FormatTime(StepDuration(seconds, _afterFirstStep, steps), "step"));
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
            line.Append(" - ").Append(FormatTime(seconds, "epoch")).Append(" - ").Append(FormatTime(seconds / steps, "step"));
        if (_live) PadOver(line);
        _drawnLength = 0;
        _output.WriteLine(line.ToString());
        _output.Flush();
    }

    /// <summary>
    /// Keras: <c>{:.4f}</c> when |v| &gt; 1e-3, else <c>{:.4e}</c>, with Python's exact rounding and its <c>nan</c> and
    /// <c>inf</c> (a NaN fails the test, so it takes the <c>e</c> form, which prints <c>nan</c>).
    /// </summary>
    internal static string FormatValue(double value) =>
        Math.Abs(value) > 1e-3 ? PythonFloat.Fixed(value, 4) : PythonFloat.Exponent(value, 4);

    /// <summary>
    /// Keras 2's <c>Progbar._estimate_step_duration</c>: after the first step, (now − end of step 1) / (steps − 1), so the
    /// first step's warm-up is left out; before that (or when the end of step 1 was not noted), elapsed / steps.
    /// </summary>
    internal static double StepDuration(double elapsed, double? afterFirstStep, int done) =>
        done <= 0 ? 0
        : afterFirstStep is double first && done > 1 ? (elapsed - first) / (done - 1)
        : elapsed / done;

    private static string FormatSeconds(double seconds) => PythonFloat.Fixed(seconds, 0) + "s";

    /// <summary>Keras 2's <c>Progbar._format_time</c>: <c>{:.0f}s/unit</c> at 1 s or more (or exactly 0), else ms, else us.</summary>
    internal static string FormatTime(double seconds, string unit) =>
        seconds >= 1 || seconds == 0 ? PythonFloat.Fixed(seconds, 0) + "s/" + unit
        : seconds >= 1e-3 ? PythonFloat.Fixed(seconds * 1e3, 0) + "ms/" + unit
        : PythonFloat.Fixed(seconds * 1e6, 0) + "us/" + unit;
}
