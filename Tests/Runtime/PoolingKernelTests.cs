using System;
using System.Linq;
using NetGen.Kernels;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The pooling, zero-padding and spatial-dropout kernels against <see cref="PoolingReference"/>: channel counts below,
/// at and above a vector's width (1, 3, 5, 8, 17, 33, so both the vector path and the scalar tail run), odd spatial
/// sizes, strides other than the pool, overlapping windows and same padding.
/// </summary>
public sealed class PoolingKernelTests
{
    public static TheoryData<int, int, int, int, int, int, int, bool> Problems() => new()
    {
        // height, width, channels, pool (h, w), strides (h, w), same
        { 6, 7, 3, 2, 2, 2, 2, false },
        { 6, 7, 17, 2, 2, 2, 2, true },
        { 7, 7, 5, 3, 3, 2, 2, false },
        { 5, 5, 17, 3, 3, 1, 1, true },
        { 6, 7, 33, 3, 3, 2, 2, true },
        { 5, 7, 8, 2, 3, 2, 3, true },
        { 5, 6, 1, 2, 3, 1, 1, false },
        { 1, 9, 17, 1, 4, 1, 3, true },
        { 1, 8, 3, 1, 3, 1, 2, true },
        { 3, 3, 5, 4, 4, 4, 4, true },   // a window larger than the map
        { 4, 5, 17, 4, 5, 4, 5, false }, // one window over everything (global pooling)
    };

