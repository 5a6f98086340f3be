using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// Training checkpoints: weights, optimizer slots, iterations, hyperparameters and both random streams, so that
/// Fit + SaveCheckpoint + LoadCheckpoint (into a fresh model) + Fit reproduces the uninterrupted run bit for bit.
/// </summary>
public sealed class CheckpointResumeTests
{
    private static readonly DataSet Train = CheckpointTestData.Classification(45, seed: 31);

    /// <summary>The uninterrupted run: Fit one epoch, twice (the resume is at an epoch boundary).</summary>
    private static Model Uninterrupted(Func<Model> create)
    {
        Model model = create();
        model.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        model.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        return model;
    }

    /// <summary>The interrupted run: Fit one epoch, checkpoint, load into <paramref name="resumed"/>, Fit one epoch.</summary>
    private static Model Resumed(Func<Model> create, Model resumed)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("epoch-1.safetensors");
        Model first = create();
        first.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        first.SaveCheckpoint(path);

        resumed.LoadCheckpoint(path);
        Assert.Equal(first.Iterations, resumed.Iterations);
        resumed.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        return resumed;
    }

    public static IEnumerable<object[]> Networks() =>
    [
        ["Adam + Dropout", (Func<int, Model>)(seed => new CheckpointDropoutNet(seed))],
        ["SGD momentum + Dropout", (Func<int, Model>)(seed => new CheckpointMomentumNet(seed))],
        ["SGD, no slots", (Func<int, Model>)(seed => new CheckpointPlainSgdNet(seed))],
        ["Adam", (Func<int, Model>)(seed => new CheckpointNet(seed))],
        ["Nadam", (Func<int, Model>)(seed => new CheckpointNadamNet(seed))],
        ["RMSprop centered + momentum + ClipNorm + weight decay", (Func<int, Model>)(seed => new CheckpointRmsPropNet(seed))],
        ["Adagrad", (Func<int, Model>)(seed => new CheckpointAdagradNet(seed))],
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void ResumeIntoAFreshModel_IsBitIdenticalToTheUninterruptedRun(string name, Func<int, Model> create)
    {
        Model uninterrupted = Uninterrupted(() => create(7));
        Model resumed = Resumed(() => create(7), create(7));

        Assert.True(uninterrupted.Iterations == resumed.Iterations, name);
        Assert.Equal(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(resumed.Parameters));
        using var folder = new TemporaryFolder();
        Assert.Equal(CheckpointTestData.Fingerprint(uninterrupted, folder), CheckpointTestData.Fingerprint(resumed, folder));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ResumeIntoAModelOfAnotherSeed_IsStillBitIdentical(string name, Func<int, Model> create)
    {
        // The random streams come from the file, so the fresh model's seed does not matter.
        Model uninterrupted = Uninterrupted(() => create(7));
        Model resumed = Resumed(() => create(7), create(12345));

        Assert.True(uninterrupted.Iterations == resumed.Iterations, name);
        Assert.Equal(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(resumed.Parameters));
    }

    [Fact]
    public void WithoutTheCheckpoint_TheRunsDiffer()
    {
        // Guards the test above: loading only the weights (no optimizer state, no random streams) does not reproduce the run.
        Model uninterrupted = Uninterrupted(() => new CheckpointDropoutNet(7));
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        var first = new CheckpointDropoutNet(7);
        first.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        first.SaveWeights(path);
        var resumed = new CheckpointDropoutNet(7);
        resumed.LoadWeights(path);
        resumed.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);

        Assert.NotEqual(CheckpointTestData.Bits(uninterrupted.Parameters), CheckpointTestData.Bits(resumed.Parameters));
    }

    [Fact]
    public void FitTwiceWithOneEpoch_VersusOnceWithTwo()
    {
        // Without shuffling, two Fit calls of one epoch equal one Fit of two epochs: Dropout's stream, the optimizer
        // state and the iteration count carry over between calls.
        var once = new CheckpointDropoutNet(7);
        var twice = new CheckpointDropoutNet(7);
        once.Fit(Train, epochs: 2, batchSize: 8, shuffle: false, verbose: 0);
        twice.Fit(Train, epochs: 1, batchSize: 8, shuffle: false, verbose: 0);
        twice.Fit(Train, epochs: 1, batchSize: 8, shuffle: false, verbose: 0);
        Assert.Equal(CheckpointTestData.Bits(once.Parameters), CheckpointTestData.Bits(twice.Parameters));

        // With shuffling the shuffle stream carries over too, and every epoch's permutation is drawn from the identity
        // order (as Keras does), so the split into two calls changes nothing.
        var shuffledOnce = new CheckpointDropoutNet(7);
        var shuffledTwice = new CheckpointDropoutNet(7);
        shuffledOnce.Fit(Train, epochs: 2, batchSize: 8, verbose: 0);
        shuffledTwice.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        shuffledTwice.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        Assert.Equal(shuffledOnce.Iterations, shuffledTwice.Iterations);
        Assert.Equal(CheckpointTestData.Bits(shuffledOnce.Parameters), CheckpointTestData.Bits(shuffledTwice.Parameters));
    }

    [Fact]
    public void Checkpoint_HoldsKerasNamedOptimizerSlotsAndTheTrainingState()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var model = new CheckpointDropoutNet(7);
        model.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        model.LearningRate = 0.0025;

        model.SaveCheckpoint(path);
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);

        Assert.Equal(
            [
                "dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias",
                "optimizer/dense/kernel/momentum", "optimizer/dense/kernel/velocity",
                "optimizer/dense/bias/momentum", "optimizer/dense/bias/velocity",
                "optimizer/dense_1/kernel/momentum", "optimizer/dense_1/kernel/velocity",
                "optimizer/dense_1/bias/momentum", "optimizer/dense_1/bias/velocity",
            ],
            Names(file));
        Assert.Equal([4, 8], file.Find("optimizer/dense/kernel/velocity")!.Shape);
        Assert.Contains(file.Find("optimizer/dense/kernel/momentum")!.Values, v => v != 0);
        Assert.Equal("netgen-checkpoint", file.Metadata["format"]);
        Assert.Equal("Adam", file.Metadata["optimizer"]);
        Assert.Equal("6", file.Metadata["iterations"]);
        Assert.Equal("0.0025", file.Metadata["learning_rate"]);
        Assert.Equal("0.9", file.Metadata["beta_1"]);
        Assert.Equal("0.999", file.Metadata["beta_2"]);
        Assert.Equal("1E-07", file.Metadata["epsilon"]);
        Assert.Matches("^[0-9a-f]{16}(,[0-9a-f]{16}){3}$", file.Metadata["dropout_rng_state"]);
        Assert.Matches("^[0-9a-f]{16}(,[0-9a-f]{16}){3}$", file.Metadata["shuffle_rng_state"]);

        var sgd = new CheckpointMomentumNet(7);
        sgd.SaveCheckpoint(path);
        Assert.Equal("optimizer/dense/kernel/momentum", Names(SafeTensorsReader.ReadFile(path))[4]);
        Assert.Equal(8, SafeTensorsReader.ReadFile(path).Tensors.Count);
    }

    [Fact]
    public void Checkpoint_NamesTheSlotsOfEveryOptimizerAsKerasDoes_AndStoresTheirHyperparameters()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var rmsprop = new CheckpointRmsPropNet(7);
        rmsprop.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        rmsprop.SaveCheckpoint(path);
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);
        Assert.Equal(
            ["optimizer/dense/kernel/velocity", "optimizer/dense/kernel/momentum", "optimizer/dense/kernel/average_gradient"],
            Names(file).Where(n => n.StartsWith("optimizer/dense/kernel/", StringComparison.Ordinal)));
        Assert.Equal("RmsProp", file.Metadata["optimizer"]);
        Assert.Equal("0.9", file.Metadata["rho"]);
        Assert.Equal("0.5", file.Metadata["clipnorm"]);
        Assert.Equal("NaN", file.Metadata["clipvalue"]);
        Assert.Equal("0.01", file.Metadata["weight_decay"]);

        var nadam = new CheckpointNadamNet(7);
        nadam.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        nadam.SaveCheckpoint(path);
        file = SafeTensorsReader.ReadFile(path);
        SafeTensor uProduct = file.Find("optimizer/u_product")!;
        Assert.Empty(uProduct.Shape);
        // Π over the 6 steps of u_t = 0.9 (1 − 0.5 · 0.96^t), Keras's momentum cache.
        double expected = 1;
        for (int t = 1; t <= 6; t++) expected *= 0.9 * (1 - 0.5 * Math.Pow(0.96, t));
        Assert.Equal(expected, uProduct.Values[0], 1e-6);

        new CheckpointAdagradNet(7).SaveCheckpoint(path);
        Assert.All(SafeTensorsReader.ReadFile(path).Find("optimizer/dense/kernel/accumulator")!.Values, v => Assert.Equal(0.1f, v));
    }

    [Fact]
    public void LoadCheckpoint_RestoresHyperparameters()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var model = new CheckpointMomentumNet(7);
        model.LearningRate = 0.1 / 3;
        model.OptimizerSettings.Momentum = 0.95;
        model.SaveCheckpoint(path);
        var fresh = new CheckpointMomentumNet(7);

        fresh.LoadCheckpoint(path);

        Assert.Equal(0.1 / 3, fresh.LearningRate);
        Assert.Equal(0.95, fresh.OptimizerSettings.Momentum);
    }

    [Fact]
    public void WeightsOnlyFile_IsNotACheckpoint_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        new CheckpointDropoutNet(1).SaveWeights(path);
        Model model = Trained();
        byte[] before = CheckpointTestData.Fingerprint(model, folder);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));

        Assert.Equal($"{path}: not a NetGen training checkpoint: its metadata format is 'netgen-weights', expected 'netgen-checkpoint'; it holds weights only, which LoadWeights reads.", e.Message);
        Assert.Equal(before, CheckpointTestData.Fingerprint(model, folder));
    }

    [Fact]
    public void OtherOptimizer_IsAClearError_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("sgd.safetensors");
        new CheckpointMomentumNet(1).SaveCheckpoint(path);
        Model model = Trained();
        byte[] before = CheckpointTestData.Fingerprint(model, folder);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));

        Assert.Equal($"{path}: the checkpoint holds Sgd optimizer state; the network CheckpointDropoutNet uses Adam. Nothing was loaded.", e.Message);
        Assert.Equal(before, CheckpointTestData.Fingerprint(model, folder));
    }

    [Fact]
    public void SgdWithoutMomentum_ListsTheMissingSlots()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("plain.safetensors");
        new CheckpointPlainSgdNet(1).SaveCheckpoint(path);
        var model = new CheckpointMomentumNet(2);
        byte[] before = CheckpointTestData.Fingerprint(model, folder);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));

        Assert.Contains("missing: optimizer/dense/kernel/momentum (4, 8)", e.Message);
        Assert.Contains("missing: optimizer/dense_1/bias/momentum (3,)", e.Message);
        Assert.Equal(before, CheckpointTestData.Fingerprint(model, folder));
    }

    [Fact]
    public void WrongArchitecture_ListsWeightsAndSlots_AndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("other.safetensors");
        new CheckpointOtherNet(1).SaveCheckpoint(path);
        var model = new CheckpointNet(2);
        byte[] before = CheckpointTestData.Fingerprint(model, folder);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));

        Assert.Contains("wrong shape: dense/kernel: expected (4, 5), found (4, 6)", e.Message);
        Assert.Contains("wrong shape: optimizer/dense/kernel/velocity: expected (4, 5), found (4, 6)", e.Message);
        Assert.Contains("unexpected: optimizer/dense_2/bias/momentum (3,)", e.Message);
        Assert.Equal(before, CheckpointTestData.Fingerprint(model, folder));
    }

    [Theory]
    [InlineData("iterations", "-3", "a non-negative integer")]
    [InlineData("iterations", "1.5", "a non-negative integer")]
    [InlineData("learning_rate", "-0.1", "a finite, non-negative number")]
    [InlineData("learning_rate", "NaN", "a finite, non-negative number")]
    [InlineData("beta_2", "abc", "a finite number")]
    [InlineData("dropout_rng_state", "0000000000000000,0000000000000000,0000000000000000,0000000000000000", "not all zero")]
    [InlineData("shuffle_rng_state", "1,2,3", "four comma-separated hexadecimal 64-bit words")]
    [InlineData("shuffle_rng_state", "1,2,3,zz", "four comma-separated hexadecimal 64-bit words")]
    [InlineData("epsilon", null, "has no 'epsilon'")]
    [InlineData("rho", "1", "a number in [0, 1)")]
    [InlineData("clipnorm", "-1", "NaN (none) or a finite, positive number")]
    [InlineData("weight_decay", null, "has no 'weight_decay'")]
    public void InvalidMetadata_IsAClearError_AndChangesNothing(string key, string? value, string expected)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        new CheckpointDropoutNet(1).SaveCheckpoint(path);
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);
        var metadata = new Dictionary<string, string>(file.Metadata);
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(file.Tensors, metadata));
        Model model = Trained();
        byte[] before = CheckpointTestData.Fingerprint(model, folder);

        var e = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));

        Assert.StartsWith(path + ": the checkpoint's metadata ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.EndsWith("Nothing was loaded.", e.Message);
        Assert.Equal(before, CheckpointTestData.Fingerprint(model, folder));
    }

    [Fact]
    public void TruncatedOrMissingCheckpoint_ChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        new CheckpointDropoutNet(1).SaveCheckpoint(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 1).ToArray());
        Model model = Trained();
        byte[] before = CheckpointTestData.Fingerprint(model, folder);

        var truncated = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));
        Assert.Throws<FileNotFoundException>(() => model.LoadCheckpoint(folder.File("absent.safetensors")));

        Assert.Contains(path + ": truncated: the header says", truncated.Message);
        Assert.Equal(before, CheckpointTestData.Fingerprint(model, folder));
    }

    /// <summary>A model with non-trivial optimizer state, iterations and random streams.</summary>
    private static Model Trained()
    {
        var model = new CheckpointDropoutNet(3);
        model.Fit(Train, epochs: 1, batchSize: 8, verbose: 0);
        return model;
    }

    private static string[] Names(SafeTensorsFile file)
    {
        var names = new string[file.Tensors.Count];
        for (int i = 0; i < names.Length; i++) names[i] = file.Tensors[i].Name;
        return names;
    }
}
