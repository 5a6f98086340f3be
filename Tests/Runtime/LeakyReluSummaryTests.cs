using System;

namespace NetGen.Tests.Runtime;

/// <summary>The LeakyReLU layer in the summary: Keras's auto name <c>leaky_re_lu</c>, type LeakyReLU, no parameters.</summary>
public sealed class LeakyReluSummaryTests
{
    [Fact]
    public void Summary_NamesTheLayerAsKeras()
    {
        string summary = new GcLeakyReluLayer().GetSummary();
        string[] lines = summary.Replace("\r\n", "\n").Split('\n');
        // Column stops 29 / 55 / 65 (Keras 2's print_summary).
        Assert.Contains((" leaky_re_lu (LeakyReLU)".PadRight(29) + "(None, 5)".PadRight(26) + "0").PadRight(65), lines);
        Assert.Contains("Total params: 37 (148.00 Byte)", lines);
    }
}
