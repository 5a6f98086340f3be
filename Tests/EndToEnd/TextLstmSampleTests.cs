using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Samples.TextLstm;

namespace NetGen.Tests.EndToEnd;

/// <summary>Samples/TextLstm: Debian's fortunes (the bundled copy), tokenized, through Embedding + LSTM and a bag of words.</summary>
public sealed class TextLstmSampleTests
{
    [Fact]
    public void BundledCorpus_Has160TextsPerCategory_WithoutSeparators()
    {
        var (texts, labels, source) = FortuneCorpus.Load(bundledOnly: true);
        Assert.Contains("bundled", source, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat(160, FortuneCorpus.Categories.Length), labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.All(texts, text => Assert.False(string.IsNullOrWhiteSpace(text) || text.Split('\n').Contains("%"), $"text '{text}'"));
    }

    [Fact]
    public void FortuneFileSplit_SeparatesAtPercentLines()
    {
        Assert.Equal(["one\ntwo", "100% sure"], FortuneCorpus.Split("%\none\ntwo\n%\n100% sure\n%\n").ToArray());
    }

    [Fact]
    public void BothClassifiers_BeatChance_OnTheBundledCorpus()
    {
        var (texts, labels, _) = FortuneCorpus.Load(bundledOnly: true);
        int[] order = Enumerable.Range(0, texts.Count).ToArray();
        new Random(1).Shuffle(order);
        int trainCount = texts.Count * 8 / 10;
        List<string> trainTexts = order[..trainCount].Select(i => texts[i]).ToList(), testTexts = order[trainCount..].Select(i => texts[i]).ToList();
        float[] trainLabels = order[..trainCount].Select(i => (float)labels[i]).ToArray(), testLabels = order[trainCount..].Select(i => (float)labels[i]).ToArray();
        var tokenizer = new Tokenizer(numWords: FortuneText.Vocabulary);
        tokenizer.FitOnTexts(trainTexts);

        var bags = new FortuneBagOfWords(seed: 42);
        bags.Fit(new DataSet(tokenizer.TextsToMatrix(trainTexts), [FortuneText.Vocabulary], trainLabels), epochs: 8, verbose: 0);
        double bagsAccuracy = bags.Evaluate(new DataSet(tokenizer.TextsToMatrix(testTexts), [FortuneText.Vocabulary], testLabels)).Accuracy;

        var lstm = new FortuneLstm(seed: 42);
        DataSet Padded(List<string> part, float[] partLabels) => new(Sequences.Pad(tokenizer.TextsToSequences(part), FortuneText.Length), [FortuneText.Length], partLabels);
        lstm.Fit(Padded(trainTexts, trainLabels), epochs: 4, verbose: 0);
        double lstmAccuracy = lstm.Evaluate(Padded(testTexts, testLabels)).Accuracy;

        // Four balanced categories: chance is 0.25. The sample reaches about 0.62 (bag of words) and 0.41 (LSTM) on this copy.
        Assert.True(bagsAccuracy > 0.45, $"bag of words: test accuracy {bagsAccuracy}");
        Assert.True(lstmAccuracy > 0.3, $"LSTM: test accuracy {lstmAccuracy}");
    }
}
