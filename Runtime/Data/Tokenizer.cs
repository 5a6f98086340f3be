using System;
using System.Collections.Generic;
using System.Text;

namespace NetGen;

/// <summary>How <see cref="Tokenizer.TextsToMatrix"/> fills a row: Keras's <c>mode</c> of <c>texts_to_matrix</c>.</summary>
public enum TextMatrixMode
{
    /// <summary>1 for each word of the vocabulary the text contains (Keras's <c>'binary'</c>, the default).</summary>
    Binary = 0,

    /// <summary>How many times the text contains the word (<c>'count'</c>).</summary>
    Count = 1,

    /// <summary>The count divided by the text's number of words (<c>'freq'</c>).</summary>
    Frequency = 2,

    /// <summary>(1 + ln count) · ln(1 + texts / (1 + texts containing the word)) (<c>'tfidf'</c>).</summary>
    TfIdf = 3,
}

/// <summary>
/// Turns texts into token ids, as Keras's <c>keras.preprocessing.text.Tokenizer</c>: <see cref="FitOnTexts"/> builds the
/// vocabulary (the most frequent word gets id 1; id 0 is left for padding), <see cref="TextsToSequences"/> gives each
/// text's ids (for <see cref="Sequences.Pad"/> and an <c>[Embedding]</c>), and <see cref="TextsToMatrix"/> a bag of
/// words per text (for a Dense network).
/// </summary>
/// <remarks>
/// As Keras: the text is lowercased, Keras's filter characters <c>!"#$%&amp;()*+,-./:;&lt;=&gt;?@[\]^_`{|}~</c> and
/// tabs and newlines separate words, and only the ids below <see cref="NumWords"/> are used. Unlike Keras, every other
/// control character (a backspace, a carriage return) separates words too, where Keras would keep it inside a word.
/// Words of equal count are ordered by first appearance, as Keras's sort keeps them.
/// </remarks>
public sealed class Tokenizer
{
    private const string Filters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private readonly Dictionary<string, int> _wordIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _wordCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _wordDocuments = new(StringComparer.Ordinal);
    private readonly List<string> _firstSeen = new();
    private int[] _documentsPerId = [];
    private int _documentCount;

    /// <summary>Creates a tokenizer that keeps the <paramref name="numWords"/> − 1 most frequent words (ids 1 … numWords − 1), or every word when null.</summary>
    /// <param name="numWords">Keras's <c>num_words</c>: the ids used are those below it (id 0 is padding). Null: no limit.</param>
    /// <param name="oovToken">
    /// Keras's <c>oov_token</c>: when given, it gets id 1 and replaces every word outside the vocabulary (or past
    /// <paramref name="numWords"/>); when null, such words are dropped.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numWords"/> is less than 2 (it would leave no word).</exception>
    public Tokenizer(int? numWords = null, string? oovToken = null)
    {
        if (numWords is < 2)
            throw new ArgumentOutOfRangeException(nameof(numWords), numWords, "numWords counts id 0 (padding) too: expected at least 2, or null for no limit.");
        NumWords = numWords;
        OovToken = oovToken;
    }

    /// <summary>The ids used are those below this (Keras's <c>num_words</c>), or every id when null.</summary>
    public int? NumWords { get; }

    /// <summary>The token that stands for unknown words (id 1), or null to drop them.</summary>
    public string? OovToken { get; }

    /// <summary>The number of texts <see cref="FitOnTexts"/> has seen.</summary>
    public int DocumentCount => _documentCount;

    /// <summary>Every word seen, with its id (1 for the most frequent, or for <see cref="OovToken"/>), including those past <see cref="NumWords"/>.</summary>
    public IReadOnlyDictionary<string, int> WordIndex => _wordIndex;

    /// <summary>The size of the id range the outputs use: <see cref="NumWords"/> when set, else the largest id + 1 (the input dimension of an Embedding, the width of a matrix row).</summary>
    public int VocabularySize => NumWords ?? _wordIndex.Count + 1;

