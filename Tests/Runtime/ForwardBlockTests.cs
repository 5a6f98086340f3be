using System;
using System.Collections.Generic;

namespace NetGen.Tests.Runtime;

/// <summary>
/// A layer that splits by input features sums its forward product in blocks of the inputs, one per core: the blocks
/// must add up to the whole product (within rounding: the sum's order changes), carry the bias exactly once, and
/// write nothing outside their rows.
/// </summary>
public sealed class ForwardBlockTests
{
    public static TheoryData<string, int, int> Cases() => new()
    {
        { "Dense_784x128", 32, 384 },
        { "Dense_784x128", 3, 16 },
        { "Dense_784x128", 5, 783 },
        { "Dense_40x7", 6, 16 },
        { "Dense_100x100", 9, 48 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BlocksAddUpToTheWholeProduct(string shape, int batch, int split)
    {
        DenseKernels k = KernelShapes.All[shape];
        var random = new SeededRandom(batch * 31 + split);
        float[] x = KernelParityTests.Input(random, batch * k.In);
        float[] w = KernelParityTests.Input(random, k.In * k.Out);
        float[] bias = KernelParityTests.Input(random, k.Out);
        int n = batch * k.Out;

        float[] expected = KernelParityTests.Output(n);
        k.ForwardReference(expected.AsSpan(0, n), x.AsSpan(0, batch * k.In), w.AsSpan(0, k.In * k.Out), bias.AsSpan(0, k.Out), batch);
        float[] first = KernelParityTests.Output(n), second = KernelParityTests.Output(n);
        k.ForwardRange!(first.AsSpan(0, n), x.AsSpan(0, batch * k.In), w.AsSpan(0, k.In * k.Out), bias.AsSpan(0, k.Out), batch, 0, split);
        k.ForwardRange!(second.AsSpan(0, n), x.AsSpan(0, batch * k.In), w.AsSpan(0, k.In * k.Out), bias.AsSpan(0, k.Out), batch, split, k.In);
        for (int i = 0; i < n; i++) first[i] += second[i];

        var failures = new List<string>();
        KernelParityTests.Compare(failures, $"{shape}: blocks [0, {split}) + [{split}, {k.In}), batch {batch}", first, expected, n, k.Out, reduction: k.In);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void TheBiasBelongsToTheBlockThatStartsTheSum()
    {
        DenseKernels k = KernelShapes.All["Dense_784x128"];
        float[] bias = new float[k.Out];
        bias.AsSpan().Fill(2.5f);
        float[] y = new float[k.Out];
        // x and W are zero: the first block is the bias alone, any other block exactly zero.
        k.ForwardRange!(y, new float[k.In], new float[k.In * k.Out], bias, 1, 0, 16);
        Assert.All(y, value => Assert.Equal(2.5f, value));
        k.ForwardRange!(y, new float[k.In], new float[k.In * k.Out], bias, 1, 16, k.In);
        Assert.All(y, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void ARangeOutsideTheInputsIsRejected()
    {
        DenseKernels k = KernelShapes.All["Dense_784x128"];
        var error = Assert.Throws<ArgumentException>(() =>
            k.ForwardRange!(new float[k.Out], new float[k.In], new float[k.In * k.Out], new float[k.Out], 1, 0, k.In + 1));
        Assert.Contains("input range", error.Message);
    }
}
