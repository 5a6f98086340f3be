using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// FitOptions.StepsPerEpoch (Keras's steps_per_epoch): that many optimizer steps per epoch, the batches read on from
/// epoch to epoch through one stream of (seeded) passes over the training data, values that do not fit refused before
/// anything trains, and validation, validationSplit, sample weights and the callbacks working with it.
/// </summary>
/// <remarks>
/// Which samples a batch held is read from the running loss of <see cref="StepsProbeNet"/>: with its weights zeroed and
/// learning rate 0 it predicts 0, so under mean absolute error sample i, labelled 2^i, costs exactly 2^i, a batch's
/// loss is the sum of its samples' powers of two over its size, and two different batches of a pass never give the
/// same running loss.
/// </remarks>
public sealed class FitStepsPerEpochTests
{
    [Fact]
    public void OptimizerStepsPerEpoch_AreStepsPerEpoch_AndCallbacksAreToldSo()
    {
        DataSet train = TestData.Classification(50, seed: 21);   // batches of 8: 7 per pass
        var model = new RtClassifier(seed: 3);
        var batchesPerEpoch = new List<int>();
        var counter = new LambdaCallback(
            onEpochBegin: (_, _) => batchesPerEpoch.Add(0),
            onBatchEnd: (_, _) => batchesPerEpoch[^1]++);
        var recorder = new ParametersRecorder();

        History history = model.Fit(train, new FitOptions
        {
            Epochs = 4, BatchSize = 8, StepsPerEpoch = 3, Callbacks = [counter, recorder], Verbose = Verbosity.Silent,
        });

        Assert.Equal([3, 3, 3, 3], batchesPerEpoch);
        Assert.Equal(12, model.Iterations);
        Assert.Equal(4, model.Epoch);
        Assert.Equal(4, history["loss"].Count);
        Assert.Equal(new TrainingParameters(Epochs: 4, Steps: 3, BatchSize: 8, Samples: 50, Verbose: 0), recorder.Seen);
    }

    [Fact]
    public void StepsPerEpochOfOnePass_IsBitIdenticalToLeavingItNull()
    {
        DataSet train = TestData.Classification(50, seed: 21);
        DataSet validation = TestData.Classification(12, seed: 22);
        var byDefault = new RtDropoutClassifier(seed: 7);
        var explicitSteps = new RtDropoutClassifier(seed: 7);

        History a = byDefault.Fit(train, new FitOptions { Epochs = 3, BatchSize = 8, ValidationData = validation, Verbose = Verbosity.Silent });
        History b = explicitSteps.Fit(train, new FitOptions { Epochs = 3, BatchSize = 8, StepsPerEpoch = 7, ValidationData = validation, Verbose = Verbosity.Silent });

        Assert.Equal(TestData.Bits(byDefault.Parameters), TestData.Bits(explicitSteps.Parameters));
        foreach (string key in a.Keys) Assert.Equal(a[key], b[key]);
        Assert.Equal(21, explicitSteps.Iterations);
    }

    /// <summary>
    /// 10 samples in batches of 4 make the batches [0–3], [4–7], [8, 9]; two per epoch: epoch 1 ends the pass with the
    /// partial batch and goes on into the next pass, epoch 2 takes that pass's last two batches.
    /// </summary>
    [Fact]
    public void Unshuffled_EachEpochContinuesWhereTheLastStopped_AcrossTheEndOfAPass()
    {
        StepsProbeNet model = Probe();
        var recorder = new RunningLossRecorder();

        History history = model.Fit(ProbeData(10), new FitOptions
        {
            Epochs = 3, BatchSize = 4, StepsPerEpoch = 2, Shuffle = false, Callbacks = [recorder], Verbose = Verbosity.Silent,
        });

        int[][][] expected =
        [
            [[0, 1, 2, 3], [4, 5, 6, 7]],
            [[8, 9], [0, 1, 2, 3]],
            [[4, 5, 6, 7], [8, 9]],
        ];
        AssertBatches(expected, recorder, history);
        Assert.Equal(6, model.Iterations);
    }

