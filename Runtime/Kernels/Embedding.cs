using System;
using System.ComponentModel;
using System.Globalization;

namespace NetGen.Kernels;

/// <summary>The Embedding layer's lookup (forward) and scatter-add (backward), over token ids stored as floats.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Embedding
{
    /// <summary>
    /// y[t, :] = table[ids[t], :] for every token t. Each id must be a whole number in [0, <paramref name="inputDim"/>);
    /// anything else (a negative or too large id, a fraction, NaN) throws, naming the layer, the sample and the step.
    /// </summary>
    /// <exception cref="ArgumentException">An id is not a token id of the vocabulary.</exception>
    public static void Forward(Span<float> y, ReadOnlySpan<float> ids, ReadOnlySpan<float> table, int inputDim, int outputDim, int tokensPerSample, string layer)
    {
        if (table.Length != inputDim * outputDim || y.Length != ids.Length * outputDim)
            throw new ArgumentException($"Embedding '{layer}': buffer lengths do not match {ids.Length} tokens of {outputDim} values over a ({inputDim}, {outputDim}) table.");
        for (int t = 0; t < ids.Length; t++)
        {
            int id = Check(ids[t], t, inputDim, tokensPerSample, layer);
            table.Slice(id * outputDim, outputDim).CopyTo(y.Slice(t * outputDim, outputDim));
        }
    }

    /// <summary>The id at position <paramref name="t"/> as an int, or a clear exception.</summary>
    private static int Check(float value, int t, int inputDim, int tokensPerSample, string layer)
    {
        if (value >= 0f && value < inputDim && value == MathF.Floor(value)) return (int)value;
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Embedding '{layer}': sample {t / tokensPerSample}, token {t % tokensPerSample} has the id {value}; the token ids of this layer must be whole numbers in [0, {inputDim}) (input_dim = {inputDim}). Map unknown tokens to an id below {inputDim}, or raise the Embedding's inputDim."));
    }
}

/// <summary>
/// The gradient of one Embedding's table: dy rows scatter-added into the rows their tokens use. Only rows a batch
/// uses are touched; the rows the previous batch wrote are zeroed first, so the rest of the table's gradient stays
/// zero without clearing (input_dim × output_dim) values every step.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EmbeddingGradient
{
    private readonly int _inputDim;
    private readonly bool[] _used;
    private int[] _rows = [];
    private int _count;

    /// <summary>Tracks the rows of a table of <paramref name="inputDim"/> rows.</summary>
    public EmbeddingGradient(int inputDim)
    {
        _inputDim = inputDim;
        _used = new bool[inputDim];
    }

    /// <summary>
    /// Writes the table's gradient: dTable[id, :] = Σ over the tokens t with ids[t] = id of dy[t, :], every other row 0.
    /// With <paramref name="clearAll"/> the whole gradient is cleared first (a regularizer then adds to every row).
    /// The ids were checked by <see cref="Embedding.Forward"/>.
    /// </summary>
    public void Backward(Span<float> tableGradient, ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> ids, int outputDim, bool clearAll = false)
    {
        if (tableGradient.Length != _inputDim * outputDim || outputGradient.Length != ids.Length * outputDim)
            throw new ArgumentException("Embedding backward: buffer lengths do not match the table and the tokens.");
        if (clearAll) tableGradient.Clear();
        else
        {
            for (int k = 0; k < _count; k++) tableGradient.Slice(_rows[k] * outputDim, outputDim).Clear();
        }
        for (int k = 0; k < _count; k++) _used[_rows[k]] = false;
        _count = 0;
        if (_rows.Length < ids.Length) _rows = new int[ids.Length];
        for (int t = 0; t < ids.Length; t++)
        {
            int id = (int)ids[t];
            Span<float> row = tableGradient.Slice(id * outputDim, outputDim);
            if (!_used[id])
            {
                _used[id] = true;
                _rows[_count++] = id;
                if (!clearAll) row.Clear();
            }
            PartialSums.AddTo(row, outputGradient.Slice(t * outputDim, outputDim));
        }
    }
}
