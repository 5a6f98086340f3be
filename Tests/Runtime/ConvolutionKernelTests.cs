using System;
using NetGen.Kernels;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The generated convolution kernels against their scalar references, on odd sizes: filters that leave an overlapping
/// last vector (17, 20), same padding with strides, a Conv1D geometry and an input-gradient geometry. Each test runs the
/// path this machine dispatches to; CI runs the suite again with AVX-512, AVX2 and all intrinsics off, so every path
/// (Vector512, Vector256, Vector128, scalar) is compared. The parts threads compute must add up to the whole, bit for
/// bit.
/// </summary>
public sealed class ConvolutionKernelTests
{
    private delegate void Forward(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, int batch, int rowStart, int rowEnd);

    private delegate void Weights(Span<float> dw, Span<float> db, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch, int start, int end);

    private sealed record Geometry(string Name, int InputSize, int OutputSize, int OutputHeight, int KernelRows, int Filters,
        Forward Forward, Forward ForwardReference, Weights BackwardWeights, Weights BackwardWeightsReference, Func<int> WeightTiles);

    private static readonly Geometry[] s_geometries =
    [
        new("7x6x5, 3x3, 17 filters", 7 * 6 * 5, 5 * 4 * 17, 5, 45, 17,
            CgWide.Kernels.Conv_7x6x5_3x3x17.Forward, CgWide.Kernels.Conv_7x6x5_3x3x17.ForwardReference,
            CgWide.Kernels.Conv_7x6x5_3x3x17.BackwardWeights, (dw, db, x, dy, batch, s, e) => CgWide.Kernels.Conv_7x6x5_3x3x17.BackwardWeightsReference(dw, db, x, dy, batch, s, e),
            () => CgWide.Kernels.Conv_7x6x5_3x3x17.WeightTiles),
        new("5x4x17, 3x3, 20 filters", 5 * 4 * 17, 3 * 2 * 20, 3, 153, 20,
            CgWide.Kernels.Conv_5x4x17_3x3x20.Forward, CgWide.Kernels.Conv_5x4x17_3x3x20.ForwardReference,
            CgWide.Kernels.Conv_5x4x17_3x3x20.BackwardWeights, (dw, db, x, dy, batch, s, e) => CgWide.Kernels.Conv_5x4x17_3x3x20.BackwardWeightsReference(dw, db, x, dy, batch, s, e),
            () => CgWide.Kernels.Conv_5x4x17_3x3x20.WeightTiles),
        new("padded 9x7x2, 3x3, strides 2, 8 filters", 9 * 7 * 2, 4 * 3 * 8, 4, 18, 8,
            CgSameStrided.Kernels.Conv_9x7x2_3x3x8_s2x2.Forward, CgSameStrided.Kernels.Conv_9x7x2_3x3x8_s2x2.ForwardReference,
            CgSameStrided.Kernels.Conv_9x7x2_3x3x8_s2x2.BackwardWeights, (dw, db, x, dy, batch, s, e) => CgSameStrided.Kernels.Conv_9x7x2_3x3x8_s2x2.BackwardWeightsReference(dw, db, x, dy, batch, s, e),
            () => CgSameStrided.Kernels.Conv_9x7x2_3x3x8_s2x2.WeightTiles),
        new("9x8x1, 3x3, 16 filters (dW one tile)", 9 * 8, 7 * 6 * 16, 7, 9, 16,
            CgOneChannel.Kernels.Conv_9x8x1_3x3x16.Forward, CgOneChannel.Kernels.Conv_9x8x1_3x3x16.ForwardReference,
            CgOneChannel.Kernels.Conv_9x8x1_3x3x16.BackwardWeights, (dw, db, x, dy, batch, s, e) => CgOneChannel.Kernels.Conv_9x8x1_3x3x16.BackwardWeightsReference(dw, db, x, dy, batch, s, e),
            () => CgOneChannel.Kernels.Conv_9x8x1_3x3x16.WeightTiles),
        new("conv1d 11x4, 3, 16 filters", 11 * 4, 9 * 16, 1, 12, 16,
            CgConv1D.Kernels.Conv_1x11x4_1x3x16.Forward, CgConv1D.Kernels.Conv_1x11x4_1x3x16.ForwardReference,
            CgConv1D.Kernels.Conv_1x11x4_1x3x16.BackwardWeights, (dw, db, x, dy, batch, s, e) => CgConv1D.Kernels.Conv_1x11x4_1x3x16.BackwardWeightsReference(dw, db, x, dy, batch, s, e),
            () => CgConv1D.Kernels.Conv_1x11x4_1x3x16.WeightTiles),
    ];

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        for (int g = 0; g < s_geometries.Length; g++)
        {
            data.Add(g, 1);
            data.Add(g, 7);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_MatchesTheScalarReference(int geometry, int batch)
    {
        Geometry g = s_geometries[geometry];
        var random = new SeededRandom(17 + geometry);
        float[] x = Uniform(random, batch * g.InputSize), w = Uniform(random, g.KernelRows * g.Filters), bias = Uniform(random, g.Filters);
        float[] fast = new float[batch * g.OutputSize], reference = new float[batch * g.OutputSize];

        g.Forward(fast, x, w, bias, batch, 0, batch * g.OutputHeight);
        g.ForwardReference(reference, x, w, bias, batch, 0, batch * g.OutputHeight);

        AssertClose(reference, fast, $"{g.Name} forward on {Simd.ActivePath}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardWeights_MatchesTheScalarReference(int geometry, int batch)
    {
        Geometry g = s_geometries[geometry];
        var random = new SeededRandom(31 + geometry);
        float[] x = Uniform(random, batch * g.InputSize), dy = Uniform(random, batch * g.OutputSize);
        float[] dw = new float[g.KernelRows * g.Filters], db = new float[g.Filters], dwReference = new float[dw.Length];
        dw.AsSpan().Fill(float.NaN); // every element must be written

        g.BackwardWeights(dw, db, x, dy, batch, 0, g.WeightTiles());
        g.BackwardWeightsReference(dwReference, db, x, dy, batch, 0, g.KernelRows);

        AssertClose(dwReference, dw, $"{g.Name} dW on {Simd.ActivePath}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThreadParts_AddUpToTheWhole_BitForBit(int geometry, int batch)
    {
        Geometry g = s_geometries[geometry];
        var random = new SeededRandom(47 + geometry);
        float[] x = Uniform(random, batch * g.InputSize), w = Uniform(random, g.KernelRows * g.Filters), bias = Uniform(random, g.Filters);
        float[] dy = Uniform(random, batch * g.OutputSize);
        float[] whole = new float[batch * g.OutputSize], parts = new float[whole.Length];
        int rows = batch * g.OutputHeight, tiles = g.WeightTiles();
        float[] dwWhole = new float[g.KernelRows * g.Filters], dwParts = new float[dwWhole.Length], db = new float[g.Filters];

        g.Forward(whole, x, w, bias, batch, 0, rows);
        g.Forward(parts, x, w, bias, batch, 0, rows / 2);
        g.Forward(parts, x, w, bias, batch, rows / 2, rows);
        g.BackwardWeights(dwWhole, db, x, dy, batch, 0, tiles);
        g.BackwardWeights(dwParts, db, x, dy, batch, 0, tiles / 3);
        g.BackwardWeights(dwParts, db, x, dy, batch, tiles / 3, tiles);

        Assert.Equal(whole, parts);
        Assert.Equal(dwWhole, dwParts);
    }

    private static float[] Uniform(SeededRandom random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = random.NextSingle() * 2 - 1;
        return values;
    }

    /// <summary>FMA and the reference's separate multiply and add round differently: relative 1e-5 of the terms' scale.</summary>
    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = 1e-4f * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}: element {i} is {actual[i]}, the reference {expected[i]}");
        }
    }
}