    /// <summary>Shuffled, each pass is a new permutation from the seeded stream, drawn when the pass starts; the same seed gives the same batches.</summary>
    [Fact]
    public void Shuffled_BatchesAreTheSeededPassesReadOn_AndTheSameSeedGivesTheSameBatches()
    {
        const int Samples = 10, BatchSize = 3, Steps = 3, Epochs = 4;   // 4 batches per pass: 12 steps are 3 passes
        StepsProbeNet model = Probe();
        var replica = new SeededRandom(1);
        replica.SetState(model.ShuffleRandom.GetState());
        var recorder = new RunningLossRecorder();

        History history = model.Fit(ProbeData(Samples), new FitOptions
        {
            Epochs = Epochs, BatchSize = BatchSize, StepsPerEpoch = Steps, Callbacks = [recorder], Verbose = Verbosity.Silent,
        });

        int[][][] expected = ExpectedEpochs(Samples, BatchSize, Steps, Epochs, () =>
        {
            int[] order = Enumerable.Range(0, Samples).ToArray();
            replica.Shuffle(order);
            return order;
        });
        Assert.Single(expected[1][0]);   // the pass's partial batch starts epoch 1, which goes on into the next pass …
        AssertBatches(expected, recorder, history);
        Assert.Equal(replica.GetState(), model.ShuffleRandom.GetState());   // … and exactly three permutations were drawn

        StepsProbeNet again = Probe();
        var againRecorder = new RunningLossRecorder();
        again.Fit(ProbeData(Samples), new FitOptions
        {
            Epochs = Epochs, BatchSize = BatchSize, StepsPerEpoch = Steps, Callbacks = [againRecorder], Verbose = Verbosity.Silent,
        });
        Assert.Equal(recorder.Epochs, againRecorder.Epochs);
    }

