// Text classification with an LSTM: synthetic reviews (SentimentData: positive and negative words, "not" flipping the
// next one) padded to 40 token ids with Sequences.Pad, then Embedding(1000, 32), LSTM(32), Dense(1, sigmoid); Adam.
// Reports the test accuracy and the seconds per epoch.
//
//   dotnet run -c Release --project Samples/TextLstm [-- --epochs 5 --batch-size 32 --seed 42]
using System;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Samples.TextLstm;

// An exception that reaches the top prints its message and a hint, and exits 1; --verbose adds the stack trace.
args = NetGen.Samples.SampleErrors.Install(args);

int epochs = 5, batchSize = 32, seed = 42;
const string Usage = "Usage: TextLstm [--epochs N (5)] [--batch-size N (32)] [--seed N (42)]";
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    bool parsed = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (value > 0 || option == "--seed");
    if (option is "--help" or "-h")
    {
        Console.WriteLine(Usage);
        return 0;
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

DataSet train = SentimentData.Make(10000, seed: 1), test = SentimentData.Make(2000, seed: 2);
Console.WriteLine($"{train.Count} training and {test.Count} test reviews of {SentimentData.Length} token ids. Kernels: {NetGen.Kernels.Simd.ActivePath}.");
var model = new SentimentLstm(seed);
model.Summary();
History history = model.Fit(train, epochs: epochs, batchSize: batchSize, validationData: test);
var (loss, accuracy) = model.Evaluate(test);
double[] seconds = history.EpochDurations.Select(d => d.TotalSeconds).ToArray();
Console.WriteLine(FormattableString.Invariant($"Test loss {loss:0.0000}, test accuracy {accuracy:0.0000}; seconds per epoch [{string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}]"));
return 0;