    /// <summary>
    /// Counts the words of <paramref name="texts"/> and (re)builds <see cref="WordIndex"/> by descending count.
    /// Calling it again adds to the counts, as in Keras.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of them is null.</exception>
    public void FitOnTexts(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var seenInText = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            if (text is null) throw new ArgumentNullException(nameof(texts), "A text is null.");
            _documentCount++;
            seenInText.Clear();
            foreach (string word in Words(text))
            {
                if (_wordCounts.TryGetValue(word, out int count)) _wordCounts[word] = count + 1;
                else
                {
                    _wordCounts[word] = 1;
                    _firstSeen.Add(word);
                }
                if (seenInText.Add(word)) _wordDocuments[word] = _wordDocuments.GetValueOrDefault(word) + 1;
            }
        }
        RebuildIndex();
    }

    /// <summary>Each text as its word ids in order (words outside the vocabulary dropped, or <see cref="OovToken"/>'s id when set).</summary>
    /// <exception cref="InvalidOperationException"><see cref="FitOnTexts"/> has not been called.</exception>
    public List<int[]> TextsToSequences(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ThrowIfNotFitted();
        int? oov = OovToken is null ? null : _wordIndex[OovToken];
        var sequences = new List<int[]>();
        var ids = new List<int>();
        foreach (string text in texts)
        {
            if (text is null) throw new ArgumentNullException(nameof(texts), "A text is null.");
            ids.Clear();
            foreach (string word in Words(text))
            {
                if (_wordIndex.TryGetValue(word, out int id) && (NumWords is not int limit || id < limit)) ids.Add(id);
                else if (oov is int oovId) ids.Add(oovId);
            }
            sequences.Add(ids.ToArray());
        }
        return sequences;
    }

    /// <summary>
    /// One row of <see cref="VocabularySize"/> values per text, row-major (count × VocabularySize): a bag of words
    /// weighted by <paramref name="mode"/>, ready for a network whose input is <c>[Input(VocabularySize)]</c>. Column 0
    /// (padding) stays 0.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="FitOnTexts"/> has not been called.</exception>
    public float[] TextsToMatrix(IReadOnlyList<string> texts, TextMatrixMode mode = TextMatrixMode.Binary)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected Binary, Count, Frequency or TfIdf.");
        List<int[]> sequences = TextsToSequences(texts);
        int width = VocabularySize;
        var matrix = new float[(long)sequences.Count * width];
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < sequences.Count; i++)
        {
            int[] ids = sequences[i];
            counts.Clear();
            foreach (int id in ids) counts[id] = counts.GetValueOrDefault(id) + 1;
            Span<float> row = matrix.AsSpan(i * width, width);
            foreach ((int id, int count) in counts)
            {
                row[id] = mode switch
                {
                    TextMatrixMode.Binary => 1f,
                    TextMatrixMode.Count => count,
                    TextMatrixMode.Frequency => (float)count / ids.Length,
                    _ => (float)((1 + Math.Log(count)) * Math.Log(1 + (double)_documentCount / (1 + _documentsPerId[id]))),
                };
            }
        }
        return matrix;
    }

    /// <summary>The words of <paramref name="text"/>: lowercased, split at filter characters, spaces and control characters.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text)
        {
            if (c == ' ' || char.IsControl(c) || Filters.Contains(c))
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
            }
            else word.Append(char.ToLowerInvariant(c));
        }
        if (word.Length > 0) yield return word.ToString();
    }

    /// <summary>Ids by descending count, ties in order of first appearance; the OOV token first when set.</summary>
    private void RebuildIndex()
    {
        var words = new List<string>(_firstSeen);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++) position[words[i]] = i;
        words.Sort((a, b) => _wordCounts[b] != _wordCounts[a] ? _wordCounts[b].CompareTo(_wordCounts[a]) : position[a].CompareTo(position[b]));
        _wordIndex.Clear();
        int next = 1;
        if (OovToken is not null) _wordIndex[OovToken] = next++;
        foreach (string word in words)
        {
            if (!_wordIndex.ContainsKey(word)) _wordIndex[word] = next++;
        }
        _documentsPerId = new int[next];
        foreach ((string word, int id) in _wordIndex) _documentsPerId[id] = _wordDocuments.GetValueOrDefault(word);
    }

    private void ThrowIfNotFitted()
    {
        if (_documentCount == 0)
            throw new InvalidOperationException("The tokenizer has no vocabulary yet: call FitOnTexts with the training texts first.");
    }
}