    /// <summary>As a new Keras fit builds a new iterator, a new Fit starts a new pass rather than continuing the last Fit's.</summary>
    [Fact]
    public void ANewFit_StartsANewPass()
    {
        StepsProbeNet model = Probe();
        var recorder = new RunningLossRecorder();
        var options = new FitOptions { Epochs = 1, BatchSize = 4, StepsPerEpoch = 2, Shuffle = false, Callbacks = [recorder], Verbose = Verbosity.Silent };

        model.Fit(ProbeData(10), options);
        model.Fit(ProbeData(10), options);

        Assert.Equal(2, recorder.Epochs.Count);
        Assert.Equal(recorder.Epochs[0], recorder.Epochs[1]);
        Assert.Equal(ExpectedRunning([[0, 1, 2, 3], [4, 5, 6, 7]], weights: null), recorder.Epochs[1], new ToleranceComparer());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void ZeroOrNegativeStepsPerEpoch_IsAnArgumentError_AndChangesNothing(int steps)
    {
        DataSet train = TestData.Classification(50, seed: 21);
        var model = new RtDropoutClassifier(seed: 7);

        var e = AssertRefusedWithoutChange(model, () => model.Fit(train, new FitOptions { BatchSize = 8, StepsPerEpoch = steps, Verbose = Verbosity.Silent }));

        Assert.Contains("between 1 and 7", e.Message);
        Assert.Contains($"found {steps}", e.Message);
    }

    [Fact]
    public void StepsPerEpochBeyondOnePass_NamesTheLimitAndWhatWasFound_AndChangesNothing()
    {
        DataSet train = TestData.Classification(50, seed: 21);
        var model = new RtDropoutClassifier(seed: 7);

        var e = AssertRefusedWithoutChange(model, () => model.Fit(train, new FitOptions { Epochs = 3, BatchSize = 8, StepsPerEpoch = 8, Verbose = Verbosity.Silent }));

        Assert.Contains("between 1 and 7", e.Message);
        Assert.Contains("50 training samples in batches of 8", e.Message);
        Assert.Contains("found 8", e.Message);
        Assert.Contains("ran out of data", e.Message);

        // A batch larger than the data set is the whole set: one batch per pass.
        var whole = AssertRefusedWithoutChange(model, () => model.Fit(train, new FitOptions { BatchSize = 64, StepsPerEpoch = 2, Verbose = Verbosity.Silent }));
        Assert.Contains("between 1 and 1", whole.Message);
    }

    /// <summary>The limit counts the batches of what validationSplit leaves for training: 30 of 40 samples, 4 batches of 8 (not 5).</summary>
    [Fact]
    public void TheLimit_CountsTheTrainingPartOfAValidationSplit()
    {
        DataSet data = TestData.Classification(40, seed: 23);
        var model = new RtDropoutClassifier(seed: 7);

        var e = AssertRefusedWithoutChange(model, () =>
            model.Fit(data, new FitOptions { BatchSize = 8, StepsPerEpoch = 5, ValidationSplit = 0.25, Verbose = Verbosity.Silent }));
        Assert.Contains("between 1 and 4", e.Message);
        Assert.Contains("30 training samples", e.Message);

        model.Fit(data, new FitOptions { BatchSize = 8, StepsPerEpoch = 4, ValidationSplit = 0.25, Verbose = Verbosity.Silent });
        Assert.Equal(4, model.Iterations);
    }

    /// <summary>
    /// validationSplit holds out samples 9–11 of 12 before anything else; the 9 left make batches of 2 [0, 1] … [8], and
    /// the sample weights (those of the held-out samples dropped) follow their samples through the continued passes.
    /// Validation evaluates all of the held-out samples, unweighted, after every epoch of 2 steps.
    /// </summary>
    [Fact]
    public void WithValidationSplitAndSampleWeights_TrainsOnTheContinuedPasses_AndValidatesOnTheHeldOutSamples()
    {
        StepsProbeNet model = Probe();
        var recorder = new RunningLossRecorder();
        float[] weights = Enumerable.Range(0, 12).Select(i => i % 3 == 0 ? 2f : 0.5f).ToArray();

        History history = model.Fit(ProbeData(12), new FitOptions
        {
            Epochs = 3, BatchSize = 2, StepsPerEpoch = 2, ValidationSplit = 0.25, SampleWeight = weights, Shuffle = false,
            Callbacks = [recorder], Verbose = Verbosity.Silent,
        });

        int[][][] expected =
        [
            [[0, 1], [2, 3]],
            [[4, 5], [6, 7]],
            [[8], [0, 1]],
        ];
        AssertBatches(expected, recorder, history, weights);
        double heldOut = (Math.Pow(2, 9) + Math.Pow(2, 10) + Math.Pow(2, 11)) / 3;
        Assert.Equal([heldOut, heldOut, heldOut], history["val_loss"].ToArray(), new ToleranceComparer());
    }

    [Fact]
    public void WithValidationData_EveryEpochOfStepsPerEpochBatchesIsValidated()
    {
        DataSet train = TestData.Classification(50, seed: 21);
        DataSet validation = TestData.Classification(12, seed: 22);
        var model = new RtDropoutClassifier(seed: 7);

        History history = model.Fit(train, new FitOptions
        {
            Epochs = 5, BatchSize = 8, StepsPerEpoch = 3, ValidationData = validation, ValidationBatchSize = 5, Verbose = Verbosity.Silent,
        });

        Assert.Equal(5, history["val_loss"].Count);
        Assert.Equal(5, history["val_accuracy"].Count);
        Assert.Equal(15, model.Iterations);
        EvaluationResult last = model.Evaluate(validation);
        Assert.Equal(last.Loss, history["val_loss"][^1], 6);   // validation batches of 5, Evaluate's of 32
        Assert.Equal(last.Accuracy, history["val_accuracy"][^1]);
    }

    /// <summary>
    /// Epoch-level callbacks run every StepsPerEpoch batches and see those epochs' logs: the progress line counts 2/2,
    /// CSVLogger writes a row per epoch and EarlyStopping judges those epochs' losses.
    /// </summary>
    [Fact]
    public void EpochCallbacks_RunEveryStepsPerEpochBatches()
    {
        using var folder = new Checkpoints.TemporaryFolder();
        string csv = folder.File("log.csv");
        StepsProbeNet model = Probe();
        var events = new List<string>();
        var trace = new LambdaCallback(
            onEpochBegin: (epoch, _) => events.Add($"begin {epoch}"),
            onBatchEnd: (batch, _) => events.Add($"batch {batch}"),
            onEpochEnd: (epoch, _) => events.Add($"end {epoch}"));
        // Unshuffled epoch losses over 10 samples in batches of 4, two per epoch: {0–7}, then {8, 9, 0–3}, then {4–9}.
        var earlyStopping = new EarlyStopping(monitor: "loss", patience: 1);
        var output = new StringWriter();

        History history = model.Fit(ProbeData(10), new FitOptions
        {
            Epochs = 5, BatchSize = 4, StepsPerEpoch = 2, Shuffle = false, Verbose = Verbosity.ProgressBar, Output = output,
            Callbacks = [trace, new CSVLogger(csv), earlyStopping],
        });

        Assert.Equal(["begin 0", "batch 0", "batch 1", "end 0", "begin 1", "batch 0", "batch 1", "end 1"], events);
        Assert.Equal(255.0 / 8, history["loss"][0], 9);
        Assert.Equal((256 + 512 + 15) / 6.0, history["loss"][1], 9);   // worse: with patience 1, training stops here
        Assert.Equal(1, earlyStopping.StoppedEpoch);
        Assert.Equal(4, model.Iterations);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Count(line => line.StartsWith("2/2 [==============================]", StringComparison.Ordinal)));
        Assert.DoesNotContain("3/3", output.ToString());
        Assert.Equal(3, File.ReadAllLines(csv).Length);   // the header and one row per epoch
    }