    private static (PoolingReference.Problem Problem, float[] X) Setup(int h, int w, int c, int ph, int pw, int sh, int sw, bool same, int seed = 7)
    {
        var problem = new PoolingReference.Problem(3, h, w, c, ph, pw, sh, sw, same);
        return (problem, TestData.Uniform(new SeededRandom(seed), problem.Batch * problem.InputSize));
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void MaxForward_MatchesTheReference(int h, int w, int c, int ph, int pw, int sh, int sw, bool same)
    {
        (PoolingReference.Problem p, float[] x) = Setup(h, w, c, ph, pw, sh, sw, same);
        var y = new float[p.Batch * p.OutputSize];
        var argmax = new int[y.Length];

        Pooling.MaxForward(y, argmax, x, p.Batch, p.Geometry);

        (float[] expected, int[] expectedArgmax) = PoolingReference.Max(p, x);
        Assert.Equal(expected, y);
        Assert.Equal(expectedArgmax, argmax);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void MaxBackward_MatchesTheReference(int h, int w, int c, int ph, int pw, int sh, int sw, bool same)
    {
        (PoolingReference.Problem p, float[] x) = Setup(h, w, c, ph, pw, sh, sw, same);
        float[] dy = TestData.Uniform(new SeededRandom(11), p.Batch * p.OutputSize);
        var y = new float[dy.Length];
        var argmax = new int[dy.Length];
        float[] dx = Enumerable.Repeat(123f, x.Length).ToArray(); // stale values must be overwritten

        Pooling.MaxForward(y, argmax, x, p.Batch, p.Geometry);
        Pooling.MaxBackward(dx, dy, argmax, p.Batch, p.Geometry);

        AssertClose(PoolingReference.MaxBackward(p, x, dy), dx, p.ToString());
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void AverageForward_MatchesTheReference(int h, int w, int c, int ph, int pw, int sh, int sw, bool same)
    {
        (PoolingReference.Problem p, float[] x) = Setup(h, w, c, ph, pw, sh, sw, same);
        var y = new float[p.Batch * p.OutputSize];

        Pooling.AverageForward(y, x, p.Batch, p.Geometry);

        AssertClose(PoolingReference.Average(p, x), y, p.ToString());
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void AverageBackward_MatchesTheReference(int h, int w, int c, int ph, int pw, int sh, int sw, bool same)
    {
        (PoolingReference.Problem p, _) = Setup(h, w, c, ph, pw, sh, sw, same);
        float[] dy = TestData.Uniform(new SeededRandom(11), p.Batch * p.OutputSize);
        float[] dx = Enumerable.Repeat(123f, p.Batch * p.InputSize).ToArray();

        Pooling.AverageBackward(dx, dy, p.Batch, p.Geometry);

        AssertClose(PoolingReference.AverageBackward(p, dy), dx, p.ToString());
    }

    /// <summary>
    /// Same padding divides by the real cells: a 3 × 3 window at a corner of a map of ones, padded by one, averages
    /// 4 ones to 1, not to 4/9. The kernel and the reference could share a mistake; this value is worked out by hand.
    /// </summary>
    [Fact]
    public void AverageWithSamePadding_DividesByTheRealCells()
    {
        var p = new PoolingReference.Problem(1, 3, 3, 17, 3, 3, 1, 1, Same: true);
        float[] x = Enumerable.Repeat(1f, p.InputSize).ToArray();
        var y = new float[p.OutputSize];

        Pooling.AverageForward(y, x, 1, p.Geometry);

        Assert.Equal(1, p.PadTop);
        Assert.All(y, value => Assert.Equal(1f, value, 6));
    }

    /// <summary>
    /// Ties go to the first maximum in scan order (rows, then columns): in a 2 × 2 window holding (1, 5 / 5, 5) the
    /// top-right 5 wins, and all the gradient goes there; padded cells (same padding) never win, even over −100.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    public void MaxTies_GoToTheFirstMaximum_AndPaddingNeverWins(int channels)
    {
        var p = new PoolingReference.Problem(1, 2, 3, channels, 2, 2, 2, 2, Same: true); // output (1, 2): the second window overhangs
        var x = new float[p.InputSize];
        float[] map = [1, 5, -100, 5, 5, -100]; // rows (1, 5, −100) and (5, 5, −100)
        for (int cell = 0; cell < 6; cell++)
            for (int c = 0; c < channels; c++) x[cell * channels + c] = map[cell];
        var y = new float[p.OutputSize];
        var argmax = new int[y.Length];
        float[] dy = Enumerable.Repeat(1f, y.Length).ToArray();
        var dx = new float[x.Length];

        Pooling.MaxForward(y, argmax, x, 1, p.Geometry);
        Pooling.MaxBackward(dx, dy, argmax, 1, p.Geometry);

        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(5f, y[c]);
            Assert.Equal(1 * channels + c, argmax[c]);        // the top-right 5, not the bottom ones
            Assert.Equal(-100f, y[channels + c]);             // the padded column does not count as 0
            Assert.Equal(2 * channels + c, argmax[channels + c]);
            Assert.Equal(1f, dx[1 * channels + c]);
            Assert.Equal(0f, dx[3 * channels + c]);
            Assert.Equal(0f, dx[4 * channels + c]);
        }
    }

    [Fact]
    public void Kernels_RejectBuffersOfTheWrongLength()
    {
        var p = new PoolingReference.Problem(2, 4, 4, 3, 2, 2, 2, 2, Same: false);
        var x = new float[p.Batch * p.InputSize];
        var y = new float[p.Batch * p.OutputSize];
        var argmax = new int[y.Length];

        Assert.Throws<ArgumentException>(() => Pooling.MaxForward(y, argmax, x.AsSpan(1), p.Batch, p.Geometry));
        Assert.Throws<ArgumentException>(() => Pooling.AverageForward(y.AsSpan(1), x, p.Batch, p.Geometry));
        Assert.Throws<ArgumentException>(() => Pooling.MaxBackward(x, y, argmax.AsSpan(1), p.Batch, p.Geometry));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoolGeometry(4, 4, 3, 0, 2, 2, 2, 0, 0, 2, 2));
    }

    [Theory]
    [InlineData(3, 4, 2, 1, 0, 2, 1)]
    [InlineData(1, 5, 17, 0, 0, 2, 3)]
    [InlineData(2, 2, 5, 3, 1, 0, 0)]
    public void ZeroPadding_MatchesTheReference_AndBackwardCrops(int height, int width, int channels, int top, int bottom, int left, int right)
    {
        const int batch = 2;
        float[] x = TestData.Uniform(new SeededRandom(3), batch * height * width * channels);
        float[] expected = PoolingReference.ZeroPad(x, batch, height, width, channels, top, bottom, left, right);
        float[] y = Enumerable.Repeat(9f, expected.Length).ToArray(); // stale values must be zeroed
        var dx = new float[x.Length];

        ZeroPadding.Forward(y, x, batch, height, width, channels, top, bottom, left, right);
        ZeroPadding.Backward(dx, y, batch, height, width, channels, top, bottom, left, right);

        Assert.Equal(expected, y);
        Assert.Equal(x, dx); // cropping the padded map gives the input back
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(17)]
    public void SpatialDropout_MultipliesEveryPositionOfAChannelByItsMask(int channels)
    {
        const int batch = 2, positions = 7;
        float[] x = TestData.Uniform(new SeededRandom(5), batch * positions * channels);
        float[] mask = TestData.Uniform(new SeededRandom(6), batch * channels);
        var y = new float[x.Length];

        SpatialDropout.Forward(y, x, mask, batch, positions, channels);

        for (int b = 0; b < batch; b++)
            for (int p = 0; p < positions; p++)
                for (int c = 0; c < channels; c++)
                {
                    int i = (b * positions + p) * channels + c;
                    Assert.Equal(x[i] * mask[b * channels + c], y[i]);
                }

        SpatialDropout.Backward(y, y, mask, batch, positions, channels); // in place
        Assert.Equal(x[0] * mask[0] * mask[0], y[0]);
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 + 1e-5 * Math.Abs(expected[i]),
                $"{what}: element {i}: expected {expected[i]:R}, found {actual[i]:R}");
        }
    }
}
