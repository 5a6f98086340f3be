using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Kernels;
using Xunit.Abstractions;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Finite-difference checks of the generated backward passes of graph networks (declared in GraphNetworks.cs): every
/// merge kind, Concatenate of inputs and layers, Reshape, tensors read by several layers (fan-out, residuals, the
/// same tensor twice in one merge), merges that read a network input, two-input networks, Activation and Dropout
/// in a branch. Every trainable parameter is compared, as in <see cref="GradientCheckTests"/>. Maximum's and
/// Minimum's ties, where finite differences are meaningless, are checked against gradients worked out by hand.
/// </summary>
public sealed class GraphGradientCheckTests
{
    private const int Batch = 3;
    private const int DataSeed = 2024;

    private readonly ITestOutputHelper _output;

    public GraphGradientCheckTests(ITestOutputHelper output) => _output = output;

    private static readonly Dictionary<string, Func<Model>> s_cases = new()
    {
        // Every merge kind.
        ["add, 2 inputs"] = () => new GgAdd2(),
        ["add, 3 inputs"] = () => new GgAdd3(),
        ["subtract"] = () => new GgSubtract(),
        ["multiply, 2 inputs"] = () => new GgMultiply2(),
        ["multiply, 3 inputs"] = () => new GgMultiply3(),
        ["average, 3 inputs, softmax"] = () => new GgAverage3(),
        ["maximum, 3 inputs"] = () => new GgMaximum3(),
        ["minimum, 3 inputs"] = () => new GgMinimum3(),

        // Concatenate and the views.
        ["concatenate, two inputs"] = () => new GgConcatenateInputs(),
        ["concatenate, input and layer (wide & deep)"] = () => new GgWideAndDeep(),
        ["concatenate, two layers of different widths"] = () => new GgConcatenateLayers(),
        ["reshape (3, 4) then flatten"] = () => new GgReshape(),
        ["reshape (2, -1) then flatten, softmax"] = () => new GgReshapeInferred(),

        // Fan-out: gradients accumulated over several readers.
        ["fan-out, two readers added"] = () => new GgFanOut(),
        ["fan-out, three readers multiplied"] = () => new GgFanOut3(),
        ["residual add, then activation"] = () => new GgResidual(),
        ["two residual adds in series (adam)"] = () => new GgResidualTwice(),
        ["add(dense, dense)"] = () => new GgAddSelf(),
        ["multiply(dense, dense)"] = () => new GgMultiplySelf(),
        ["maximum(dense, dense)"] = () => new GgMaximumSelf(),
        ["subtract(dense, dense)"] = () => new GgSubtractSelf(),
        ["average(a, b, a)"] = () => new GgAverageRepeated(),

        // A network input read directly by a merge (it needs no gradient).
        ["add(input, dense)"] = () => new GgAddInput(),
        ["multiply(dense, input)"] = () => new GgMultiplyInput(),
        ["maximum(input, dense)"] = () => new GgMaximumInput(),
        ["subtract(input, dense)"] = () => new GgSubtractInput(),

        // Two inputs, each through its own Dense layer.
        ["two towers, concatenated"] = () => new GgTwoTowers(),
        ["two towers, multiplied, softmax"] = () => new GgTwoTowersMultiply(),

        // Activation in a branch (must not act in place on a tensor the other branch reads).
        ["activation layer in a branch"] = () => new GgActivationBranch(),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in s_cases.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticGradients_MatchCentralDifferences(string name)
    {
        (Model model, float[][] inputs, float[] labels) = Prepare(s_cases[name](), Batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, Batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        // Every trainable weight took part: a layer left out of the backward pass would show as gradients of 0
        // against non-zero differences, but only if its weights were compared at all.
        var defaults = new GradientCheckOptions();
        int expected = model.Description.Weights.Where(w => w.Trainable).Sum(w => w.Length <= defaults.CheckAllUpTo ? w.Length : defaults.SampleCount);
        Assert.Equal(expected, report.Checked + report.Skipped);
    }

    /// <summary>Batch 1 (no averaging) and 17 (more rows than a vector has lanes) on the merges that fold or slice rows.</summary>
    [Theory]
    [InlineData("concatenate, input and layer (wide & deep)", 1)]
    [InlineData("concatenate, input and layer (wide & deep)", 17)]
    [InlineData("multiply, 3 inputs", 17)]
    [InlineData("maximum, 3 inputs", 17)]
    [InlineData("fan-out, two readers added", 17)]
    [InlineData("average(a, b, a)", 17)]
    [InlineData("two towers, multiplied, softmax", 1)]
    public void AnalyticGradients_MatchCentralDifferences_ForOtherBatchSizes(string name, int batch)
    {
        (Model model, float[][] inputs, float[] labels) = Prepare(s_cases[name](), batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>
    /// Maximum and Minimum are only checked where each element has one clear winner, and the winners must vary: if
    /// one branch held every maximum, the gradient routing of the other two would go untested.
    /// </summary>
    [Theory]
    [InlineData("maximum, 3 inputs", "a", "b", "c", true)]
    [InlineData("minimum, 3 inputs", "a", "b", "c", false)]
    public void MaximumAndMinimum_WinnersVaryAcrossElements(string name, string a, string b, string c, bool maximum)
    {
        (Model model, float[][] inputs, _) = Prepare(s_cases[name](), Batch);
        float[] x = inputs[0];
        float[][] branches = [Dense(model, a, x), Dense(model, b, x), Dense(model, c, x)];

        var wins = new int[3];
        for (int i = 0; i < branches[0].Length; i++)
        {
            float[] values = [branches[0][i], branches[1][i], branches[2][i]];
            int winner = Array.IndexOf(values, maximum ? values.Max() : values.Min());
            wins[winner]++;
        }

        Assert.All(wins, count => Assert.True(count >= 2, $"wins per branch: {string.Join(", ", wins)}"));
    }

    [Fact]
    public void Dropout_InABranch_WithAFixedMask_MatchesCentralDifferences()
    {
        var model = new GgDropoutBranchFixedMask();
        (_, float[][] inputs, float[] labels) = Prepare(model, Batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, Batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(model.MaskDraws > 0, "The overridden DrawDropoutMask was never called.");
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>
    /// The multi-input checker rejects a corrupted gradient like the single-input one: one tower's kernel scaled by
    /// 1.1 (the error a missing accumulation or a wrong merge share would make in one branch only).
    /// </summary>
    [Theory]
    [InlineData("two towers, multiplied, softmax", "pu/kernel")]
    [InlineData("fan-out, two readers added", "h/kernel")]
    [InlineData("add(dense, dense)", "dense/bias")]
    public void Checker_RejectsOneCorruptedTensor(string name, string weight)
    {
        (Model model, float[][] inputs, float[] labels) = Prepare(s_cases[name](), Batch);
        var options = new GradientCheckOptions
        {
            Corrupt = (g, m) =>
            {
                WeightInfo info = m.Description.GetWeight(weight);
                for (int i = 0; i < info.Length; i++) g[info.Offset + i] *= 1.1f;
            },
        };

        GradientCheckReport honest = GradientChecker.Check(model, inputs, Batch, labels);
        GradientCheckReport corrupted = GradientChecker.Check(model, inputs, Batch, labels, options);

        Assert.True(honest.Passed, honest.ToString());
        Assert.False(corrupted.Passed, $"The checker accepted {weight} scaled by 1.1:\n{corrupted}");
    }

    // ---- Ties of Maximum and Minimum ----

    /// <summary>
    /// Exact ties in a network: the layers named in <paramref name="tied"/> compute equal outputs, the others less
    /// (Maximum) or more (Minimum), and the whole gradient goes to the earliest tied layer, as Keras's pairwise
    /// max(max(p, q), r) decides. The expected gradients are worked out by hand:
    /// x = (1, 2); a tied layer has W = [[0.5, −1], [0.25, 0.5]], b = 0, so it outputs (1, 0); a loser has W = 0 and
    /// b = (−1, −1) for Maximum, (2, 2) for Minimum. The merge gives m = (1, 0); out = m·(2, −3) + 0.5 = 2.5; with the label 1.5 and batch 1 the MSE
    /// gradient is 2·(2.5 − 1.5) = 2, so dm = 2·(2, −3) = (4, −6). The winner's dW = xᵀ·dm = [[4, −6], [8, −12]],
    /// db = (4, −6); every other branch gets 0; out's dW = m·2 = (2, 0), db = 2. All values are exact in float.
    /// </summary>
    [Theory]
    [InlineData(true, "p", "p", "q")]
    [InlineData(true, "q", "q", "r")]
    [InlineData(true, "p", "p", "r")]
    [InlineData(true, "p", "p", "q", "r")]
    [InlineData(false, "p", "p", "q")]
    [InlineData(false, "q", "q", "r")]
    [InlineData(false, "p", "p", "q", "r")]
    public void Ties_SendTheGradientToTheEarlierInput(bool maximum, string winner, params string[] tied)
    {
        Model model = maximum ? new GgMaximumTies() : new GgMinimumTies();
        float loserBias = maximum ? -1f : 2f; // below both tied values (1, 0) for Maximum, above both for Minimum
        foreach (string layer in new[] { "p", "q", "r" })
        {
            bool isTied = tied.Contains(layer);
            model.SetWeights(layer + "/kernel", isTied ? [0.5f, -1f, 0.25f, 0.5f] : [0f, 0f, 0f, 0f]);
            model.SetWeights(layer + "/bias", isTied ? [0f, 0f] : [loserBias, loserBias]);
        }
        model.SetWeights("out/kernel", [2f, -3f]);
        model.SetWeights("out/bias", [0.5f]);

        float[] output = model.Forward(new[] { new[] { 1f, 2f } }, 1, training: true).ToArray();
        model.Backward([1.5f]);

        Assert.Equal([2.5f], output);
        foreach (string layer in new[] { "p", "q", "r" })
        {
            bool wins = layer == winner;
            Assert.Equal(wins ? [4f, -6f, 8f, -12f] : [0f, 0f, 0f, 0f], Gradient(model, layer + "/kernel"));
            Assert.Equal(wins ? [4f, -6f] : [0f, 0f], Gradient(model, layer + "/bias"));
        }
        Assert.Equal([2f, 0f], Gradient(model, "out/kernel"));
        Assert.Equal([2f], Gradient(model, "out/bias"));
    }

    /// <summary>
    /// The kernels alone, on every kind of element: one winner in each position, ties of (a, b), (b, c), (a, c)
    /// and (a, b, c). The pattern repeats three times so the forward fold runs its vector loop too. Expected values
    /// by hand: each dy goes to the earliest input that holds the result.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ClaimAndUnclaim_GiveEachElementToTheEarliestHolder(bool maximum)
    {
        // For Minimum the inputs are negated, so the same positions win.
        float sign = maximum ? 1f : -1f;
        float[] a = Repeat(sign, [3, 1, 1, 2, 1, 2, 4]);
        float[] b = Repeat(sign, [1, 3, 1, 2, 2, 2, 0]);
        float[] c = Repeat(sign, [1, 1, 3, 1, 2, 2, 4]);
        float[] dy = Repeat(1f, [10, 20, 30, 40, 50, 60, 70]);
        int n = a.Length;

        var y = new float[n];
        if (maximum)
        {
            Merge.Maximum(y, a, b);
            Merge.Maximum(y, y, c);
        }
        else
        {
            Merge.Minimum(y, a, b);
            Merge.Minimum(y, y, c);
        }
        // The generated backward pass: input k claims dy where it holds y, then every earlier input unclaims its ties.
        float[] da = new float[n], db = new float[n], dc = new float[n];
        Merge.Claim(da, dy, y, a);
        Merge.Claim(db, dy, y, b);
        Merge.Unclaim(db, y, a);
        Merge.Claim(dc, dy, y, c);
        Merge.Unclaim(dc, y, a);
        Merge.Unclaim(dc, y, b);

        Assert.Equal(Repeat(sign, [3, 3, 3, 2, 2, 2, 4]), y);
        Assert.Equal(Repeat(1f, [10, 0, 0, 40, 0, 60, 70]), da);
        Assert.Equal(Repeat(1f, [0, 20, 0, 0, 50, 0, 0]), db);
        Assert.Equal(Repeat(1f, [0, 0, 30, 0, 0, 0, 0]), dc);
    }

    private static float[] Repeat(float factor, float[] pattern) =>
        Enumerable.Range(0, 3).SelectMany(_ => pattern).Select(v => factor * v).ToArray();

    private static float[] Gradient(Model model, string weight)
    {
        WeightInfo info = model.Description.GetWeight(weight);
        return model.Gradients.Slice(info.Offset, info.Length).ToArray();
    }

    /// <summary>x·W + b of a linear Dense layer reading the input, recomputed here from its weights (rows of units).</summary>
    private static float[] Dense(Model model, string layer, float[] x)
    {
        float[] w = model.GetWeights(layer + "/kernel"), bias = model.GetWeights(layer + "/bias");
        int units = bias.Length, features = w.Length / units, rows = x.Length / features;
        var y = new float[rows * units];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < units; j++)
            {
                float sum = bias[j];
                for (int i = 0; i < features; i++) sum += x[r * features + i] * w[i * units + j];
                y[r * units + j] = sum;
            }
        }
        return y;
    }

    /// <summary>Seeded weights, one uniform array per input, and labels that fit the loss (class indices or targets).</summary>
    private static (Model Model, float[][] Inputs, float[] Labels) Prepare(Model model, int batch)
    {
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        float[][] inputs = model.Description.Inputs.Select(input => TestData.Uniform(random, batch * input.Size)).ToArray();
        float[] labels = model.Description.Loss == Loss.SparseCategoricalCrossentropy
            ? TestData.ClassLabels(random, batch, model.OutputSize)
            : TestData.Uniform(random, batch * model.OutputSize);
        return (model, inputs, labels);
    }
}