    /// <summary>A learning-rate schedule is evaluated at the optimizer's step count, which StepsPerEpoch sets per epoch.</summary>
    [Fact]
    public void ALearningRateSchedule_CountsTheOptimizerSteps()
    {
        DataSet train = TestData.Classification(50, seed: 21);
        var model = new RtClassifier(seed: 3) { LearningRateSchedule = new ExponentialDecay(0.1, decaySteps: 2, decayRate: 0.5, staircase: true) };
        var rates = new List<double>();

        model.Fit(train, new FitOptions
        {
            Epochs = 3, BatchSize = 8, StepsPerEpoch = 2, Verbose = Verbosity.Silent,
            Callbacks = [new LambdaCallback(onEpochEnd: (_, _) => rates.Add(model.LearningRate))],
        });

        // Step s uses 0.1·0.5^⌊s/2⌋ and the epochs end after steps 1, 3 and 5 (after one pass each, 6, 13 and 20).
        Assert.Equal([0.1, 0.05, 0.025], rates.ToArray(), new ToleranceComparer());
        Assert.Equal(6, model.Iterations);
    }

    /// <summary>The batch stream of a StepsPerEpoch run allocates nothing per step, across the ends of passes too.</summary>
    [Fact]
    public void FitWithStepsPerEpoch_AllocatesOnlyPerEpochBookkeeping()
    {
        DataSet train = TestData.Classification(1000, seed: 24);   // 32 batches of 32 per pass; 20 steps per epoch cross passes
        var model = new RtClassifier(seed: 1) { Threads = 1 };
        FitOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 32, StepsPerEpoch = 20, Verbose = Verbosity.Silent };
        for (int i = 0; i < 3; i++) model.Fit(train, Options(2)); // warm-up
        long Measure(int epochs)
        {
            FitOptions options = Options(epochs);
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Fit(train, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long fewestPerEpoch = long.MaxValue;
        for (int attempt = 0; attempt < 5; attempt++)
            fewestPerEpoch = Math.Min(fewestPerEpoch, (Measure(9) - Measure(1)) / 8);
        Assert.True(fewestPerEpoch < 2048, $"each extra epoch of 20 steps allocated {fewestPerEpoch} bytes");
    }

    // --- helpers ---

    /// <summary>A probe whose every prediction is 0 and whose weights never move.</summary>
    private static StepsProbeNet Probe()
    {
        var model = new StepsProbeNet(seed: 1) { LearningRate = 0 };
        model.Parameters.Clear();
        return model;
    }

    /// <summary>Samples 0 … count−1, sample i labelled 2^i.</summary>
    private static DataSet ProbeData(int count) =>
        new(Enumerable.Range(0, count).Select(i => (float)i).ToArray(), [1], Enumerable.Range(0, count).Select(i => MathF.Pow(2, i)).ToArray());

    /// <summary>
    /// The rule written out: passes over 0 … samples−1 in the order <paramref name="nextPass"/> draws, each cut into
    /// batches (the last one partial); each epoch takes the next <paramref name="steps"/> batches.
    /// </summary>
    private static int[][][] ExpectedEpochs(int samples, int batchSize, int steps, int epochs, Func<int[]> nextPass)
    {
        var stream = new List<int[]>();
        while (stream.Count < steps * epochs)
        {
            int[] pass = nextPass();
            for (int start = 0; start < samples; start += batchSize) stream.Add(pass[start..Math.Min(samples, start + batchSize)]);
        }
        return Enumerable.Range(0, epochs).Select(e => stream.Skip(e * steps).Take(steps).ToArray()).ToArray();
    }

    /// <summary>The running epoch loss after each batch: Σ over the batches so far of Σ wᵢ·2^i, over the samples so far.</summary>
    private static double[] ExpectedRunning(int[][] batches, float[]? weights)
    {
        var running = new double[batches.Length];
        double sum = 0;
        int count = 0;
        for (int b = 0; b < batches.Length; b++)
        {
            foreach (int i in batches[b]) sum += (weights?[i] ?? 1) * Math.Pow(2, i);
            count += batches[b].Length;
            running[b] = sum / count;
        }
        return running;
    }

    private static void AssertBatches(int[][][] expected, RunningLossRecorder recorder, History history, float[]? weights = null)
    {
        Assert.Equal(expected.Length, recorder.Epochs.Count);
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            double[] running = ExpectedRunning(expected[epoch], weights);
            Assert.Equal(running, recorder.Epochs[epoch], new ToleranceComparer());
            Assert.Equal(running[^1], history["loss"][epoch], 6);
        }
    }

