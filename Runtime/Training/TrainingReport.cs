using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen;

/// <summary>
/// The plots Keras users draw with matplotlib from <c>history.history</c>, as one self-contained HTML file: a chart
/// per quantity (loss, accuracy, …) with its training and validation values per epoch, inline SVG and CSS only (no
/// scripts, no external files), plus a table of every value.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each log key <c>k</c> and its <c>val_k</c> share a chart, in the order the keys were first logged:
/// training solid blue, validation dashed orange (matplotlib's first two colours).</item>
/// <item>Epochs are numbered from 1, as Keras prints them; a run resumed at <c>initialEpoch</c> starts there, and
/// validation values logged only on some epochs (<c>validationFreq</c>) sit at their own epochs.</item>
/// <item>NaN and ±∞ are not plotted (the line breaks there); a note under the chart lists them.</item>
/// <item>Numbers are formatted with the invariant culture. The file is UTF-8 and is also well-formed XML.</item>
/// </list>
/// To refresh the report during training, add a <see cref="TrainingReportWriter"/> callback.
/// </remarks>
public static class TrainingReport
{
    private const string TrainingColour = "#1f77b4", ValidationColour = "#ff7f0e";

    /// <summary>Writes the report of <paramref name="history"/> to <paramref name="path"/>, atomically (readers see the old or the new file).</summary>
    /// <param name="history">The history returned by <see cref="Model.Fit"/>.</param>
    /// <param name="path">The HTML file; its folder must exist.</param>
    /// <param name="title">The page title; default "Training report".</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or writing failed.</exception>
    public static void Write(History history, string path, string? title = null) => Write(history, path, title, refreshSeconds: 0);

    /// <summary>The report of <paramref name="history"/> as an HTML document.</summary>
    /// <param name="history">The history returned by <see cref="Model.Fit"/>.</param>
    /// <param name="title">The page title; default "Training report".</param>
    public static string ToHtml(History history, string? title = null) => ToHtml(history, title, refreshSeconds: 0);

