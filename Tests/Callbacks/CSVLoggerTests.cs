using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Tests.Callbacks;

/// <summary>
/// CSVLogger (keras-reference §8): header <c>epoch</c> + sorted keys (plus <c>val_</c> columns when the first epoch has
/// none), 0-based epochs, <c>NA</c> for missing values, Python <c>str(float)</c> numbers, Python csv's <c>\r\n</c> rows,
/// append mode skipping the header of a non-empty file, a flush per epoch and a close at train end. The expected files
/// were checked against Python's csv.DictWriter.
/// </summary>
public sealed class CSVLoggerTests
{
    private static CSVLogger Attach(CSVLogger logger) => CallbackTestKit.Attach(logger, new CbClassifier(seed: 1));

    private static void Run(CSVLogger logger, params Dictionary<string, double>[] epochs)
    {
        logger.OnTrainBegin(new Dictionary<string, double>());
        for (int e = 0; e < epochs.Length; e++) logger.OnEpochEnd(e, epochs[e]);
        logger.OnTrainEnd(new Dictionary<string, double>());
    }

    [Fact]
    public void Header_IsEpochAndTheSortedKeys_RowsArePythonNumbers()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");

        Run(Attach(new CSVLogger(file)),
            CallbackTestKit.Logs(("loss", 0.5), ("accuracy", 0.12345678901234568), ("val_loss", 1e-05), ("val_accuracy", 0.1 + 0.2)),
            CallbackTestKit.Logs(("loss", 100.0), ("accuracy", double.NaN), ("val_loss", double.PositiveInfinity), ("val_accuracy", 1.0 / 3)));

