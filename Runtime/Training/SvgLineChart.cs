using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// One chart of <see cref="TrainingReport"/>: values per epoch as lines in an inline SVG, with a title, a legend, axes
/// with "nice" ticks (1, 2 or 5 × 10ⁿ), grid lines and a marker with a tooltip per point when there are few points.
/// Non-finite values are left out (the line breaks there) and listed in <see cref="Render"/>'s notes.
/// </summary>
internal static class SvgLineChart
{
    /// <summary>One line: <paramref name="Epochs"/> (1-based) and <paramref name="Values"/> pair up.</summary>
    internal sealed record Series(string Key, string Label, IReadOnlyList<int> Epochs, IReadOnlyList<double> Values, string Colour, bool Dashed);

    internal const int Width = 560, Height = 340;
    private const int Top = 48, Bottom = 52, Right = 20, MaxMarkers = 60;
    private const double CharWidth = 7.2; // a generous advance of a 12px sans-serif digit or letter, so text is never cut

    /// <summary>Appends the chart's <c>&lt;svg&gt;</c> to <paramref name="html"/>; returns notes on values left out.</summary>
    /// <param name="html">Where the SVG goes.</param>
    /// <param name="title">The chart's title, also the value axis's label.</param>
    /// <param name="series">The lines.</param>
    /// <param name="fraction">The quantity lies in [0, 1] (an accuracy): the axis does not go above 1.</param>
    /// <param name="logarithmic">
    /// Use a base-10 logarithmic value axis when every value is positive and they span a factor of 10 or more (a learning
    /// rate that drops tenfold, whose later values would otherwise lie on the zero line).
    /// </param>
    public static List<string> Render(StringBuilder html, string title, IReadOnlyList<Series> series, bool fraction = false, bool logarithmic = false)
    {
        var notes = new List<string>();
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int firstEpoch = int.MaxValue, lastEpoch = int.MinValue, points = 0;
        foreach (Series s in series)
        {
            var skipped = new List<string>();
            for (int i = 0; i < s.Values.Count; i++)
            {
                double v = s.Values[i];
                firstEpoch = Math.Min(firstEpoch, s.Epochs[i]);
                lastEpoch = Math.Max(lastEpoch, s.Epochs[i]);
                if (double.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                    points++;
                }
                else skipped.Add($"{s.Epochs[i].ToString(CultureInfo.InvariantCulture)} ({Number(v)})");
            }
            if (skipped.Count > 0)
                notes.Add($"{s.Key}: {skipped.Count} non-finite {(skipped.Count == 1 ? "value" : "values")} not plotted, at epoch{(skipped.Count == 1 ? "" : "s")} {Abbreviate(skipped)}.");
        }

        bool empty = points == 0;
        if (empty) (min, max) = (0, 1);
        bool log = logarithmic && !empty && min > 0 && max / min >= 10;
        double yLow, yHigh;
        var yTickValues = new List<double>();
        var yTicks = new List<string>();
        if (log)
        {
            // Whole decades, labelled 1e-3 …; the plot maps log10 of the values.
            (yLow, yHigh) = (Math.Floor(Math.Log10(min)), Math.Ceiling(Math.Log10(max)));
            for (double decade = yLow; decade <= yHigh; decade++)
            {
                yTickValues.Add(decade);
                yTicks.Add("1e" + ((int)decade).ToString(CultureInfo.InvariantCulture));
            }
        }
        else
        {
            (yLow, yHigh, double yStep, int decimals) = ValueAxis(min, max, fraction);
            for (int i = 0; yLow + i * yStep <= yHigh + yStep * 1e-9; i++)
            {
                yTickValues.Add(yLow + i * yStep);
                yTicks.Add((yLow + i * yStep).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            }
        }
        int widest = 0;
        foreach (string tick in yTicks) widest = Math.Max(widest, tick.Length);
        double left = 34 + widest * CharWidth;
        double plotWidth = Width - Right - left, plotHeight = Height - Top - Bottom;

        // Epochs: one epoch is centred; several span the plot with a small margin, as matplotlib leaves one.
        double xLow, xHigh;
        if (firstEpoch >= lastEpoch) (xLow, xHigh) = (firstEpoch - 0.5, firstEpoch + 0.5);
        else
        {
            double pad = (lastEpoch - firstEpoch) * 0.03;
            (xLow, xHigh) = (firstEpoch - pad, lastEpoch + pad);
        }
        double X(double epoch) => left + (epoch - xLow) / (xHigh - xLow) * plotWidth;
        double Y(double value) => Top + (yHigh - (log ? Math.Log10(value) : value)) / (yHigh - yLow) * plotHeight;
        double TickY(double tick) => Top + (yHigh - tick) / (yHigh - yLow) * plotHeight;

        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
            .Append(Width).Append(' ').Append(Height).Append("\" role=\"img\" aria-label=\"")
            .Append(Escape(title)).Append(" per epoch\">\n");
        html.Append("<text class=\"chart-title\" x=\"").Append(Coordinate(left)).Append("\" y=\"26\">").Append(Escape(title)).Append("</text>\n");
        AppendLegend(html, series);

        // Grid and value axis.
        html.Append("<g class=\"y-axis\">\n");
        for (int i = 0; i < yTicks.Count; i++)
        {
            string y = Coordinate(TickY(yTickValues[i]));
            html.Append("<line class=\"grid\" x1=\"").Append(Coordinate(left)).Append("\" x2=\"").Append(Coordinate(left + plotWidth))
                .Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
                .Append("<text class=\"tick\" x=\"").Append(Coordinate(left - 7)).Append("\" y=\"").Append(y)
                .Append("\" text-anchor=\"end\" dominant-baseline=\"middle\">").Append(yTicks[i]).Append("</text>\n");
        }
        html.Append("</g>\n");

        // Epoch axis: whole epochs, every 1, 2 or 5 × 10ⁿ, at most about 10 labels.
        int xStep = (int)NiceStep(Math.Max(1, (lastEpoch - firstEpoch) / 10.0));
        html.Append("<g class=\"x-axis\">\n");
        for (int epoch = (firstEpoch + xStep - 1) / xStep * xStep; epoch <= lastEpoch; epoch += xStep)
        {
            string x = Coordinate(X(epoch));
            html.Append("<line class=\"axis\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(Coordinate(Top + plotHeight))
                .Append("\" y2=\"").Append(Coordinate(Top + plotHeight + 5)).Append("\"/>")
                .Append("<text class=\"tick\" x=\"").Append(x).Append("\" y=\"").Append(Coordinate(Top + plotHeight + 19))
                .Append("\" text-anchor=\"middle\">").Append(epoch.ToString(CultureInfo.InvariantCulture)).Append("</text>\n");
        }
        html.Append("</g>\n");
        html.Append("<path class=\"axis\" d=\"M").Append(Coordinate(left)).Append(',').Append(Coordinate(Top))
            .Append(" V").Append(Coordinate(Top + plotHeight)).Append(" H").Append(Coordinate(left + plotWidth)).Append("\"/>\n");
        html.Append("<text class=\"axis-label\" x=\"").Append(Coordinate(left + plotWidth / 2)).Append("\" y=\"").Append(Height - 10)
            .Append("\" text-anchor=\"middle\">Epoch</text>\n");
        html.Append("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"").Append(Coordinate(-(Top + plotHeight / 2)))
            .Append("\" y=\"16\" text-anchor=\"middle\">").Append(Escape(title)).Append(log ? " (log scale)" : "").Append("</text>\n");
        if (empty)
            html.Append("<text class=\"empty\" x=\"").Append(Coordinate(left + plotWidth / 2)).Append("\" y=\"").Append(Coordinate(Top + plotHeight / 2))
                .Append("\" text-anchor=\"middle\">no finite values</text>\n");

        // The lines: a new subpath after each left-out value, so no segment bridges a gap.
        foreach (Series s in series)
        {
            html.Append("<path class=\"series\" data-key=\"").Append(Escape(s.Key)).Append("\" stroke=\"").Append(s.Colour).Append('"');
            if (s.Dashed) html.Append(" stroke-dasharray=\"7 4\"");
            html.Append(" d=\"");
            bool pen = false, started = false;
            for (int i = 0; i < s.Values.Count; i++)
            {
                if (!double.IsFinite(s.Values[i]))
                {
                    pen = false;
                    continue;
                }
                html.Append(pen ? " L" : started ? " M" : "M")
                    .Append(Coordinate(X(s.Epochs[i]))).Append(',').Append(Coordinate(Y(s.Values[i])));
                pen = started = true;
            }
            html.Append("\"/>\n");
        }
        if (points <= MaxMarkers)
        {
            foreach (Series s in series)
            {
                html.Append("<g class=\"markers\" fill=\"").Append(s.Colour).Append("\">");
                for (int i = 0; i < s.Values.Count; i++)
                {
                    if (!double.IsFinite(s.Values[i])) continue;
                    html.Append("<circle cx=\"").Append(Coordinate(X(s.Epochs[i]))).Append("\" cy=\"").Append(Coordinate(Y(s.Values[i])))
                        .Append("\" r=\"3.2\"><title>epoch ").Append(s.Epochs[i].ToString(CultureInfo.InvariantCulture)).Append(": ")
                        .Append(Escape(s.Key)).Append(" = ").Append(Number(s.Values[i])).Append("</title></circle>");
                }
                html.Append("</g>\n");
            }
        }
        html.Append("</svg>\n");
        return notes;
    }

    /// <summary>Legend entries, right-aligned in the title row, above the plot.</summary>
    private static void AppendLegend(StringBuilder html, IReadOnlyList<Series> series)
    {
        const double sample = 22, gap = 6, spacing = 18;
        double total = 0;
        foreach (Series s in series) total += sample + gap + s.Label.Length * CharWidth + spacing;
        double x = Width - Right - total + spacing;
        html.Append("<g class=\"legend\">\n");
        foreach (Series s in series)
        {
            html.Append("<line x1=\"").Append(Coordinate(x)).Append("\" x2=\"").Append(Coordinate(x + sample))
                .Append("\" y1=\"21\" y2=\"21\" stroke=\"").Append(s.Colour).Append('"');
            if (s.Dashed) html.Append(" stroke-dasharray=\"7 4\"");
            html.Append("/><text x=\"").Append(Coordinate(x + sample + gap)).Append("\" y=\"21\" dominant-baseline=\"middle\">")
                .Append(Escape(s.Label)).Append("</text>\n");
            x += sample + gap + s.Label.Length * CharWidth + spacing;
        }
        html.Append("</g>\n");
    }

    /// <summary>
    /// The value axis: nice bounds enclosing [min, max], the tick step, and the decimals the step needs. The axis never
    /// goes below 0 for values that are all ≥ 0, nor above 1 for a <paramref name="fraction"/> whose values are all ≤ 1,
    /// so a loss has no negative ticks and an accuracy no ticks above 1.
    /// </summary>
    internal static (double Low, double High, double Step, int Decimals) ValueAxis(double min, double max, bool fraction = false)
    {
        (double dataMin, double dataMax) = (min, max);
        // A constant gets ±10 % (±1 around 0); a range a little room, as matplotlib leaves, so no point lies on the axis line.
        double margin = min == max ? (min == 0 ? 1 : Math.Abs(min) * 0.1) : (max - min) * 0.03;
        (min, max) = (min - margin, max + margin);
        double step = NiceStep((max - min) / 6);
        double low = Math.Floor(min / step) * step, high = Math.Ceiling(max / step) * step;
        if (dataMin >= 0 && low < 0) low = 0;
        if (fraction && dataMax <= 1 && high > 1) high = 1;
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        return (low, high, step, decimals);
    }

    /// <summary>The smallest of 1, 2, 5 × 10ⁿ that is at least <paramref name="rough"/>.</summary>
    internal static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    /// <summary>A value for people, as Keras's progress bar prints it (0.3735, 1.0000e-04); NaN and ±∞ by name.</summary>
    internal static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "∞"
        : double.IsNegativeInfinity(value) ? "−∞"
        : ProgressLogger.FormatValue(value);

    private static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Abbreviate(List<string> items) =>
        items.Count <= 6 ? string.Join(", ", items) : string.Join(", ", items.GetRange(0, 5)) + $", … ({items.Count - 5} more)";

    /// <summary>Escapes text for XML content and attribute values.</summary>
    internal static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
