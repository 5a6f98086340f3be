using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Tests.Runtime;

/// <summary>
/// <c>Simd.SumEach</c>, the Vector256 BackwardInput tiles' reduction of four accumulators at once, against
/// <see cref="Vector256.Sum{T}(Vector256{T})"/> of each, bit for bit: the leftover rows of a batch still reduce one
/// sum at a time, so any other order of additions would make a row's dx depend on the tile it fell in.
/// </summary>
public sealed class SimdSumTests
{
    [Fact]
    public void SumEach_IsVector256SumOfEachBitForBit()
    {
        var random = new Random(20261207);
        // Magnitudes over 12 decades and both signs: additions round differently in every association, so a
        // different order shows up in the bits (it did for the three other orders tried while writing SumEach).
        float Next() => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7)));
        Vector256<float> NextVector() => Vector256.Create(Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next());
        int mismatches = 0;
        string first = "";
        for (int trial = 0; trial < 200_000; trial++)
        {
            Vector256<float> a = NextVector(), b = NextVector(), c = NextVector(), d = NextVector();
            Vector128<float> sums = Simd.SumEach(a, b, c, d);
            float[] expected = { Vector256.Sum(a), Vector256.Sum(b), Vector256.Sum(c), Vector256.Sum(d) };
            for (int lane = 0; lane < 4; lane++)
            {
                if (BitConverter.SingleToInt32Bits(sums[lane]) == BitConverter.SingleToInt32Bits(expected[lane])) continue;
                if (mismatches++ == 0) first = $"trial {trial}, lane {lane}: {sums[lane]:R}, Vector256.Sum gives {expected[lane]:R}";
            }
        }
        Assert.True(mismatches == 0, $"{mismatches} sums differ from Vector256.Sum; first: {first}");
    }

    [Fact]
    public void SumEach_KeepsSpecialValues()
    {
        Vector256<float> ones = Vector256.Create(1f);
        Vector256<float> nan = Vector256.Create(1f, 2f, float.NaN, 4f, 5f, 6f, 7f, 8f);
        Vector256<float> infinite = Vector256.Create(1f, float.PositiveInfinity, 0f, 0f, 0f, 0f, 0f, 0f);
        Vector256<float> negativeZeros = Vector256.Create(-0f);
        Vector128<float> sums = Simd.SumEach(ones, nan, infinite, negativeZeros);
        Assert.Equal(8f, sums[0]);
        Assert.True(float.IsNaN(sums[1]));
        Assert.Equal(float.PositiveInfinity, sums[2]);
        // Vector256.Sum keeps −0 in hardware but gives +0 in its software fallback (DOTNET_EnableHWIntrinsic=0):
        // SumEach must agree with whichever the path gives, since both reduce dx rows.
        float expected = Vector256.Sum(negativeZeros);
        Assert.True(sums[3] == 0f && float.IsNegative(sums[3]) == float.IsNegative(expected),
            $"−0 summed to {sums[3]:R}, Vector256.Sum gives {expected:R}");
    }
}