    private static ArgumentOutOfRangeException AssertRefusedWithoutChange(Model model, Action fit)
    {
        int[] parameters = TestData.Bits(model.Parameters);
        ulong[] shuffleState = model.ShuffleRandom.GetState();
        long iterations = model.Iterations;
        int epoch = model.Epoch;

        var e = Assert.Throws<ArgumentOutOfRangeException>(fit);

        Assert.Equal("stepsPerEpoch", e.ParamName);
        Assert.Equal(parameters, TestData.Bits(model.Parameters));
        Assert.Equal(shuffleState, model.ShuffleRandom.GetState());
        Assert.Equal(iterations, model.Iterations);
        Assert.Equal(epoch, model.Epoch);
        return e;
    }

    /// <summary>Equal to float precision: the losses are computed in float.</summary>
    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-6 * Math.Max(1, Math.Abs(y));

        public int GetHashCode(double value) => 0;
    }

    /// <summary>The running loss after every batch, per epoch.</summary>
    private sealed class RunningLossRecorder : Callback
    {
        public List<List<double>> Epochs { get; } = [];

        public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => Epochs.Add([]);

        public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) => Epochs[^1].Add(logs["loss"]);
    }

    private sealed class ParametersRecorder : Callback
    {
        public TrainingParameters? Seen { get; private set; }

        public override void OnTrainBegin(IDictionary<string, double> logs) => Seen = Parameters;
    }
}

/// <summary>One linear unit under mean absolute error: zeroed and with learning rate 0, it makes a sample's loss its label.</summary>
[Network]
[Input(1)]
[Dense(1)]
[Compile(Loss.MeanAbsoluteError, Optimizer.Sgd)]
public partial class StepsProbeNet;