    /// <summary><see cref="Write(History, string, string?)"/>, with a page that reloads itself every <paramref name="refreshSeconds"/> (0: never).</summary>
    internal static void Write(History history, string path, string? title, int refreshSeconds)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToHtml(history, title, refreshSeconds));
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    internal static string ToHtml(History history, string? title, int refreshSeconds)
    {
        ArgumentNullException.ThrowIfNull(history);
        string heading = SvgLineChart.Escape(string.IsNullOrWhiteSpace(title) ? "Training report" : title);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        if (refreshSeconds > 0)
            html.Append("<meta http-equiv=\"refresh\" content=\"").Append(refreshSeconds.ToString(CultureInfo.InvariantCulture)).Append("\"/>\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>").Append(heading).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<h1>").Append(heading).Append("</h1>\n");

        if (history.Epochs.Count == 0)
        {
            html.Append("<p class=\"summary\">No epochs recorded yet.</p>\n</body>\n</html>\n");
            return html.ToString();
        }

        AppendSummary(html, history);
        html.Append("<div class=\"charts\">\n");
        foreach (string quantity in Quantities(history))
        {
            var series = new List<SvgLineChart.Series>();
            string validationKey = "val_" + quantity;
            bool hasTraining = history.ContainsKey(quantity), hasValidation = history.ContainsKey(validationKey);
            if (hasTraining)
                series.Add(Series(history, quantity, IsLearningRate(quantity) ? "Learning rate" : "Training", TrainingColour, dashed: false));
            if (hasValidation)
                series.Add(Series(history, validationKey, "Validation", ValidationColour, dashed: true));

            html.Append("<figure>\n");
            List<string> notes = SvgLineChart.Render(html, ChartTitle(quantity), series, fraction: IsFraction(quantity), logarithmic: IsLearningRate(quantity));
            foreach (string note in notes) html.Append("<p class=\"note\">").Append(SvgLineChart.Escape(note)).Append("</p>\n");
            html.Append("</figure>\n");
        }
        html.Append("</div>\n");
        AppendTable(html, history);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The quantities to chart: each key without its <c>val_</c> prefix, in first-logged order.</summary>
    private static List<string> Quantities(History history)
    {
        var quantities = new List<string>();
        foreach (string key in history.Keys)
        {
            string quantity = key.StartsWith("val_", StringComparison.Ordinal) ? key[4..] : key;
            if (!quantities.Contains(quantity)) quantities.Add(quantity);
        }
        return quantities;
    }

    private static SvgLineChart.Series Series(History history, string key, string label, string colour, bool dashed)
    {
        IReadOnlyList<int> epochs = history.EpochsOf(key);
        var oneBased = new int[epochs.Count];
        for (int i = 0; i < oneBased.Length; i++) oneBased[i] = epochs[i] + 1;
        return new SvgLineChart.Series(key, label, oneBased, history[key], colour, dashed);
    }

    private static bool IsLearningRate(string quantity) => quantity is "lr" or "learning_rate";

    /// <summary>Accuracies (Keras's names end in <c>accuracy</c> or <c>acc</c>) and AUCs lie in [0, 1].</summary>
    private static bool IsFraction(string quantity) =>
        quantity.EndsWith("accuracy", StringComparison.Ordinal) || quantity == "acc" || quantity.EndsWith("_acc", StringComparison.Ordinal)
        || quantity == "auc" || quantity.EndsWith("_auc", StringComparison.Ordinal);

    private static string ChartTitle(string quantity) => quantity switch
    {
        "loss" => "Loss",
        "accuracy" => "Accuracy",
        "lr" or "learning_rate" => "Learning rate",
        "top_k_categorical_accuracy" or "sparse_top_k_categorical_accuracy" => "Top-5 accuracy",
        _ => quantity,
    };

    private static void AppendSummary(StringBuilder html, History history)
    {
        int epochs = history.Epochs.Count, last = history.Epochs[^1];
        html.Append("<p class=\"summary\">").Append(epochs.ToString(CultureInfo.InvariantCulture)).Append(epochs == 1 ? " epoch" : " epochs")
            .Append(". Epoch ").Append((last + 1).ToString(CultureInfo.InvariantCulture)).Append(':');
        foreach (string key in history.Keys)
        {
            IReadOnlyList<int> keyEpochs = history.EpochsOf(key);
            if (keyEpochs[^1] != last) continue;
            html.Append(" <span class=\"value\">").Append(SvgLineChart.Escape(key)).Append(" <b>")
                .Append(SvgLineChart.Number(history[key][^1])).Append("</b></span>");
        }
        html.Append("</p>\n");
    }

    /// <summary>Every logged value, one row per epoch; empty where a key was not logged (validation every n epochs).</summary>
    private static void AppendTable(StringBuilder html, History history)
    {
        html.Append("<details>\n<summary>Values per epoch</summary>\n<table>\n<thead><tr><th>epoch</th>");
        foreach (string key in history.Keys) html.Append("<th>").Append(SvgLineChart.Escape(key)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        var positions = new int[history.Keys.Count];
        foreach (int epoch in history.Epochs)
        {
            html.Append("<tr><td>").Append((epoch + 1).ToString(CultureInfo.InvariantCulture)).Append("</td>");
            for (int k = 0; k < history.Keys.Count; k++)
            {
                string key = history.Keys[k];
                IReadOnlyList<int> keyEpochs = history.EpochsOf(key);
                html.Append("<td>");
                if (positions[k] < keyEpochs.Count && keyEpochs[positions[k]] == epoch)
                    html.Append(SvgLineChart.Number(history[key][positions[k]++]));
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</details>\n");
    }

    private const string Css =
        "body { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, Helvetica, Arial, sans-serif; margin: 24px; color: #222; background: #fff; }\n" +
        "h1 { font-size: 22px; font-weight: 600; margin: 0 0 6px; }\n" +
        ".summary { margin: 0 0 18px; color: #444; }\n" +
        ".summary .value { margin-right: 12px; white-space: nowrap; }\n" +
        ".charts { display: flex; flex-wrap: wrap; gap: 24px; }\n" +
        "figure { margin: 0; flex: 1 1 480px; max-width: 680px; }\n" +
        "svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }\n" +
        ".chart-title { font-size: 15px; font-weight: 600; fill: #222; }\n" +
        ".legend text { font-size: 12px; fill: #333; }\n" +
        ".legend line { stroke-width: 2.5; }\n" +
        ".tick { font-size: 11px; fill: #555; }\n" +
        ".axis-label { font-size: 12px; fill: #333; }\n" +
        ".grid { stroke: #e8e8e8; stroke-width: 1; }\n" +
        ".axis { stroke: #777; stroke-width: 1; fill: none; }\n" +
        ".empty { font-size: 13px; fill: #999; }\n" +
        "path.series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }\n" +
        ".note { margin: 4px 0 0; font-size: 13px; color: #8a5300; }\n" +
        "details { margin-top: 24px; }\n" +
        "summary { cursor: pointer; color: #444; }\n" +
        "table { border-collapse: collapse; margin-top: 8px; font-size: 13px; font-variant-numeric: tabular-nums; }\n" +
        "th, td { padding: 2px 12px; text-align: right; border-bottom: 1px solid #eee; }\n" +
        "th { font-weight: 600; border-bottom: 1px solid #ccc; }\n";
}
