using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Kernels;
using Xunit.Abstractions;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Finite-difference checks of the generated convolution layers (declared in ConvolutionNetworks.cs): valid and same
/// padding, strides, even and rectangular kernels, dilation, 1 × 1 kernels, Conv1D, layers without bias, penalties,
/// and filter counts on the scalar reference and on whole and overlapping vectors. Every trainable parameter is
/// compared, as in <see cref="GradientCheckTests"/>.
/// </summary>
public sealed class ConvolutionGradientCheckTests
{
    private const int Batch = 3;
    private const int DataSeed = 2026;

    private readonly ITestOutputHelper _output;

    public ConvolutionGradientCheckTests(ITestOutputHelper output) => _output = output;

    private static readonly Dictionary<string, Func<Model>> s_cases = new()
    {
        ["valid 3x3 then 2x2, few filters"] = () => new CgValid(),
        ["17 and 20 filters"] = () => new CgWide(),
        ["same padding, strides 2; even kernel same"] = () => new CgSameStrided(),
        ["even kernel strides 2; dilation 2"] = () => new CgStridedDilated(),
        ["dilated same; rectangular; 1x1"] = () => new CgDilatedRectangular(),
        ["no bias, penalties, gelu"] = () => new CgOptions(),
        ["conv1d valid, same strided, dilated"] = () => new CgConv1D(),
        ["after dense and reshape"] = () => new CgAfterDense(),
        ["one input channel"] = () => new CgOneChannel(),
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
        var defaults = new GradientCheckOptions();
        int expected = model.Description.Weights.Where(w => w.Trainable).Sum(w => w.Length <= defaults.CheckAllUpTo ? w.Length : defaults.SampleCount);
        Assert.Equal(expected, report.Checked + report.Skipped);
    }

    /// <summary>Batch 1 and 13: output positions that do not fill a register tile, and tiles across samples.</summary>
    [Theory]
    [InlineData("17 and 20 filters", 1)]
    [InlineData("17 and 20 filters", 13)]
    [InlineData("same padding, strides 2; even kernel same", 13)]
    [InlineData("conv1d valid, same strided, dilated", 13)]
    public void AnalyticGradients_MatchCentralDifferences_ForOtherBatchSizes(string name, int batch)
    {
        (Model model, float[][] inputs, float[] labels) = Prepare(s_cases[name](), batch);

        GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);

        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>The checker notices a wrong convolution kernel gradient (scaled by 1.1).</summary>
    [Theory]
    [InlineData("17 and 20 filters", "conv2d/kernel")]
    [InlineData("conv1d valid, same strided, dilated", "conv1d_1/bias")]
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

        GradientCheckReport corrupted = GradientChecker.Check(model, inputs, Batch, labels, options);

        Assert.False(corrupted.Passed, $"The checker accepted {weight} scaled by 1.1:\n{corrupted}");
    }

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
