using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Tests.Checkpoints;

namespace NetGen.Tests.Callbacks;

/// <summary>
/// ModelCheckpoint (keras-reference §8): the path is <c>filepath.format(epoch=epoch + 1, **logs)</c>; save_best_only
/// saves iff cur improves on the best with min_delta 0 (best from initial_value_threshold or ±∞, kept across fits);
/// a missing monitor skips the save with a warning (tf.keras 2); Keras's verbose messages; missing folders are created.
/// </summary>
/// <remarks>Tests that save need <see cref="Model.SaveWeights"/> (and some <see cref="Model.LoadWeights"/>).</remarks>
public sealed class ModelCheckpointTests
{
    private static readonly string NL = Environment.NewLine;

    [Fact]
    public void Defaults_AreKeras()
    {
        var callback = new ModelCheckpoint("w.safetensors");
        Assert.Equal("w.safetensors", callback.FilePath);
        Assert.Equal("val_loss", callback.Monitor);
        Assert.Equal(0, callback.Verbose);
        Assert.False(callback.SaveBestOnly);
        Assert.False(callback.SaveWeightsOnly);
        Assert.Equal(MonitorMode.Auto, callback.Mode);
        Assert.Null(callback.InitialValueThreshold);
        Assert.Equal(double.PositiveInfinity, callback.Best);
        Assert.Equal(double.NegativeInfinity, new ModelCheckpoint("w.st", "val_accuracy").Best);
        Assert.Equal(0.3, new ModelCheckpoint("w.st", initialValueThreshold: 0.3).Best);
    }

    [Fact]
    public void WholeModel_IsATrainingCheckpoint_FromWhichTheRunResumesBitIdentically()
    {
        // saveWeightsOnly: false (Keras's default) saves what Keras's whole-model file holds beyond the architecture:
        // the weights and the optimizer, plus the step, epoch and random streams. Resuming from epoch 1's file into a
        // fresh model of another seed ends exactly where the uninterrupted run ends.
        using var folder = CallbackTestKit.NewTempFolder();
        DataSet train = CheckpointTestData.Classification(45, seed: 31);
        var model = new CheckpointDropoutNet(7);
        var checkpoint = new ModelCheckpoint(folder.File("model-{epoch}.safetensors"), output: TextWriter.Null);
        model.Fit(train, epochs: 3, batchSize: 8, verbose: 0, callbacks: [checkpoint]);

        var resumed = new CheckpointDropoutNet(12345);
        resumed.LoadCheckpoint(folder.File("model-1.safetensors"));
        Assert.Equal(1, resumed.Epoch);
        resumed.Fit(train, epochs: 3, batchSize: 8, verbose: 0, initialEpoch: resumed.Epoch);

        Assert.Equal(model.Iterations, resumed.Iterations);
        Assert.Equal(CheckpointTestData.Bits(model.Parameters), CheckpointTestData.Bits(resumed.Parameters));
    }

    [Fact]
    public void WeightsOnly_SavesAWeightsFile_ThatIsNotACheckpoint()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var model = new CbClassifier(seed: 3);
        var checkpoint = new ModelCheckpoint(folder.File("w.safetensors"), saveWeightsOnly: true, output: TextWriter.Null);
        model.Fit(CallbackTestKit.Classification(16, seed: 1), epochs: 1, batchSize: 8, verbose: 0, callbacks: [checkpoint]);

