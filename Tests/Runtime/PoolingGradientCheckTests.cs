using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Finite-difference checks of the generated backward passes through the pooling, zero-padding and spatial-dropout
/// layers (networks in PoolingNetworks.cs), the forward values of generated networks against
/// <see cref="PoolingReference"/>, spatial dropout's mask broadcast and inference identity, and the summary rows.
/// </summary>
public sealed class PoolingGradientCheckTests
{
    private const int Batch = 3;
    private const int DataSeed = 2024;

    private readonly ITestOutputHelper _output;

    public PoolingGradientCheckTests(ITestOutputHelper output) => _output = output;

    private static readonly Dictionary<string, Func<Model>> s_cases = new()
    {
        ["max 2d, valid"] = () => new PgMax2D(),
        ["max 2d, strides 2 under pool 3"] = () => new PgMax2DStrides(),
        ["max 2d, (2, 3), same"] = () => new PgMax2DSame(),
        ["max 2d, same, strides 1, 17 channels"] = () => new PgMax2DSameOverlap(),
        ["max 1d, default pool"] = () => new PgMax1D(),
        ["max 1d, same, strides 2"] = () => new PgMax1DSame(),
        ["average 2d, valid"] = () => new PgAverage2D(),
        ["average 2d, same, strides 2"] = () => new PgAverage2DSame(),
        ["average 2d, (2, 3), strides 1"] = () => new PgAverage2DOverlap(),
        ["average 1d, same, strides 1, 17 channels"] = () => new PgAverage1DSame(),
        ["global max 2d"] = () => new PgGlobalMax2D(),
        ["global average 2d"] = () => new PgGlobalAverage2D(),
        ["global max 1d"] = () => new PgGlobalMax1D(),
        ["global average 1d"] = () => new PgGlobalAverage1D(),
        ["zero padding 2d (1, 2), then average"] = () => new PgZeroPadding2D(),
        ["zero padding 2d, four sides"] = () => new PgZeroPadding2DSides(),
        ["zero padding 1d, then max"] = () => new PgZeroPadding1D(),
        ["spatial dropout 2d, fixed mask"] = () => new PgSpatialDropout2DFixedMask(),
        ["spatial dropout 1d, fixed mask, then global average"] = () => new PgSpatialDropout1DFixedMask(),
        ["a map read by two pools"] = () => new PgFanOut(),
        ["max, average, global max in series"] = () => new PgSeries(),
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
        (Model model, float[] inputs, float[] labels) = Prepare(s_cases[name](), Batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, Batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        var defaults = new GradientCheckOptions();
        int expected = model.Description.Weights.Where(w => w.Trainable).Sum(w => w.Length <= defaults.CheckAllUpTo ? w.Length : defaults.SampleCount);
        Assert.Equal(expected, report.Checked + report.Skipped);
    }

    /// <summary>Batch 1 and 17 on the layers whose kernels index the batch.</summary>
    [Theory]
    [InlineData("max 2d, same, strides 1, 17 channels", 1)]
    [InlineData("average 2d, same, strides 2", 17)]
    [InlineData("zero padding 2d (1, 2), then average", 17)]
    [InlineData("spatial dropout 2d, fixed mask", 17)]
    [InlineData("a map read by two pools", 17)]
    public void AnalyticGradients_MatchCentralDifferences_ForOtherBatchSizes(string name, int batch)
    {
        (Model model, float[] inputs, float[] labels) = Prepare(s_cases[name](), batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>The checker sees a wrong pooling gradient: the layer below the pool scaled by 1.1 fails.</summary>
    [Theory]
    [InlineData("max 2d, same, strides 1, 17 channels")]
    [InlineData("average 2d, same, strides 2")]
    public void Checker_RejectsACorruptedGradientBelowThePool(string name)
    {
        (Model model, float[] inputs, float[] labels) = Prepare(s_cases[name](), Batch);
        var options = new GradientCheckOptions
        {
            Corrupt = (g, m) =>
            {
                WeightInfo info = m.Description.GetWeight("h/kernel");
                for (int i = 0; i < info.Length; i++) g[info.Offset + i] *= 1.1f;
            },
        };

        GradientCheckReport corrupted = GradientChecker.Check(model, inputs, Batch, labels, options);

        Assert.False(corrupted.Passed, corrupted.ToString());
    }

    /// <summary>The whole training step (forward, backward, SGD update) through the layers lowers the loss on a fixed batch.</summary>
    [Theory]
    [InlineData("max 2d, (2, 3), same")]
    [InlineData("average 2d, same, strides 2")]
    [InlineData("zero padding 1d, then max")]
    [InlineData("global max 2d")]
    public void TrainSteps_LowerTheLoss(string name)
    {
        (Model model, float[] inputs, float[] labels) = Prepare(s_cases[name](), 8);
        double first = model.TrainStep(inputs, labels, 8), last = first;

        for (int step = 0; step < 300; step++) last = model.TrainStep(inputs, labels, 8);

        Assert.True(last < 0.8 * first, $"loss {first} -> {last}");
    }

    // ---- Forward values against the reference ----

    public static TheoryData<string> ForwardCases() => new()
    {
        "max 2d (3, strides 2, same) on (6, 7, 5)",
        "average 2d (3, strides 2, same) on (6, 7, 5)",
        "average 2d (2, 3) on (5, 7, 3)",
        "max 1d (4, strides 3, same) on (9, 17)",
        "average 1d (2, strides 1) on (6, 3)",
        "global average 2d on (4, 5, 17)",
        "global max 1d on (7, 5)",
        "zero padding 2d (1, 0, 2, 1) on (3, 4, 2)",
        "zero padding 1d (1, 2) on (3, 2)",
    };

    [Theory]
    [MemberData(nameof(ForwardCases))]
    public void Forward_MatchesTheReference(string name)
    {
        (Model model, int[] shape, Func<float[], float[]> reference) = name switch
        {
            "max 2d (3, strides 2, same) on (6, 7, 5)" => Case(new PfMax2DSame(), [6, 7, 5], x => PoolingReference.Max(Problem(6, 7, 5, 3, 3, 2, 2, true), x).Y),
            "average 2d (3, strides 2, same) on (6, 7, 5)" => Case(new PfAverage2DSame(), [6, 7, 5], x => PoolingReference.Average(Problem(6, 7, 5, 3, 3, 2, 2, true), x)),
            "average 2d (2, 3) on (5, 7, 3)" => Case(new PfAverage2DValid(), [5, 7, 3], x => PoolingReference.Average(Problem(5, 7, 3, 2, 3, 2, 3, false), x)),
            "max 1d (4, strides 3, same) on (9, 17)" => Case(new PfMax1DSame(), [9, 17], x => PoolingReference.Max(Problem(1, 9, 17, 1, 4, 1, 3, true), x).Y),
            "average 1d (2, strides 1) on (6, 3)" => Case(new PfAverage1D(), [6, 3], x => PoolingReference.Average(Problem(1, 6, 3, 1, 2, 1, 1, false), x)),
            "global average 2d on (4, 5, 17)" => Case(new PfGlobalAverage2D(), [4, 5, 17], x => PoolingReference.Average(Problem(4, 5, 17, 4, 5, 4, 5, false), x)),
            "global max 1d on (7, 5)" => Case(new PfGlobalMax1D(), [7, 5], x => PoolingReference.Max(Problem(1, 7, 5, 1, 7, 1, 7, false), x).Y),
            "zero padding 2d (1, 0, 2, 1) on (3, 4, 2)" => Case(new PfZeroPadding2D(), [3, 4, 2], x => PoolingReference.ZeroPad(x, Batch, 3, 4, 2, 1, 0, 2, 1)),
            "zero padding 1d (1, 2) on (3, 2)" => Case(new PfZeroPadding1D(), [3, 2], x => PoolingReference.ZeroPad(x, Batch, 1, 3, 2, 0, 0, 1, 2)),
            _ => throw new ArgumentException(name),
        };
        Assert.Equal(shape, model.Description.Inputs[0].Shape);
        float[] x = TestData.Uniform(new SeededRandom(DataSeed), Batch * shape.Aggregate(1, (a, b) => a * b));
        float[] expected = reference(x);

        float[] actual = model.Forward(x, Batch, training: false).ToArray();

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"{name}: element {i}: expected {expected[i]:R}, found {actual[i]:R}");
    }

    private static PoolingReference.Problem Problem(int h, int w, int c, int ph, int pw, int sh, int sw, bool same) => new(Batch, h, w, c, ph, pw, sh, sw, same);

    /// <summary>The network with its Dense kernel set to the identity, so its output is the layer's output.</summary>
    private static (Model, int[], Func<float[], float[]>) Case(Model model, int[] shape, Func<float[], float[]> reference)
    {
        WeightInfo kernel = model.Description.GetWeight("dense/kernel");
        int units = kernel.Shape[1];
        Assert.Equal(units, kernel.Shape[0]);
        var identity = new float[units * units];
        for (int i = 0; i < units; i++) identity[i * units + i] = 1f;
        model.SetWeights("dense/kernel", identity);
        return (model, shape, reference);
    }

    // ---- Spatial dropout ----

    [Fact]
    public void SpatialDropout_IsTheIdentityAtInference()
    {
        Model model = Case(new PfSpatialDropout2D(), [4, 5, 3], x => x).Item1;
        float[] x = TestData.Uniform(new SeededRandom(DataSeed), Batch * 60);

        float[] y = model.Forward(x, Batch, training: false).ToArray();

        Assert.Equal(x, y);
    }

    /// <summary>
    /// In training each (sample, channel) feature map is kept whole, scaled by 1 / (1 − 0.5) = 2, or dropped whole;
    /// with 8 samples × 3 channels drawn, both happen.
    /// </summary>
    [Fact]
    public void SpatialDropout_DropsWholeChannels_AndScalesTheKeptOnes()
    {
        const int batch = 8, positions = 20, channels = 3;
        Model model = Case(new PfSpatialDropout2D(), [4, 5, 3], x => x).Item1;
        float[] x = TestData.Uniform(new SeededRandom(DataSeed), batch * positions * channels, 0.5f, 1f); // no zeros

        float[] y = model.Forward(x, batch, training: true).ToArray();

        int kept = 0, dropped = 0;
        for (int b = 0; b < batch; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                int first = (b * positions) * channels + c;
                bool keep = y[first] != 0f;
                if (keep) kept++;
                else dropped++;
                for (int p = 0; p < positions; p++)
                {
                    int i = (b * positions + p) * channels + c;
                    Assert.Equal(keep ? 2f * x[i] : 0f, y[i], 5);
                }
            }
        }
        Assert.True(kept > 0 && dropped > 0, $"kept {kept}, dropped {dropped}");
    }

    [Fact]
    public void SpatialDropout_DrawsOneMaskValuePerSampleAndChannel()
    {
        var model = new PgSpatialDropout2DFixedMask();
        (_, float[] inputs, _) = Prepare(model, Batch);

        model.Forward(inputs, Batch, training: true);

        Assert.Equal(1, model.MaskDraws);
        Assert.Equal(Batch * 6, model.LastMaskLength);
    }

    // ---- Summary ----

    [Fact]
    public void Summary_ShowsKerasTypesAndOutputShapes()
    {
        Model model = new PsSpatialStack();
        (string Name, string Type, string Shape, int Parameters)[] expected =
        [
            ("zero_padding2d", "ZeroPadding2D", "(None, 8, 8, 3)", 0),
            ("max_pooling2d", "MaxPooling2D", "(None, 4, 4, 3)", 0),
            ("spatial_dropout2d", "SpatialDropout2D", "(None, 4, 4, 3)", 0),
            ("average_pooling2d", "AveragePooling2D", "(None, 4, 4, 3)", 0),
            ("global_max_pooling2d", "GlobalMaxPooling2D", "(None, 3)", 0),
            ("dense", "Dense", "(None, 2)", 8),
        ];

        Assert.Equal(expected, model.Description.Layers.Select(l => (l.Name, l.Type, l.OutputShape, l.ParameterCount)).ToArray());
        // Each row's first line: the name column (wrapped by Keras after 26 characters), the shape at 29, the count at 55.
        string[] lines = model.GetSummary().Split('\n');
        foreach (var (name, _, shape, parameters) in expected)
        {
            string row = Assert.Single(lines, line => line.StartsWith(" " + name + " ", StringComparison.Ordinal) || line.StartsWith(" " + name[..Math.Min(name.Length, 26)] + "  ", StringComparison.Ordinal) && line.Length > 29 && line[29] == '(');
            Assert.Equal(shape, row.Substring(29, shape.Length));
            Assert.Equal(parameters.ToString(System.Globalization.CultureInfo.InvariantCulture), row[55..].TrimEnd());
        }
        Assert.Contains("\nTotal params: 8 (32.00 Byte)\n", model.GetSummary());
    }

    private static (Model Model, float[] Inputs, float[] Labels) Prepare(Model model, int batch)
    {
        var random = new SeededRandom(DataSeed);
        TestData.RandomizeWeights(model, random);
        float[] inputs = TestData.Uniform(random, batch * model.Description.Inputs[0].Size);
        float[] labels = TestData.Uniform(random, batch * model.OutputSize);
        return (model, inputs, labels);
    }
}
