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
            if (i < Description.Layers.Count - 1) text.Append(' ', LineLength).Append('\n');
        }
        text.Append('=', LineLength).Append('\n');
        long total = Description.ParameterCount;
        text.Append("Total params: ").Append(FormatCount(total)).Append('\n');
        text.Append("Trainable params: ").Append(FormatCount(total)).Append('\n');
        text.Append("Non-trainable params: ").Append(FormatCount(0)).Append('\n');
        text.Append('_', LineLength).Append('\n');
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, int[] stops, params string[] fields)
    {
        // Keras's print_row: each field is cut to leave two spaces before the next column and padded to its stop;
        // every row starts with one space.
        var line = new StringBuilder(" ");
        for (int column = 0; column < fields.Length; column++)
        {
            int start = column == 0 ? 1 : stops[column - 1];
            int room = stops[column] - start - (column == fields.Length - 1 ? 0 : 2);
            string field = fields[column].Length > room ? fields[column][..room] : fields[column];
            line.Append(field);
            line.Append(' ', Math.Max(0, stops[column] - line.Length));
        }
        text.Append(line).Append('\n');
    }

    /// <summary>Keras's count with the weights' memory: <c>101770 (397.54 KB)</c>.</summary>
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
        return count.ToString(CultureInfo.InvariantCulture) + " (" + size.ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit] + ")";
    }
}
