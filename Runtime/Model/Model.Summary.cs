using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>Writes the Keras 2 summary table (layers, output shapes, parameter counts, totals) to <paramref name="output"/> (default the console).</summary>
    public void Summary(TextWriter? output = null) => (output ?? Console.Out).Write(GetSummary());

    /// <summary>The Keras 2 summary table as text, one line per row.</summary>
    public string GetSummary()
    {
        const int LineLength = 65;
        int[] stops = [29, 55, 65];
        var text = new StringBuilder();
        text.Append("Model: \"").Append(Description.Name).Append("\"\n");
        text.Append('_', LineLength).Append('\n');
        AppendRow(text, stops, "Layer (type)", "Output Shape", "Param #");
        text.Append('=', LineLength).Append('\n');
        for (int i = 0; i < Description.Layers.Count; i++)
        {
            LayerInfo layer = Description.Layers[i];
            AppendRow(text, stops, $"{layer.Name} ({layer.Type})", layer.OutputShape, layer.ParameterCount.ToString(CultureInfo.InvariantCulture));
            text.Append(' ', LineLength).Append('\n'); // Keras 2.15 separates every layer row, the last one included
        }
        text.Append('=', LineLength).Append('\n');
        long total = Description.ParameterCount, trainable = Description.TrainableParameterCount;
        text.Append("Total params: ").Append(FormatCount(total)).Append('\n');
        text.Append("Trainable params: ").Append(FormatCount(trainable)).Append('\n');
        text.Append("Non-trainable params: ").Append(FormatCount(total - trainable)).Append('\n');
        text.Append('_', LineLength).Append('\n');
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, int[] stops, params string[] fields)
    {
        // Keras 2.15's print_row: each column is cut to its room (two spaces before the next column, one more for the
        // row's leading space), preferring a break after "),", and the rest continues on the following rows.
        string[] left = (string[])fields.Clone();
        string[] breaks = ["),", "},", "],", "',"];
        while (Array.Exists(left, field => field.Length > 0))
        {
            var line = new StringBuilder();
            for (int column = 0; column < left.Length; column++)
            {
                bool last = column == left.Length - 1;
                int start = column == 0 ? 0 : stops[column - 1];
                int space = last ? 0 : 2;
                int cutoff = stops[column] - start - space - (last ? 0 : 1);
                string fit = left[column].Length > cutoff ? left[column][..cutoff] : left[column];
                int breakAt = int.MaxValue;
                foreach (string mark in breaks)
                {
                    int found = fit.IndexOf(mark, StringComparison.Ordinal);
                    if (found >= 0) breakAt = Math.Min(breakAt, found + mark.Length);
                }
                if (breakAt != int.MaxValue) fit = fit[..breakAt];
                if (column == 0) line.Append(' ');
                line.Append(fit).Append(' ', space);
                left[column] = left[column][fit.Length..];
                line.Append(' ', Math.Max(0, stops[column] - line.Length));
            }
            text.Append(line).Append('\n');
        }
    }

    /// <summary>Keras's count with the weights' memory: <c>101770 (397.54 KB)</c>; Python's <c>{:.2f}</c> rounds ties to even.</summary>
    internal static string FormatCount(long count)
    {
        string[] units = ["Byte", "KB", "MB", "GB", "TB"];
        double size = count * 4.0;
        int unit = 0;
        while (unit < units.Length - 1 && size / 1024 >= 1)
        {
            size /= 1024;
            unit++;
        }
        return count.ToString(CultureInfo.InvariantCulture) + " (" + Math.Round(size, 2, MidpointRounding.ToEven).ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit] + ")";
    }
}
