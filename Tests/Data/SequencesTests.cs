using System;

namespace NetGen.Tests.Data;

/// <summary>Sequences.Pad against Keras's pad_sequences (the expected rows are worked out by hand from Keras's rules).</summary>
public sealed class SequencesTests
{
    private static readonly int[][] s_sequences = [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10]];

    [Fact]
    public void Defaults_PadAndTruncateAtTheStart_ToTheLongest()
    {
        float[] rows = Sequences.Pad(s_sequences);
        Assert.Equal(new float[] { 0, 0, 1, 2, 3, 0, 0, 0, 4, 5, 6, 7, 8, 9, 10 }, rows);
    }

    [Fact]
    public void MaxLength_TruncatesAtTheStartByDefault()
    {
        float[] rows = Sequences.Pad(s_sequences, maxLength: 3);
        Assert.Equal(new float[] { 1, 2, 3, 0, 4, 5, 8, 9, 10 }, rows);
    }

    [Fact]
    public void Post_PadsAndTruncatesAtTheEnd_WithTheValue()
    {
        float[] rows = Sequences.Pad(s_sequences, maxLength: 4, padding: SequenceSide.Post, truncating: SequenceSide.Post, value: -1);
        Assert.Equal(new float[] { 1, 2, 3, -1, 4, 5, -1, -1, 6, 7, 8, 9 }, rows);
    }

    [Fact]
    public void BadArguments_AreClearErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sequences.Pad(s_sequences, maxLength: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sequences.Pad([Array.Empty<int>()]));
        Assert.Throws<ArgumentNullException>(() => Sequences.Pad([null!]));
    }
}
