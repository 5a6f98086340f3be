using System;
using System.IO;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// Writing into a location the process may not write to. Tests run as root, where <c>chmod</c> does not stop writes
/// (see <see cref="AtomicWriteTests.ReadOnlyFolder_FailsWithoutDamage_WhereTheOperatingSystemEnforcesIt"/>), so these use
/// the top of Linux's sysfs, <c>/sys</c>, where nobody, root included, may create files or folders. Every writer fails
/// with an error naming the path it was given, before any training, and leaves the model unchanged.
/// </summary>
public sealed class ReadOnlyLocationTests
{
    private const string ReadOnly = "/sys";

    private static readonly DataSet Train = CheckpointTestData.Classification(16, seed: 3);

    [Fact]
    public void TheLocation_IsReadOnlyEvenForRoot()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Guards the tests below: if this starts to succeed, they no longer test a read-only location.
        Assert.ThrowsAny<Exception>(() => File.WriteAllText(Path.Combine(ReadOnly, "netgen-probe.txt"), "x"));
        Assert.ThrowsAny<Exception>(() => Directory.CreateDirectory(Path.Combine(ReadOnly, "netgen-probe")));
    }

    [Fact]
    public void SaveWeightsAndSaveCheckpoint_NameThePathAndTheFolder()
    {
        if (!OperatingSystem.IsLinux()) return;
        var model = new CheckpointNet(seed: 1);
        string path = Path.Combine(ReadOnly, "model.weights.safetensors");

        var weights = Assert.Throws<UnauthorizedAccessException>(() => model.SaveWeights(path));
        var checkpoint = Assert.Throws<UnauthorizedAccessException>(() => model.SaveCheckpoint(path));

        foreach (Exception error in new Exception[] { weights, checkpoint })
        {
            Assert.Contains($"Cannot save '{path}'", error.Message);
            Assert.Contains($"the folder '{ReadOnly}' cannot be written to", error.Message);
            Assert.NotNull(error.InnerException);
        }
    }

    [Fact]
    public void ModelCheckpoint_FailsAtTheFirstEpochEnd_NamingThePath()
    {
        if (!OperatingSystem.IsLinux()) return;
        var model = new CheckpointNet(seed: 1);
        string path = Path.Combine(ReadOnly, "best.weights.safetensors");

        var error = Assert.Throws<IOException>(() =>
            model.Fit(Train, epochs: 2, batchSize: 8, verbose: 0, callbacks: [new ModelCheckpoint(path, output: TextWriter.Null)]));

        Assert.Contains(path, error.Message);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
        Assert.Equal(1, model.Epoch); // it stopped at the end of the first epoch
    }

    [Fact]
    public void LoggingCallbacks_FailBeforeTraining_NamingThePath_AndTheModelIsUnchanged()
    {
        if (!OperatingSystem.IsLinux()) return;
        Callback[] callbacks =
        [
            new CSVLogger(Path.Combine(ReadOnly, "training.csv")),
            new global::NetGen.TensorBoard(Path.Combine(ReadOnly, "logs")),
            new TrainingReportWriter(Path.Combine(ReadOnly, "report.html")),
        ];
        string[] named = [Path.Combine(ReadOnly, "training.csv"), Path.Combine(ReadOnly, "logs"), Path.Combine(ReadOnly, "report.html")];
        for (int i = 0; i < callbacks.Length; i++)
        {
            var model = new CheckpointNet(seed: 1);
            float[] before = model.Parameters.ToArray();

            Exception error = Assert.ThrowsAny<Exception>(() => model.Fit(Train, epochs: 1, batchSize: 8, verbose: 0, callbacks: [callbacks[i]]));

            Assert.True(error is UnauthorizedAccessException or IOException, $"{callbacks[i].GetType().Name}: {error}");
            Assert.Contains(named[i], error.Message);
            Assert.Equal(0, model.Iterations);
            Assert.Equal(CheckpointTestData.Bits(before), CheckpointTestData.Bits(model.Parameters));
            (callbacks[i] as IDisposable)?.Dispose();
        }
    }
}