        var fresh = new CbClassifier(seed: 99);
        fresh.LoadWeights(folder.File("w.safetensors"));
        Assert.Equal(model.Parameters.ToArray(), fresh.Parameters.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => new CbClassifier(seed: 99).LoadCheckpoint(folder.File("w.safetensors")));
        Assert.Contains("weights only", error.Message);
    }

    [Fact]
    public void MalformedTemplate_FailsAtConstruction() =>
        Assert.Throws<FormatException>(() => new ModelCheckpoint("w-{epoch:>3}.st"));

    [Fact]
    public void MissingTemplateKey_IsAKeyNotFoundException_EvenInAnEpochThatSavesNothing()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var callback = Attach(new ModelCheckpoint(folder.File("w-{val_acc:.2f}.st"), saveBestOnly: true, initialValueThreshold: 0, output: TextWriter.Null));

        callback.OnTrainBegin(new Dictionary<string, double>());
        var error = Assert.Throws<KeyNotFoundException>(() => callback.OnEpochEnd(0, CallbackTestKit.Logs(("loss", 1.0), ("val_loss", 2.0))));

        Assert.Contains("'val_acc'", error.Message);
        Assert.Contains("epoch, loss, val_loss", error.Message);
    }

    [Fact]
    public void SaveBestOnly_WithoutImprovement_SavesNothing_AndSaysSo()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var output = new StringWriter();
        var callback = Attach(new ModelCheckpoint(folder.File("best.st"), verbose: 1, saveBestOnly: true, initialValueThreshold: 0.45, output: output));

        CallbackTestKit.Drive(callback, [0.5, 0.6, 0.45]);

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.Null(callback.LastSavedPath);
        Assert.Equal(0.45, callback.Best);
        string message = NL + "Epoch {0}: val_loss did not improve from 0.45000" + NL;
        Assert.Equal(string.Format(message, 1) + string.Format(message, 2) + string.Format(message, 3), output.ToString());
    }

    [Fact]
    public void SaveBestOnly_WithAMissingMonitor_SkipsTheSave_AndWarnsOnce()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var output = new StringWriter();
        var callback = Attach(new ModelCheckpoint(folder.File("best-{epoch}.st"), saveBestOnly: true, output: output));

        callback.OnTrainBegin(new Dictionary<string, double>());
        for (int epoch = 0; epoch < 3; epoch++) callback.OnEpochEnd(epoch, CallbackTestKit.Logs(("loss", 1.0)));
        callback.OnTrainEnd(new Dictionary<string, double>());

        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.Equal("WARNING: Can save best model only with val_loss available, skipping." + NL, output.ToString());
    }

    [Fact]
    public void PathThatIsAnExistingFolder_IsAClearError()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        Directory.CreateDirectory(folder.File("taken"));
        var callback = Attach(new ModelCheckpoint(folder.File("taken"), output: TextWriter.Null));

        var error = Assert.Throws<IOException>(() => CallbackTestKit.Drive(callback, [1.0]));

        Assert.Contains("non-directory", error.Message);
        Assert.Contains(folder.File("taken"), error.Message);
    }

    [Fact]
    public void FolderThatCannotBeCreated_IsAClearError_NamingTheFolderAndThePath()
    {
        // A file where the folder should be: no user, root included, can create the folder.
        using var folder = CallbackTestKit.NewTempFolder();
        File.WriteAllText(folder.File("blocker"), "not a folder");
        string path = Path.Combine(folder.File("blocker"), "ckpt", "w.st");
        var callback = Attach(new ModelCheckpoint(path, output: TextWriter.Null));

        var error = Assert.Throws<IOException>(() => CallbackTestKit.Drive(callback, [1.0]));

        Assert.Contains("could not create the folder", error.Message);
        Assert.Contains(path, error.Message);
        Assert.NotNull(error.InnerException);
    }

    // ---- Tests that save (they need Model.SaveWeights / LoadWeights). ----

    [Fact]
    public void EveryEpoch_SavesToTheFormattedPath_WithKerasMessages()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var output = new StringWriter();
        var callback = Attach(new ModelCheckpoint(folder.File("w-{epoch:02d}-{val_loss:.2f}.safetensors"), verbose: 1, output: output));

        CallbackTestKit.Drive(callback, [0.4512, 0.5, 0.125]);

        string[] expected = ["w-01-0.45.safetensors", "w-02-0.50.safetensors", "w-03-0.12.safetensors"];
        foreach (string name in expected) Assert.True(File.Exists(folder.File(name)), name);
        Assert.Equal(folder.File(expected[2]), callback.LastSavedPath);
        string messages = "";
        for (int e = 0; e < 3; e++) messages += NL + $"Epoch {e + 1}: saving model to {folder.File(expected[e])}" + NL;
        Assert.Equal(messages, output.ToString());
    }

    [Fact]
    public void SaveBestOnly_SavesOnlyImprovements_WithKerasMessages()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var output = new StringWriter();
        var callback = Attach(new ModelCheckpoint(folder.File("best-{epoch}.st"), verbose: 1, saveBestOnly: true, output: output));

        CallbackTestKit.Drive(callback, [0.5, 0.6, 0.4, 0.4]);

        Assert.Equal(["best-1.st", "best-3.st"], FileNames(folder.Path));
        Assert.Equal(0.4, callback.Best);
        Assert.Equal(
            NL + $"Epoch 1: val_loss improved from inf to 0.50000, saving model to {folder.File("best-1.st")}" + NL +
            NL + "Epoch 2: val_loss did not improve from 0.50000" + NL +
            NL + $"Epoch 3: val_loss improved from 0.50000 to 0.40000, saving model to {folder.File("best-3.st")}" + NL +
            NL + "Epoch 4: val_loss did not improve from 0.40000" + NL,
            output.ToString());
    }

    [Fact]
    public void SaveBestOnly_InMaxMode_SavesRisingValues()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var callback = Attach(new ModelCheckpoint(folder.File("acc-{epoch}.st"), "val_accuracy", saveBestOnly: true, output: TextWriter.Null));

        CallbackTestKit.Drive(callback, [0.5, 0.4, 0.6, 0.6], key: "val_accuracy");

        Assert.Equal(["acc-1.st", "acc-3.st"], FileNames(folder.Path));
    }

    [Fact]
    public void Best_IsKeptAcrossTrainingRuns_AsInKeras()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var callback = Attach(new ModelCheckpoint(folder.File("run-{loss}-{epoch}.st"), saveBestOnly: true, output: TextWriter.Null));

        CallbackTestKit.Drive(callback, [0.3]);
        CallbackTestKit.Drive(callback, [0.5, 0.2]);

        Assert.Equal(["run-1.0-1.st", "run-1.0-2.st"], FileNames(folder.Path));
        Assert.Equal(0.2, callback.Best);
    }

    [Fact]
    public void MissingFolders_AreCreated_AsKerasCreatesThem()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        string path = Path.Combine(folder.Path, "ckpt", "{epoch:03d}", "weights.safetensors");
        var callback = Attach(new ModelCheckpoint(path, output: TextWriter.Null));

        CallbackTestKit.Drive(callback, [1.0, 1.0]);

        Assert.True(File.Exists(Path.Combine(folder.Path, "ckpt", "001", "weights.safetensors")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "ckpt", "002", "weights.safetensors")));
    }

    [Fact]
    public void Fit_SavesTheBestWeights_WhichLoadBackIntoAFreshModel()
    {
        using var folder = CallbackTestKit.NewTempFolder();
        var model = new CbClassifier(seed: 3);
        var snapshots = new List<float[]>();
        var recorder = new LambdaCallback(onEpochEnd: (_, _) => snapshots.Add(model.Parameters.ToArray()));
        var checkpoint = new ModelCheckpoint(folder.File("{epoch:02d}-{val_loss:.4f}.safetensors"), saveBestOnly: true, output: TextWriter.Null);

        History history = model.Fit(CallbackTestKit.Classification(48, seed: 1), epochs: 4, batchSize: 8,
            validationData: CallbackTestKit.Classification(12, seed: 2), callbacks: [recorder, checkpoint], verbose: 0);

        int best = 0;
        for (int e = 1; e < 4; e++)
            if (history["val_loss"][e] < history["val_loss"][best]) best = e;
        string expected = folder.File(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{best + 1:00}-{PythonFloat.Fixed(history["val_loss"][best], 4)}.safetensors"));
        Assert.Equal(expected, checkpoint.LastSavedPath);
        var fresh = new CbClassifier(seed: 99);
        fresh.LoadWeights(expected);
        Assert.Equal(snapshots[best], fresh.Parameters.ToArray());
    }

    private static ModelCheckpoint Attach(ModelCheckpoint callback) => CallbackTestKit.Attach(callback, new CbClassifier(seed: 1));

    private static string[] FileNames(string folder)
    {
        string[] files = Directory.GetFiles(folder);
        for (int i = 0; i < files.Length; i++) files[i] = Path.GetFileName(files[i]);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
