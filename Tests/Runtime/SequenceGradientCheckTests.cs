using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Finite-difference checks of backpropagation through time: LSTM, GRU and SimpleRNN (returning a sequence or the last
/// state, read forwards and backwards, with and without bias, regularized, stacked so that dx flows through a recurrent
/// layer) and Embedding (rows used by several tokens, rows no token uses). See <see cref="GradientChecker"/>.
/// </summary>
public sealed class SequenceGradientCheckTests
{
    private const int Batch = 3;
    private const int DataSeed = 77;

    private readonly ITestOutputHelper _output;

    public SequenceGradientCheckTests(ITestOutputHelper output) => _output = output;

    private static readonly Dictionary<string, Func<Model>> s_networks = new()
    {
        ["embedding, lstm sequence, lstm"] = () => new SqEmbeddingLstm(),
        ["lstm backwards, no bias, regularized, softplus/tanh"] = () => new SqLstmOptions(),
        ["gru sequence backwards, gru"] = () => new SqGru(),
        ["simple rnn sequence, flatten"] = () => new SqSimpleRnn(),
        ["embedding regularized, gru (adam)"] = () => new SqEmbeddingGru(),
        ["dense over steps, lstm"] = () => new SqDenseOverSteps(),
        ["lstm sequence, gelu dense over steps (regularized), flatten"] = () => new SqStepsThroughDense(),
        ["conv2d, selu dense over the map, global average"] = () => new SqDenseOverMap(),
        ["dense over 28 steps on two threads (split products), dense, flatten"] = () => new ParallelStepsMlp { Threads = 2 },
        ["lstm sequence, gru over 28 steps on two threads (split products)"] = () => new ParallelRecurrent { Threads = 2 },
    };

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (string name in s_networks.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void AnalyticGradients_MatchCentralDifferences(string name)
    {
        (Model model, float[] inputs, float[] labels) = Prepare(s_networks[name]());

        GradientCheckReport report = GradientChecker.Check(model, inputs, Batch, labels, new GradientCheckOptions { CheckAllUpTo = 200 });

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>
    /// The checker sees a wrong recurrent gradient: the first layer's dU missing (a backward pass that forgets the
    /// recurrent path), or the GRU's recurrent bias row (row 1) left out. (A 10% error in dU is below the checker's
    /// absolute tolerance here: these dU elements are of order 1e-3.)
    /// </summary>
    [Theory]
    [InlineData("first recurrent kernel zeroed")]
    [InlineData("recurrent bias row dropped")]
    public void Checker_RejectsCorruptedRecurrentGradients(string corruption)
    {
        (Model model, float[] inputs, float[] labels) = Prepare(new SqGru());
        Action<float[], Model> corrupt = corruption switch
        {
            "first recurrent kernel zeroed" => (g, m) => Scale(g, m, "gru/gru_cell/recurrent_kernel", 0f),
            "recurrent bias row dropped" => (g, m) => ZeroRow(g, m, "gru_1/gru_cell/bias", 1),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        GradientCheckReport honest = GradientChecker.Check(model, inputs, Batch, labels);
        GradientCheckReport corrupted = GradientChecker.Check(model, inputs, Batch, labels, new GradientCheckOptions { Corrupt = corrupt });

        _output.WriteLine("honest:    " + honest);
        _output.WriteLine("corrupted: " + corrupted);
        Assert.True(honest.Passed, honest.ToString());
        Assert.False(corrupted.Passed, $"The checker accepted gradients corrupted by '{corruption}':\n{corrupted}");
    }

    /// <summary>Keras: the rows of the embedding that no token uses get a zero gradient; the others do not (and stay right across batches).</summary>
    [Fact]
    public void Embedding_OnlyRowsUsedGetAGradient()
    {
        var model = new SqEmbeddingLstm();
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        WeightInfo table = model.Description.GetWeight("embedding/embeddings");
        int dim = table.Shape[1];
        float[] labels = TestData.ClassLabels(random, Batch, 3);
        // First a batch using rows 0 … 6, then one using only rows 1 and 4: rows the first batch wrote must go back to 0.
        float[] all = Enumerable.Range(0, Batch * 5).Select(i => (float)(i % 7)).ToArray();
        model.Forward(all, Batch, training: true);
        model.Backward(labels);
        float[] few = Enumerable.Range(0, Batch * 5).Select(i => i % 3 == 0 ? 4f : 1f).ToArray();
        model.Forward(few, Batch, training: true);
        model.Backward(labels);

        float[] gradient = model.Gradients.Slice(table.Offset, table.Length).ToArray();
        for (int row = 0; row < 7; row++)
        {
            bool used = row is 1 or 4;
            bool zero = gradient.Skip(row * dim).Take(dim).All(v => v == 0f);
            Assert.True(used != zero, $"row {row}: {(used ? "used, but its gradient is zero" : "unused, but its gradient is not zero")}");
        }
    }

    /// <summary>
    /// Keras applies Dense to the last axis: each of the 4 steps is tanh(x_t·W + b) with the same W and b. Computed here
    /// from the weights in double precision, step by step, and compared with Predict.
    /// </summary>
    [Fact]
    public void DenseOverSteps_IsTheSameProductAtEveryStep()
    {
        var model = new SqDenseOnly();
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        const int samples = 5, steps = 4, features = 3, units = 2;
        float[] x = TestData.Uniform(random, samples * steps * features);
        float[] kernel = model.Parameters.Slice(model.Description.GetWeight("dense/kernel").Offset, features * units).ToArray();
        float[] bias = model.Parameters.Slice(model.Description.GetWeight("dense/bias").Offset, units).ToArray();

        float[] predicted = model.Predict(x);

        Assert.Equal(samples * steps * units, predicted.Length);
        for (int row = 0; row < samples * steps; row++)
            for (int u = 0; u < units; u++)
            {
                double z = bias[u];
                for (int f = 0; f < features; f++) z += (double)x[row * features + f] * kernel[f * units + u];
                Assert.True(Math.Abs(Math.Tanh(z) - predicted[row * units + u]) < 1e-5,
                    $"sample {row / steps}, step {row % steps}, unit {u}: expected {Math.Tanh(z)}, predicted {predicted[row * units + u]}");
            }
    }

    private static (Model Model, float[] Inputs, float[] Labels) Prepare(Model model)
    {
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        int tokens = model.InputSize;
        float[] inputs;
        if (model.Description.Weights.FirstOrDefault(w => w.Name.EndsWith("/embeddings", StringComparison.Ordinal)) is { } table)
        {
            // Token ids with repeats (so rows add up) and at least one row of the vocabulary unused.
            int vocabulary = table.Shape[0];
            inputs = new float[Batch * tokens];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = random.NextInt32(vocabulary - 1);
        }
        else inputs = TestData.Uniform(random, Batch * tokens);
        int units = model.OutputSize;
        float[] labels = model.Description.Loss switch
        {
            Loss.SparseCategoricalCrossentropy => TestData.ClassLabels(random, Batch, units),
            Loss.BinaryCrossentropy => TestData.BinaryTargets(random, Batch * units),
            _ => TestData.Uniform(random, Batch * units),
        };
        return (model, inputs, labels);
    }

    private static void Scale(float[] gradients, Model model, string weight, float factor)
    {
        WeightInfo info = model.Description.GetWeight(weight);
        for (int i = 0; i < info.Length; i++) gradients[info.Offset + i] *= factor;
    }

    private static void ZeroRow(float[] gradients, Model model, string weight, int row)
    {
        WeightInfo info = model.Description.GetWeight(weight);
        int width = info.Shape[1];
        Array.Clear(gradients, info.Offset + row * width, width);
    }
}
