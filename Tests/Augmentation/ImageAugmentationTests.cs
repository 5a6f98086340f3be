using System;
using System.Linq;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.Augmentation;

/// <summary>
/// ImageAugmentation (keras-reference §10): the affine resample (output pixel → input position, bilinear, scipy's fill
/// modes), NetGen's axes (WidthShiftRange moves along the width, unlike Keras), flips after the resample, rescale
/// last, seeded determinism, no allocation per batch, and argument checks. Expectations are computed by hand: small
/// images whose rotations/shifts are index permutations, and linear images, which bilinear interpolation reproduces
/// exactly at any position inside the image.
/// </summary>
public sealed class ImageAugmentationTests
{
    /// <summary>A 1-channel image with value 10·row + col (asymmetric, every value distinct).</summary>
    private static float[] Indexed(int height, int width)
    {
        var image = new float[height * width];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++) image[r * width + c] = 10 * r + c;
        return image;
    }

    private static float[] Transform(float[] image, int height, int width, ImageTransform t,
        FillMode mode = FillMode.Nearest, float cval = 0, int channels = 1)
    {
        float[] result = (float[])image.Clone();
        AffineResampler.Apply(result, new float[image.Length], height, width, channels, t, mode, cval);
        return result;
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"at {i}: expected {expected[i]}, found {actual[i]}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Rotation90_IsNumpyRot90_CounterClockwise(int n)
    {
        float[] image = Indexed(n, n);
        float[] expected = new float[n * n];
        // np.rot90: out[y][x] = in[x][n − 1 − y].
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) expected[y * n + x] = image[x * n + (n - 1 - y)];

        AssertClose(expected, Transform(image, n, n, new ImageTransform(Theta: 90)));
    }

    [Fact]
    public void RotationMinus90_IsClockwise_And180_IsBothFlips()
    {
        const int n = 4;
        float[] image = Indexed(n, n);
        float[] clockwise = new float[n * n], halfTurn = new float[n * n];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                clockwise[y * n + x] = image[(n - 1 - x) * n + y];
                halfTurn[y * n + x] = image[(n - 1 - y) * n + (n - 1 - x)];
            }

        AssertClose(clockwise, Transform(image, n, n, new ImageTransform(Theta: -90)));
        AssertClose(halfTurn, Transform(image, n, n, new ImageTransform(Theta: 180)));
    }

    [Fact]
    public void IntegerShifts_MovePixelsExactly_AlongTheirOwnAxis_WithNearestFillAtTheBorder()
    {
        // 4 rows × 5 columns: not square, so swapped axes (Keras's bug) would read out of the wrong dimension.
        const int h = 4, w = 5;
        float[] image = Indexed(h, w);

        float[] right = Transform(image, h, w, new ImageTransform(Tx: 2));
        float[] down = Transform(image, h, w, new ImageTransform(Ty: -1));
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                Assert.Equal(10 * r + Math.Min(c + 2, w - 1), right[r * w + c]);
                Assert.Equal(10 * Math.Max(r - 1, 0) + c, down[r * w + c]);
            }
    }

    [Fact]
    public void ConstantFill_UsesCval_OutsideTheImage()
    {
        const int h = 3, w = 4;
        float[] shifted = Transform(Indexed(h, w), h, w, new ImageTransform(Tx: -1, Ty: 1), FillMode.Constant, cval: -7);
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                float expected = c - 1 < 0 || r + 1 >= h ? -7 : 10 * (r + 1) + (c - 1);
                Assert.Equal(expected, shifted[r * w + c]);
            }
    }

    [Fact]
    public void FillModes_AtWholePixelPositionsOutside_FollowScipysPatterns()
    {
        // A row 0 1 2 3 4 zoomed out by 2 along the width reads positions −2, 0, 2, 4, 6.
        float[] row = [0, 1, 2, 3, 4];
        var zoomOut = new ImageTransform(Zx: 2);
        Assert.Equal([0, 0, 2, 4, 4], Transform(row, 1, 5, zoomOut, FillMode.Nearest));
        Assert.Equal([9, 0, 2, 4, 9], Transform(row, 1, 5, zoomOut, FillMode.Constant, cval: 9));
        // Reflect (d c b a | a b c d | d c b a): −2 → 1, 6 → 3.
        Assert.Equal([1, 0, 2, 4, 3], Transform(row, 1, 5, zoomOut, FillMode.Reflect));
        // scipy's 'wrap' repeats with period n − 1 = 4: −2 → 2, 6 → 2.
        Assert.Equal([2, 0, 2, 4, 2], Transform(row, 1, 5, zoomOut, FillMode.Wrap));
    }

    [Fact]
    public void ZoomIn_ByTwo_InterpolatesBetweenPixels()
    {
        // Zx = 0.5 reads positions 1, 1.5, 2, 2.5, 3 about the centre column 2.
        Assert.Equal([1, 1.5f, 2, 2.5f, 3], Transform([0, 1, 2, 3, 4], 1, 5, new ImageTransform(Zx: 0.5)));
    }

    [Fact]
    public void Bilinear_AtHalfAndQuarterPixels_IsTheHandComputedAverage()
    {
        // Rows [1 3 9] and [2 6 20]; a shift of half a pixel each way averages 2×2 neighbourhoods (edges clamp).
        float[] image = [1, 3, 9, 2, 6, 20];
        Assert.Equal(
            [(1 + 3 + 2 + 6) / 4f, (3 + 9 + 6 + 20) / 4f, (9 + 20) / 2f, (2 + 6) / 2f, (6 + 20) / 2f, 20],
            Transform(image, 2, 3, new ImageTransform(Tx: 0.5, Ty: 0.5)));
        float[] quarter = Transform(image, 2, 3, new ImageTransform(Tx: 0.25));
        Assert.Equal(0.75f * 1 + 0.25f * 3, quarter[0]);
        Assert.Equal(0.75f * 6 + 0.25f * 20, quarter[4]);
    }

    [Fact]
    public void Shear45_OfALinearImage_IsTheLinearFunctionAtTheShearedPosition()
    {
        // v = 3·row + col is reproduced exactly by bilinear interpolation. Shear s: input x = dx − sin(s)·dy + cx,
        // input y = cos(s)·dy + cy. Output (row 0, col 1): dx = 0, dy = −1 → x = 1 + √½, y = 1 − √½.
        float[] image = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        float[] sheared = Transform(image, 3, 3, new ImageTransform(Shear: 45));
        double h = Math.Sqrt(0.5);
        Assert.Equal(3 * (1 - h) + (1 + h), sheared[1], tolerance: 1e-5);
        Assert.Equal([3, 4, 5], sheared[3..6]); // the centre row does not move
    }

    [Fact]
    public void Rotation30_OfALinearImage_IsTheLinearFunctionAtTheRotatedPosition()
    {
        // input = R(θ)·(out − c) + c with R = [[cos, −sin], [sin, cos]] in (x, y); check the pixels that land inside.
        const int n = 7;
        float[] image = new float[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) image[r * n + c] = 3 * r + c;
        float[] rotated = Transform(image, n, n, new ImageTransform(Theta: 30));
        double cos = Math.Cos(Math.PI / 6), sin = Math.Sin(Math.PI / 6), centre = 3;
        int inside = 0;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double ix = cos * (x - centre) - sin * (y - centre) + centre, iy = sin * (x - centre) + cos * (y - centre) + centre;
                if (ix < 0 || ix > n - 1 || iy < 0 || iy > n - 1) continue;
                inside++;
                Assert.Equal(3 * iy + ix, rotated[y * n + x], tolerance: 1e-4);
            }
        Assert.True(inside > 30);
    }

    [Fact]
    public void HorizontalFlip_ReversesColumns_KeepingChannelOrder_AndVerticalFlipReversesRows()
    {
        // 2 rows × 3 columns × 2 channels: pixel (r, c) = (10r + c, −(10r + c)).
        const int h = 2, w = 3;
        float[] image = new float[h * w * 2];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++) (image[(r * w + c) * 2], image[(r * w + c) * 2 + 1]) = (10 * r + c, -(10 * r + c));

        float[] flipped = Transform(image, h, w, new ImageTransform(FlipHorizontal: true), channels: 2);
        float[] upsideDown = Transform(image, h, w, new ImageTransform(FlipVertical: true), channels: 2);
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                Assert.Equal(10 * r + (w - 1 - c), flipped[(r * w + c) * 2]);
                Assert.Equal(-(10 * r + (w - 1 - c)), flipped[(r * w + c) * 2 + 1]);
                Assert.Equal(10 * (h - 1 - r) + c, upsideDown[(r * w + c) * 2]);
            }
    }

    [Fact]
    public void FlipAfterShift_IsTheFlipOfTheShiftedImage()
    {
        const int h = 3, w = 5;
        float[] shifted = Transform(Indexed(h, w), h, w, new ImageTransform(Tx: 1));
        float[] both = Transform(Indexed(h, w), h, w, new ImageTransform(Tx: 1, FlipHorizontal: true));
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++) Assert.Equal(shifted[r * w + (w - 1 - c)], both[r * w + c]);
    }

    [Fact]
    public void PublicHorizontalFlip_FlipsAboutHalfTheImages_AndNothingElse()
    {
        const int count = 400, h = 2, w = 3;
        float[] one = Indexed(h, w);
        float[] batch = Enumerable.Range(0, count).SelectMany(_ => one).ToArray();
        new ImageAugmentation(horizontalFlip: true, seed: 3).Apply(batch, count, h, w, 1);
        float[] reversed = Transform(one, h, w, new ImageTransform(FlipHorizontal: true));
        int flips = 0;
        for (int i = 0; i < count; i++)
        {
            float[] image = batch[(i * h * w)..((i + 1) * h * w)];
            if (image.SequenceEqual(reversed)) flips++;
            else Assert.Equal(one, image);
        }
        Assert.InRange(flips, 150, 250);
    }

    [Fact]
    public void WidthShiftRange_ShiftsAlongTheWidth_HeightShiftRange_AlongTheHeight()
    {
        // Columns 0..7, constant down each column (8 rows × 8 columns: square, where Keras's swap would show most plainly).
        const int n = 8, count = 50;
        float[] columns = new float[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) columns[r * n + c] = c;
        float[] batch = Enumerable.Range(0, count).SelectMany(_ => columns).ToArray();

        // A vertical shift of a vertically constant image changes nothing (Keras's height_shift_range would shift it sideways).
        float[] vertical = (float[])batch.Clone();
        new ImageAugmentation(heightShiftRange: 0.3, seed: 1).Apply(vertical, count, n, n, 1);
        Assert.Equal(batch, vertical);

        // A horizontal shift changes it, but every column stays constant from top to bottom.
        float[] horizontal = (float[])batch.Clone();
        new ImageAugmentation(widthShiftRange: 0.3, seed: 1).Apply(horizontal, count, n, n, 1);
        Assert.NotEqual(batch, horizontal);
        for (int i = 0; i < count; i++)
            for (int r = 1; r < n; r++)
                for (int c = 0; c < n; c++) Assert.Equal(horizontal[i * n * n + c], horizontal[i * n * n + r * n + c]);
    }

    [Theory]
    [InlineData(FillMode.Nearest)]
    [InlineData(FillMode.Reflect)]
    [InlineData(FillMode.Wrap)]
    [InlineData(FillMode.Constant)]
    public void ConstantImage_StaysConstant_UnderZoomRotationShearAndShift(FillMode mode)
    {
        const int n = 9, count = 20;
        float[] batch = Enumerable.Repeat(0.625f, count * n * n).ToArray();
        new ImageAugmentation(rotationRange: 40, widthShiftRange: 0.2, heightShiftRange: 0.2, shearRange: 20,
            zoomRange: (0.5, 1.5), fillMode: mode, cval: 0.625f, seed: 5).Apply(batch, count, n, n, 1);
        foreach (float v in batch) Assert.Equal(0.625f, v, 6);
    }

    [Fact]
    public void Rescale_MultipliesAfterAugmenting_SoCvalIsInRawUnits()
    {
        float[] batch = [2, 4, 6, 8];
        new ImageAugmentation(rescale: 0.5f).Apply(batch, 1, 2, 2, 1);
        Assert.Equal([1, 2, 3, 4], batch);

        // A 50-pixel shift of a 3×3 image leaves only fill: cval 10 rescaled by 0.1.
        float[] filled = Indexed(3, 3);
        new ImageAugmentation(widthShiftRange: 50, fillMode: FillMode.Constant, cval: 10, rescale: 0.1f, seed: 2).Apply(filled, 1, 3, 3, 1);
        Assert.All(filled, v => Assert.Equal(1f, v, 6));
    }

    [Fact]
    public void DrawnParameters_StayInTheirRanges_AndZoomAxesAreIndependent()
    {
        var augmentation = new ImageAugmentation(rotationRange: 15, widthShiftRange: 0.25, heightShiftRange: 3,
            zoomRange: 0.2, seed: 11);
        double maxTheta = 0, maxTx = 0, maxTy = 0;
        int zoomDiffers = 0;
        for (int i = 0; i < 2000; i++)
        {
            ImageTransform t = augmentation.NextTransform(height: 20, width: 40);
            Assert.InRange(t.Theta, -15, 15);
            Assert.InRange(t.Tx, -0.25 * 40, 0.25 * 40); // a fraction of the width
            Assert.InRange(t.Ty, -3, 3);                 // pixels
            Assert.InRange(t.Zx, 0.8, 1.2);
            Assert.InRange(t.Zy, 0.8, 1.2);
            Assert.False(t.FlipHorizontal || t.FlipVertical);
            maxTheta = Math.Max(maxTheta, Math.Abs(t.Theta));
            maxTx = Math.Max(maxTx, Math.Abs(t.Tx));
            maxTy = Math.Max(maxTy, Math.Abs(t.Ty));
            if (Math.Abs(t.Zx - t.Zy) > 0.05) zoomDiffers++;
        }
        Assert.True(maxTheta > 14.5 && maxTx > 9.5 && maxTy > 2.9, $"ranges not covered: {maxTheta}, {maxTx}, {maxTy}");
        Assert.True(zoomDiffers > 1000, $"zx and zy differed by more than 0.05 only {zoomDiffers} times in 2000");
    }

    [Fact]
    public void SameSeed_GivesTheSameBatches_OtherSeed_OtherBatches()
    {
        float[] Run(int seed)
        {
            var augmentation = new ImageAugmentation(rotationRange: 20, widthShiftRange: 0.1, heightShiftRange: 0.1,
                zoomRange: 0.1, horizontalFlip: true, seed: seed);
            float[] all = new float[3 * 4 * 28 * 28];
            for (int batch = 0; batch < 3; batch++)
            {
                Span<float> images = all.AsSpan(batch * 4 * 28 * 28, 4 * 28 * 28);
                for (int i = 0; i < images.Length; i++) images[i] = (i * 37 % 255) / 255f;
                augmentation.Apply(images, 4, [28, 28]);
            }
            return all;
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void RandomState_RestoresTheStream()
    {
        var augmentation = new ImageAugmentation(rotationRange: 20, zoomRange: 0.1, seed: 4);
        augmentation.NextTransform(5, 5);
        ulong[] state = augmentation.GetRandomState();
        ImageTransform next = augmentation.NextTransform(5, 5);

        var resumed = new ImageAugmentation(rotationRange: 20, zoomRange: 0.1, seed: 99);
        resumed.SetRandomState(state);
        Assert.Equal(next, resumed.NextTransform(5, 5));
    }

    [Fact]
    public void SampleShapeOverload_TreatsRank2AsOneChannel()
    {
        float[] a = Indexed(6, 6).Concat(Indexed(6, 6)).ToArray(), b = (float[])a.Clone();
        new ImageAugmentation(rotationRange: 30, seed: 1).Apply(a, 2, [6, 6]);
        new ImageAugmentation(rotationRange: 30, seed: 1).Apply(b, 2, 6, 6, 1);
        Assert.Equal(b, a);
        Assert.NotEqual(Indexed(6, 6), a[..36]);
    }

    [Fact]
    public void ApplyingManyBatches_AllocatesNothing()
    {
        var augmentation = new ImageAugmentation(rotationRange: 10, widthShiftRange: 0.1, heightShiftRange: 0.1,
            shearRange: 5, zoomRange: 0.1, horizontalFlip: true, verticalFlip: true, rescale: 1 / 255f, seed: 1);
        float[] batch = new float[32 * 28 * 28];
        int[] shape = [28, 28];
        SteadyState.AssertSomeRunAllocatesNothing(() =>
        {
            for (int i = 0; i < 50; i++) augmentation.Apply(batch, 32, shape);
        }, "50 augmented batches");
    }

    [Fact]
    public void BadArguments_ThrowWithTheParameterNamed()
    {
        Assert.Equal("rotationRange", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(rotationRange: -1)).ParamName);
        Assert.Equal("widthShiftRange", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(widthShiftRange: double.NaN)).ParamName);
        Assert.Equal("heightShiftRange", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(heightShiftRange: -0.1)).ParamName);
        Assert.Equal("shearRange", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(shearRange: double.PositiveInfinity)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(zoomRange: 1.0));  // [0, 2] allows a zero factor
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(zoomRange: -0.1));
        Assert.Equal("zoomRange", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(zoomRange: (1.2, 0.8))).ParamName);
        Assert.Equal("zoomRange", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(zoomRange: (0.0, 1.0))).ParamName);
        Assert.Equal("rescale", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(rescale: 0f)).ParamName);
        Assert.Equal("fillMode", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(fillMode: (FillMode)17)).ParamName);
        Assert.Equal("cval", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(cval: float.NaN)).ParamName);

        var augmentation = new ImageAugmentation(rotationRange: 10);
        var wrongLength = Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[100], 2, 7, 7, 1));
        Assert.Contains("Expected 2 images of 7×7×1 (98 values); found 100 values", wrongLength.Message);
        var wrongRank = Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[784], 1, [784]));
        Assert.Contains("(height, width) or (height, width, channels); found (784)", wrongRank.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => augmentation.Apply(new float[0], 1, 0, 7, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => augmentation.Apply(new float[0], -1, 7, 7, 1));
    }

    [Fact]
    public void ZoomRange_ScalarAndPairForms()
    {
        Assert.Equal(new ZoomRange(0.75, 1.25), (ZoomRange)0.25);
        Assert.Equal(new ZoomRange(0.8, 1.0), (ZoomRange)(0.8, 1.0));
        Assert.Equal(ZoomRange.None, new ImageAugmentation().ZoomRange);
        Assert.Equal(ZoomRange.None, new ImageAugmentation(zoomRange: 0).ZoomRange);
    }
}