        Assert.Equal(
            "epoch,accuracy,loss,val_accuracy,val_loss\r\n" +
            "0,0.12345678901234568,0.5,0.30000000000000004,1e-05\r\n" +
            "1,nan,100.0,0.3333333333333333,inf\r\n",
            File.ReadAllText(file));
    }

    [Fact]
    public void FirstEpochWithoutValidationKeys_GetsValColumns_FilledWithNA()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");

        Run(Attach(new CSVLogger(file)),
            CallbackTestKit.Logs(("loss", 0.5), ("accuracy", 0.25)),
            CallbackTestKit.Logs(("loss", 0.4), ("accuracy", 0.5), ("val_loss", 0.75), ("val_accuracy", 0.5)));

        Assert.Equal(
            "epoch,accuracy,loss,val_accuracy,val_loss\r\n" +
            "0,0.25,0.5,NA,NA\r\n" +
            "1,0.5,0.4,0.5,0.75\r\n",
            File.ReadAllText(file));
    }

    [Fact]
    public void ColumnsAreFixedByTheFirstEpoch_MissingValuesAreNA_NewKeysAreDropped()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");

        Run(Attach(new CSVLogger(file)),
            CallbackTestKit.Logs(("loss", 0.5), ("val_loss", 0.6), ("lr", 0.001)),
            CallbackTestKit.Logs(("loss", 0.4), ("val_loss", 0.5), ("extra", 7.0)));

        Assert.Equal("epoch,loss,lr,val_loss\r\n0,0.5,0.001,0.6\r\n1,0.4,NA,0.5\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void KeysAreSortedOrdinally_AsPythonSorts()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");
        Run(Attach(new CSVLogger(file)), CallbackTestKit.Logs(("loss", 1), ("Zeta", 2), ("_x", 3), ("val_loss", 4)));
        Assert.StartsWith("epoch,Zeta,_x,loss,val_loss\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void Separator_IsUsed_AndFieldsHoldingItAreQuoted()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");

        Run(Attach(new CSVLogger(file, separator: ';')), CallbackTestKit.Logs(("a;b", 0.5), ("loss", double.NaN), ("val_loss", 2)));

        Assert.Equal("epoch;\"a;b\";loss;val_loss\r\n0;0.5;nan;2.0\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void WithoutAppend_TheFileIsOverwritten()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");
        File.WriteAllText(file, "old content\r\n");

        Run(Attach(new CSVLogger(file)), CallbackTestKit.Logs(("loss", 0.5), ("val_loss", 0.5)));

        Assert.Equal("epoch,loss,val_loss\r\n0,0.5,0.5\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void Append_ToANonEmptyFile_SkipsTheHeader()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");
        Run(Attach(new CSVLogger(file)), CallbackTestKit.Logs(("loss", 0.5), ("val_loss", 0.75)));

        Run(Attach(new CSVLogger(file, append: true)), CallbackTestKit.Logs(("loss", 0.25), ("val_loss", 0.5)));

        // Keras restarts the epoch column at 0 for every fit.
        Assert.Equal("epoch,loss,val_loss\r\n0,0.5,0.75\r\n0,0.25,0.5\r\n", File.ReadAllText(file));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Append_ToAnEmptyOrMissingFile_WritesTheHeader(bool exists)
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");
        if (exists) File.WriteAllText(file, "");

        Run(Attach(new CSVLogger(file, append: true)), CallbackTestKit.Logs(("loss", 0.5), ("val_loss", 0.75)));

        Assert.Equal("epoch,loss,val_loss\r\n0,0.5,0.75\r\n", File.ReadAllText(file));
    }

    [Fact]
    public void EachRow_IsFlushedAtItsEpochEnd_AndTheFileIsClosedAtTrainEnd()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");
        var logger = Attach(new CSVLogger(file));

        logger.OnTrainBegin(new Dictionary<string, double>());
        logger.OnEpochEnd(0, CallbackTestKit.Logs(("loss", 0.5), ("val_loss", 0.75)));
        Assert.Equal("epoch,loss,val_loss\r\n0,0.5,0.75\r\n", ReadShared(file));
        logger.OnEpochEnd(1, CallbackTestKit.Logs(("loss", 0.25), ("val_loss", 0.5)));
        Assert.EndsWith("1,0.25,0.5\r\n", ReadShared(file));
        logger.OnTrainEnd(new Dictionary<string, double>());

        // Closed: the file can now be opened exclusively.
        using var exclusive = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.Equal(Encoding.UTF8.GetByteCount("epoch,loss,val_loss\r\n0,0.5,0.75\r\n1,0.25,0.5\r\n"), exclusive.Length);
    }

    [Fact]
    public void Dispose_ClosesTheFile_WhenTrainingDidNotEnd()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("log.csv");
        var logger = Attach(new CSVLogger(file));
        logger.OnTrainBegin(new Dictionary<string, double>());

        logger.Dispose();

        using var exclusive = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    [Fact]
    public void MissingFolder_FailsAtTrainBegin()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var logger = Attach(new CSVLogger(Path.Combine(folder.Path, "missing", "log.csv")));
        Assert.Throws<DirectoryNotFoundException>(() => logger.OnTrainBegin(new Dictionary<string, double>()));
    }

    [Fact]
    public void EpochEndBeforeTrainBegin_IsAClearError()
    {
        var logger = Attach(new CSVLogger("never-opened.csv"));
        Assert.Throws<InvalidOperationException>(() => logger.OnEpochEnd(0, CallbackTestKit.Logs(("loss", 1))));
    }

    [Fact]
    public void Fit_WritesOneRowPerEpoch_WithTheHistoryValues_RoundTripping()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("training.csv");
        var model = new CbClassifier(seed: 3);

        History history = model.Fit(CallbackTestKit.Classification(24, seed: 1), epochs: 3, batchSize: 8,
            validationData: CallbackTestKit.Classification(9, seed: 2), callbacks: [new CSVLogger(file)], verbose: 0);

        string[] lines = File.ReadAllText(file).Split("\r\n");
        Assert.Equal(5, lines.Length);
        Assert.Equal("", lines[4]);
        Assert.Equal("epoch,accuracy,loss,val_accuracy,val_loss", lines[0]);
        string[] columns = lines[0].Split(',');
        for (int e = 0; e < 3; e++)
        {
            string[] fields = lines[e + 1].Split(',');
            Assert.Equal(e.ToString(CultureInfo.InvariantCulture), fields[0]);
            for (int c = 1; c < columns.Length; c++)
                Assert.Equal(history[columns[c]][e], double.Parse(fields[c], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Fit_WithAScheduler_LogsTheLearningRateColumn()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string file = folder.File("training.csv");
        var model = new CbClassifier(seed: 3);

        model.Fit(CallbackTestKit.Classification(24, seed: 1), epochs: 2, batchSize: 8,
            callbacks: [new LearningRateScheduler(e => e == 0 ? 0.01 : 1e-05), new CSVLogger(file)], verbose: 0);

        string[] lines = File.ReadAllText(file).Split("\r\n");
        Assert.Equal("epoch,accuracy,loss,lr,val_accuracy,val_loss,val_lr", lines[0]);
        Assert.EndsWith(",0.01,NA,NA,NA", lines[1]);
        Assert.EndsWith(",1e-05,NA,NA,NA", lines[2]);
    }

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
