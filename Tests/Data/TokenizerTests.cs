using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Data;

/// <summary>
/// Tokenizer against Keras's Tokenizer: the expected ids and matrices below follow Keras's rules (lowercase, its
/// filter characters, ids by descending count with ties in first-appearance order, num_words counting id 0, the OOV
/// token at id 1), worked out by hand for these texts.
/// </summary>
public sealed class TokenizerTests
{
    private static readonly string[] Texts = ["The cat sat on the mat.", "The dog ate my HOMEWORK!", "A cat, a dog."];

    [Fact]
    public void WordIndex_IsByDescendingCount_TiesInOrderOfFirstAppearance()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(Texts);
        // the ×3; cat, dog, a ×2 (first seen in that order); then sat, on, mat, ate, my, homework ×1.
        string[] expected = ["the", "cat", "dog", "a", "sat", "on", "mat", "ate", "my", "homework"];
        Assert.Equal(expected.Select((word, i) => (word, i + 1)), tokenizer.WordIndex.OrderBy(e => e.Value).Select(e => (e.Key, e.Value)));
        Assert.Equal(3, tokenizer.DocumentCount);
        Assert.Equal(11, tokenizer.VocabularySize);
    }

    [Fact]
    public void TextsToSequences_KeepsIdsBelowNumWords_AndDropsTheRest()
    {
        var tokenizer = new Tokenizer(numWords: 5);
        tokenizer.FitOnTexts(Texts);
        List<int[]> sequences = tokenizer.TextsToSequences(["the cat sat on the mat", "A dog? A bird!"]);
        Assert.Equal([1, 2, 1], sequences[0]); // sat, on, mat (ids 5-7) and the unknown "bird" are dropped
        Assert.Equal([4, 3, 4], sequences[1]);
        Assert.Equal(5, tokenizer.VocabularySize);
    }

    [Fact]
    public void OovToken_TakesIdOne_AndStandsForUnknownAndRareWords()
    {
        var tokenizer = new Tokenizer(numWords: 5, oovToken: "<OOV>");
        tokenizer.FitOnTexts(Texts);
        Assert.Equal(1, tokenizer.WordIndex["<OOV>"]);
        Assert.Equal(2, tokenizer.WordIndex["the"]);
        List<int[]> sequences = tokenizer.TextsToSequences(["the cat sat on a bird"]);
        Assert.Equal([2, 3, 1, 1, 1, 1], sequences[0]); // a is id 5: past numWords, like sat, on and bird
    }

    [Fact]
    public void ControlCharactersAndFilterCharacters_SeparateWords_ApostrophesDoNot()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["don't\bstop\r\nme-now (ok)"]);
        Assert.Equal(["don't", "stop", "me", "now", "ok"], tokenizer.WordIndex.OrderBy(e => e.Value).Select(e => e.Key));
    }

    [Fact]
    public void TextsToMatrix_InEachMode()
    {
        var tokenizer = new Tokenizer(numWords: 6);
        tokenizer.FitOnTexts(Texts);
        string[] texts = ["the cat the cat the mat", "dog"];

        float[] binary = tokenizer.TextsToMatrix(texts, TextMatrixMode.Binary);
        Assert.Equal([0, 1, 1, 0, 0, 0, /**/ 0, 0, 0, 1, 0, 0], binary); // mat (id 7) is past numWords
        float[] count = tokenizer.TextsToMatrix(texts, TextMatrixMode.Count);
        Assert.Equal([0, 3, 2, 0, 0, 0, /**/ 0, 0, 0, 1, 0, 0], count);
        float[] frequency = tokenizer.TextsToMatrix(texts, TextMatrixMode.Frequency);
        Assert.Equal([0, 3f / 5, 2f / 5, 0, 0, 0, /**/ 0, 0, 0, 1, 0, 0], frequency);

        // Keras: (1 + ln c) · ln(1 + documents / (1 + documents containing the word)); "the" is in 2 of 3 texts, "cat" in 2, "dog" in 2.
        float[] tfidf = tokenizer.TextsToMatrix(texts, TextMatrixMode.TfIdf);
        double idf = Math.Log(1 + 3.0 / (1 + 2));
        Assert.Equal((1 + Math.Log(3)) * idf, tfidf[1], 5);
        Assert.Equal((1 + Math.Log(2)) * idf, tfidf[2], 5);
        Assert.Equal(idf, tfidf[6 + 3], 5);
        Assert.Equal(0f, tfidf[0]);
    }

    [Fact]
    public void Misuse_IsAClearError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tokenizer(numWords: 1));
        var tokenizer = new Tokenizer();
        var error = Assert.Throws<InvalidOperationException>(() => tokenizer.TextsToSequences(["a"]));
        Assert.Contains("FitOnTexts", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => tokenizer.FitOnTexts(["a", null!]));
    }
}
