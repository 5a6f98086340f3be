using System;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>SeededRandom: a reproducible xoshiro256** stream, unbiased bounded integers and a uniform Fisher–Yates shuffle.</summary>
public sealed class SeededRandomTests
{
    /// <summary>
    /// The first outputs of xoshiro256** seeded through SplitMix64, from an independent Python transcription of the
    /// reference algorithms (SplitMix64 from seed 0 starts with 0xE220A8397B1DCDAF, its published first value).
    /// These pin the stream across machines and runtimes.
    /// </summary>
    [Theory]
    [InlineData(0L, 0x99ec5f36cb75f2b4UL, 0xbf6e1f784956452aUL, 0x1a5f849d4933e6e0UL)]
    [InlineData(42L, 0x15780b2e0c2ec716UL, 0x6104d9866d113a7eUL, 0xae17533239e499a1UL)]
    [InlineData(-1L, 0x8f5520d52a7ead08UL, 0xc476a018caa1802dUL, 0x81de31c0d260469eUL)]
    public void Stream_MatchesTheReferenceAlgorithm(long seed, ulong first, ulong second, ulong third)
    {
        var random = new SeededRandom(seed);

        Assert.Equal([first, second, third], new[] { random.NextUInt64(), random.NextUInt64(), random.NextUInt64() });
    }

    [Fact]
    public void SameSeed_SameStream_DifferentSeed_DifferentStream()
    {
        ulong[] Draw(long seed)
        {
            var random = new SeededRandom(seed);
            return Enumerable.Range(0, 1000).Select(_ => random.NextUInt64()).ToArray();
        }

        Assert.Equal(Draw(123), Draw(123));
        Assert.NotEqual(Draw(123), Draw(124));
        Assert.Empty(Draw(123).Intersect(Draw(124)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void NextInt32_StaysInBounds(int bound)
    {
        var random = new SeededRandom(bound);
        int max = -1;
        for (int i = 0; i < 20000; i++)
        {
            int value = random.NextInt32(bound);
            Assert.InRange(value, 0, bound - 1);
            max = Math.Max(max, value);
        }
        if (bound <= 1000) Assert.Equal(bound - 1, max); // the top value is reached
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void NextInt32_NonPositiveBound_Throws(int bound)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SeededRandom(1).NextInt32(bound));

        Assert.Contains($"found {bound}", error.Message);
    }

    /// <summary>Pearson's χ² over 100 000 draws, against the 0.1% critical value: deterministic, so never flaky.</summary>
    [Theory]
    [InlineData(3, 13.82)]
    [InlineData(10, 27.88)]
    [InlineData(7, 22.46)]
    public void NextInt32_IsRoughlyUniform(int bound, double critical)
    {
        const int Draws = 100_000;
        var random = new SeededRandom(bound * 31);
        var counts = new int[bound];
        for (int i = 0; i < Draws; i++) counts[random.NextInt32(bound)]++;

        double expected = (double)Draws / bound;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        Assert.True(chiSquare < critical, $"χ² = {chiSquare:F2} ≥ {critical} for counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void NextInt32_LargeBound_HasNoModuloBias()
    {
        // bound = 3·2^29: reducing 32 random bits modulo the bound would give the lower two thirds of the range 3
        // preimages each and the upper third 2, i.e. P(value < 2/3·bound) = 0.75 instead of 0.667.
        const int Bound = 3 << 29;
        const int Draws = 60_000;
        var random = new SeededRandom(5);
        int low = 0;
        for (int i = 0; i < Draws; i++)
        {
            if (random.NextInt32(Bound) < Bound / 3 * 2) low++;
        }

        Assert.InRange(low / (double)Draws, 2 / 3.0 - 0.01, 2 / 3.0 + 0.01);
    }

    [Fact]
    public void NextSingleAndNextDouble_AreInTheUnitInterval_WithMeanOneHalf()
    {
        var random = new SeededRandom(8);
        double sumSingle = 0, sumDouble = 0;
        for (int i = 0; i < 50_000; i++)
        {
            float s = random.NextSingle();
            double d = random.NextDouble();
            Assert.InRange(s, 0f, 0.99999994f);
            Assert.InRange(d, 0.0, 1.0 - 1e-17);
            sumSingle += s;
            sumDouble += d;
        }

        Assert.InRange(sumSingle / 50_000, 0.495, 0.505);
        Assert.InRange(sumDouble / 50_000, 0.495, 0.505);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    public void Shuffle_IsAPermutation(int length)
    {
        int[] values = Enumerable.Range(0, length).ToArray();

        new SeededRandom(3).Shuffle(values);

        Assert.Equal(Enumerable.Range(0, length), values.Order());
        if (length == 100) Assert.NotEqual(Enumerable.Range(0, length), values);
    }

    [Fact]
    public void Shuffle_SameSeed_SameOrder()
    {
        int[] a = Enumerable.Range(0, 50).ToArray(), b = Enumerable.Range(0, 50).ToArray(), c = Enumerable.Range(0, 50).ToArray();

        new SeededRandom(77).Shuffle(a);
        new SeededRandom(77).Shuffle(b);
        new SeededRandom(78).Shuffle(c);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Shuffle_GivesEveryPermutationOfThreeEqually()
    {
        const int Shuffles = 60_000;
        var random = new SeededRandom(4);
        var counts = new int[6];
        for (int i = 0; i < Shuffles; i++)
        {
            int[] values = [0, 1, 2];
            random.Shuffle(values);
            counts[values[0] * 2 + (values[1] > values[2] ? 1 : 0)]++;
        }

        double expected = Shuffles / 6.0;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 20.52, $"χ² = {chiSquare:F2} ≥ 20.52 (5 degrees of freedom, 0.1%) for counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void NextSingles_IsTheStreamOfNextSingle_AndLeavesTheSameState()
    {
        var one = new SeededRandom(11);
        var bulk = new SeededRandom(11);
        var expected = new float[1003];
        for (int i = 0; i < expected.Length; i++) expected[i] = one.NextSingle();
        var actual = new float[expected.Length];
        bulk.NextSingles(actual);

        Assert.Equal(expected, actual);
        Assert.Equal(one.NextUInt64(), bulk.NextUInt64()); // both generators continue from the same state
    }

    [Fact]
    public void DropoutMask_IsTheScalarRuleOverTheStream()
    {
        const float Rate = 0.3f;
        var mask = new float[1003]; // not a multiple of any vector width: the tail goes through the scalar loop
        NetGen.Kernels.Dropout.DrawMask(mask, Rate, new SeededRandom(5));
        var stream = new SeededRandom(5);
        for (int i = 0; i < mask.Length; i++)
            Assert.Equal(stream.NextSingle() >= Rate ? 1f / (1f - Rate) : 0f, mask[i]);
    }
}
