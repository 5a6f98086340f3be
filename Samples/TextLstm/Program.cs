// Text classification on a real corpus: Debian's fortune cookies of four categories (FortuneCorpus), tokenized with
// NetGen's Tokenizer (Keras's: vocabulary from the training texts only), then two classifiers side by side:
//   Embedding(5000, 64) + LSTM(64) on the texts padded to 80 token ids (Sequences.Pad), and
//   a bag-of-words baseline: Dense(64, relu) on which words each text contains (Tokenizer.TextsToMatrix).
// Each trains with EarlyStopping on a validation split (restoring its best weights) and reports its test accuracy.
//
//   apt-get install fortunes   # optional: all ~3,100 texts instead of the 640 bundled ones
//   dotnet run -c Release --project Samples/TextLstm [-- --epochs 15 --batch-size 32 --seed 42 --bundled]
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.TextLstm;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

int epochs = 15, batchSize = 32, seed = 42;
bool bundledOnly = false;
const string Usage = "Usage: TextLstm [--epochs N (15, at most; EarlyStopping)] [--batch-size N (32)] [--seed N (42)] [--bundled (the 640 bundled texts even when Debian's fortunes are installed)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    bool parsed = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (value > 0 || option == "--seed");
    if (option is "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return 0;
    }
    if (option == "--bundled")
    {
        bundledOnly = true;
        continue;
    }
    if (option is not ("--epochs" or "--batch-size" or "--seed") || !parsed)
    {
        Console.Error.WriteLine(option is "--epochs" or "--batch-size" or "--seed" ? $"{option} needs a positive integer." : $"Unknown option {option}.");
        Console.Error.WriteLine(Usage);
        return 2;
    }
    value = int.Parse(args[++i], CultureInfo.InvariantCulture);
    if (option == "--epochs") epochs = value;
    else if (option == "--batch-size") batchSize = value;
    else seed = value;
}

var (texts, labels, source) = FortuneCorpus.Load(bundledOnly);
// A seeded shuffle, then 80 % to train (of which the last 10 % validate) and 20 % to test.
int[] order = Enumerable.Range(0, texts.Count).ToArray();
new Random(seed).Shuffle(order);
int trainCount = texts.Count * 8 / 10;
List<string> trainTexts = order[..trainCount].Select(i => texts[i]).ToList(), testTexts = order[trainCount..].Select(i => texts[i]).ToList();
float[] trainLabels = order[..trainCount].Select(i => (float)labels[i]).ToArray(), testLabels = order[trainCount..].Select(i => (float)labels[i]).ToArray();
Console.WriteLine($"{texts.Count} fortunes of {FortuneCorpus.Categories.Length} categories ({string.Join(", ", FortuneCorpus.Categories)}) from {source}: {trainTexts.Count} to train, {testTexts.Count} to test. Kernels: {NetGen.Kernels.Simd.ActivePath}.");

// The vocabulary comes from the training texts alone, as it would in production.
var tokenizer = new Tokenizer(numWords: FortuneText.Vocabulary);
tokenizer.FitOnTexts(trainTexts);
Console.WriteLine($"Vocabulary: {tokenizer.WordIndex.Count} distinct words in the training texts; the {FortuneText.Vocabulary - 1} most frequent get ids.");
DataSet SequencesOf(List<string> part, float[] partLabels) =>
    new(Sequences.Pad(tokenizer.TextsToSequences(part), FortuneText.Length), [FortuneText.Length], partLabels);
DataSet BagsOf(List<string> part, float[] partLabels) =>
    new(tokenizer.TextsToMatrix(part, TextMatrixMode.Binary), [FortuneText.Vocabulary], partLabels);

double lstmLoss = double.NaN;
var results = new List<(string Model, double Accuracy, int Epochs, double SecondsPerEpoch)>();
results.Add(Train("bag of words: Dense(64) on word presence", new FortuneBagOfWords(seed), BagsOf(trainTexts, trainLabels), BagsOf(testTexts, testLabels)));
results.Add(Train("Embedding(5000, 32) + LSTM(32)", new FortuneLstm(seed), SequencesOf(trainTexts, trainLabels), SequencesOf(testTexts, testLabels)));

Console.WriteLine();
Console.WriteLine($"{"model",-42} {"test accuracy",13} {"epochs",6} {"s/epoch",8}");
foreach (var (name, accuracy, trained, secondsPerEpoch) in results)
    Console.WriteLine(FormattableString.Invariant($"{name,-42} {accuracy,13:0.0000} {trained,6} {secondsPerEpoch,8:0.00}"));
Console.WriteLine(FormattableString.Invariant($"Chance (the largest category): {testLabels.GroupBy(l => l).Max(g => g.Count()) / (double)testLabels.Length:0.0000}."));
// The line CI and the tests read: the LSTM's test accuracy.
Console.WriteLine(FormattableString.Invariant($"LSTM: test loss {lstmLoss:0.0000}, test accuracy {results[1].Accuracy:0.0000}"));
return 0;

(string, double, int, double) Train(string name, Model model, DataSet train, DataSet test)
{
    Console.WriteLine();
    Console.WriteLine(name);
    model.Summary();
    var stopping = new EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true);
    History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationSplit: 0.1, callbacks: [stopping], verbose: 2);
    var (loss, accuracy) = model.Evaluate(test);
    if (model is FortuneLstm) lstmLoss = loss;
    double seconds = history.EpochDurations.Select(d => d.TotalSeconds).Average();
    return (name, accuracy, history.EpochDurations.Count, seconds);
}
