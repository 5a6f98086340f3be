using System;
using System.IO;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Model.Summary against Keras 2.15's <c>print_summary</c> for sequential models (keras-reference.md §9, and
/// <c>keras/src/utils/layer_utils.py</c>): line length 65, column stops 29/55/65, one leading space, a row of 65
/// spaces after each layer, and totals with the weights' memory.
/// </summary>
public sealed class SummaryTests
{
    private static readonly string Underscores = new('_', 65), DoubleRule = new('=', 65), Blank = new(' ', 65);

    /// <summary>
    /// The FashionMlp shape, written out by hand. Keras 2.13–2.15 prints the blank row after every top-level layer,
    /// the last one included (<c>print_layer(layer)</c> is called with <c>is_nested_last=False</c>), which is also what
    /// the example table in keras-reference.md §9 shows.
    /// </summary>
    [Fact]
    public void Summary_FashionMlpShape_IsTheKeras2TableExactly()
    {
        string[] expected =
        [
            "Model: \"SummaryMlp\"",
            Underscores,
            Pad(" Layer (type)                Output Shape              Param #"),
            DoubleRule,
            Pad(" flatten (Flatten)           (None, 784)               0"),
            Blank,
            Pad(" dense (Dense)               (None, 128)               100480"),
            Blank,
            Pad(" dropout (Dropout)           (None, 128)               0"),
            Blank,
            Pad(" dense_1 (Dense)             (None, 10)                1290"),
            Blank,
            DoubleRule,
            "Total params: 101770 (397.54 KB)",
            "Trainable params: 101770 (397.54 KB)",
            "Non-trainable params: 0 (0.00 Byte)",
            Underscores,
        ];

        string actual = new SummaryMlp().GetSummary();

        AssertLines(expected, actual,
            "Diagnosis: Runtime/Model/Model.Summary.cs line 27 writes the blank row only between layers "
            + "(if (i < Description.Layers.Count - 1)); Keras 2.13-2.15 print_summary writes it after every top-level layer, the last "
            + "included (print_layer(layer) -> if not is_nested_last). keras-reference.md §9 says 'there is none after the last one', "
            + "which contradicts its own example table and Keras's source.");
    }

    [Fact]
    public void Summary_RowsArePaddedTo65_WithColumnsAt29And55()
    {
        string[] lines = Lines(new SummaryMlp().GetSummary());

        Assert.Equal(" Layer (type)", lines[2][..13]);
        foreach (string line in lines[2..^4])
        {
            Assert.Equal(65, line.Length);
            if (line.Trim().Length == 0 || line[0] != ' ') continue;
            Assert.NotEqual(' ', line[1]);      // names start at column 1
            Assert.Equal(' ', line[28]);        // at least one space before column 29
            Assert.NotEqual(' ', line[29]);     // output shapes start at column 29
            Assert.Equal(' ', line[54]);
            Assert.NotEqual(' ', line[55]);     // parameter counts start at column 55
        }
    }

    [Fact]
    public void Summary_TotalsOfTheFashionMlp()
    {
        string summary = new SummaryMlp().GetSummary();

        Assert.Contains("\nTotal params: 101770 (397.54 KB)\n", summary);
        Assert.Contains("\nTrainable params: 101770 (397.54 KB)\n", summary);
        Assert.Contains("\nNon-trainable params: 0 (0.00 Byte)\n", summary);
    }

    [Fact]
    public void Summary_WritesTheSameTextToAWriter()
    {
        var model = new SummaryMlp();
        using var writer = new StringWriter();

        model.Summary(writer);

        Assert.Equal(model.GetSummary(), writer.ToString());
    }

    /// <summary>
    /// Keras does not cut a field that is too long for its column: <c>print_row</c> prints the first 26 characters of
    /// the name and continues on a second row (<c>while any(left_to_print)</c>).
    /// </summary>
    [Fact]
    public void Summary_LongLayerName_ContinuesOnASecondRowLikeKeras()
    {
        string[] lines = Lines(new SummaryLongName().GetSummary());

        Assert.True(
            lines[4] == Pad(" a_rather_long_output_layer  (None, 2)                 14") && lines[5] == Pad(" _name (Dense)"),
            "Keras 2.15 wraps a layer column longer than 26 characters onto a continuation row:\n"
            + $"expected:\n  [{Pad(" a_rather_long_output_layer  (None, 2)                 14")}]\n  [{Pad(" _name (Dense)")}]\n"
            + $"found:\n  [{lines[4]}]\n  [{lines[5]}]\n"
            + "Diagnosis: Runtime/Model/Model.Summary.cs AppendRow (lines 46-47) cuts a field to its room instead of carrying the rest "
            + "to continuation rows as Keras's print_row does; the Output Shape room is also 24 characters there against Keras's 23 "
            + "(end_pos - start_pos - 2 - 1).");
    }

    /// <summary>
    /// Keras's memory figure is Python's <c>"{:.2f}".format(bytes / 1024^k)</c>, which rounds the exact binary value
    /// half to even: 288 parameters are 1.125 KB exactly, printed "1.12 KB".
    /// </summary>
    [Theory]
    [InlineData(0, "0 (0.00 Byte)")]
    [InlineData(1, "1 (4.00 Byte)")]
    [InlineData(14, "14 (56.00 Byte)")]
    [InlineData(255, "255 (1020.00 Byte)")]
    [InlineData(256, "256 (1.00 KB)")]
    [InlineData(352, "352 (1.38 KB)")]
    [InlineData(101770, "101770 (397.54 KB)")]
    [InlineData(262144, "262144 (1.00 MB)")]
    [InlineData(1000000, "1000000 (3.81 MB)")]
    [InlineData(268435456, "268435456 (1.00 GB)")]
    [InlineData(288, "288 (1.12 KB)")]
    [InlineData(416, "416 (1.62 KB)")]
    public void FormatCount_MatchesPythonFormatting(long count, string expected)
    {
        string actual = Model.FormatCount(count);

        Assert.True(expected == actual,
            $"Keras prints {expected}; found {actual}."
            + (expected != actual ? " Python's '{:.2f}' rounds an exact tie (1.125, 1.625) half to even; .NET's \"0.00\" rounds it away from zero (Runtime/Model/Model.Summary.cs FormatCount)." : ""));
    }

    private static string Pad(string row) => row.PadRight(65);

    private static string[] Lines(string text)
    {
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n');
    }

    private static void AssertLines(string[] expected, string actual, string diagnosis)
    {
        string[] lines = Lines(actual);
        for (int i = 0; i < Math.Max(expected.Length, lines.Length); i++)
        {
            string e = i < expected.Length ? expected[i] : "(end)", a = i < lines.Length ? lines[i] : "(end)";
            Assert.True(e == a,
                $"The summary differs from Keras 2.15 at line {i + 1}:\n  expected [{e}]\n  found    [{a}]\n{diagnosis}\n\nexpected:\n{string.Join("\n", expected)}\n\nfound:\n{actual}");
        }
    }
}

[Network]
[Input(28, 28)]
[Flatten]
[Dense(128, Activation.Relu)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class SummaryMlp;

[Network]
[Input(6)]
[Dense(2, Name = "a_rather_long_output_layer_name")]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class SummaryLongName;
