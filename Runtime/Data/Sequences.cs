using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>Where <see cref="Sequences.Pad"/> adds padding or cuts a long sequence: Keras's <c>'pre'</c> or <c>'post'</c>.</summary>
public enum SequenceSide
{
    /// <summary>At the start of the sequence (Keras's default, <c>'pre'</c>).</summary>
    Pre = 0,

    /// <summary>At the end of the sequence (<c>'post'</c>).</summary>
    Post = 1,
}

/// <summary>Helpers for token sequences (Keras's <c>keras.utils.pad_sequences</c>).</summary>
public static class Sequences
{
    /// <summary>
    /// Pads or truncates every sequence to <paramref name="maxLength"/> tokens (by default the longest sequence's
    /// length) and returns them as rows of one float array, (count, maxLength), ready for a network whose input is
    /// <c>[Input(maxLength, Type = InputType.TokenIds)]</c>. As Keras's <c>pad_sequences</c>: padding and truncation
    /// happen at the start by default (<see cref="SequenceSide.Pre"/>), and the padding value is 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is not positive, or no sequence has a token and no length is given.</exception>
    public static float[] Pad(IReadOnlyList<IReadOnlyList<int>> sequences, int? maxLength = null, SequenceSide padding = SequenceSide.Pre,
        SequenceSide truncating = SequenceSide.Pre, int value = 0)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        int length = 0;
        for (int i = 0; i < sequences.Count; i++)
        {
            if (sequences[i] is null) throw new ArgumentNullException(nameof(sequences), $"Sequence {i} is null.");
            length = Math.Max(length, sequences[i].Count);
        }
        if (maxLength is int given)
        {
            if (given <= 0) throw new ArgumentOutOfRangeException(nameof(maxLength), given, "maxLength must be positive.");
            length = given;
        }
        else if (length == 0 && sequences.Count > 0)
            throw new ArgumentOutOfRangeException(nameof(sequences), "Every sequence is empty; pass maxLength to pad them.");
        var rows = new float[sequences.Count * length];
        rows.AsSpan().Fill(value);
        for (int i = 0; i < sequences.Count; i++)
        {
            IReadOnlyList<int> sequence = sequences[i];
            int kept = Math.Min(sequence.Count, length);
            int from = truncating == SequenceSide.Pre ? sequence.Count - kept : 0;
            int to = i * length + (padding == SequenceSide.Pre ? length - kept : 0);
            for (int k = 0; k < kept; k++) rows[to + k] = sequence[from + k];
        }
        return rows;
    }
}
