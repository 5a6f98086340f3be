using System;

namespace NetGen;

/// <summary>
/// A small, seedable, platform-independent random generator (xoshiro256**, seeded through SplitMix64).
/// The same seed gives the same stream on every machine and runtime, which <see cref="System.Random"/> does not promise.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a seed.</summary>
    public SeededRandom(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A float uniformly distributed in [0, 1), with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>
    /// Fills <paramref name="values"/> with the numbers as many <see cref="NextSingle"/> calls would return, in order,
    /// with the state in registers for the whole loop: a dropout mask draws one per activation, every training step.
    /// </summary>
    public void NextSingles(Span<float> values)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < values.Length; i++)
        {
            ulong result = RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);
            values[i] = (result >> 40) * (1.0f / (1 << 24));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>A double uniformly distributed in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniformly distributed in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt32(int maxExclusive)
    {
        if (maxExclusive <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"Expected a positive bound; found {maxExclusive}.");
        // Lemire's multiply-shift with rejection of the biased low range.
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64() >> 32;
            ulong m = r * bound;
            if ((m & 0xFFFFFFFFUL) >= threshold)
                return (int)(m >> 32);
        }
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>The generator's state (four words), for training checkpoints.</summary>
    internal ulong[] GetState() => [_s0, _s1, _s2, _s3];

    /// <summary>Writes the state <see cref="GetState"/> returns into <paramref name="state"/> (four words), allocating nothing.</summary>
    internal void CopyStateTo(Span<ulong> state)
    {
        state[0] = _s0;
        state[1] = _s1;
        state[2] = _s2;
        state[3] = _s3;
    }

    /// <summary>Restores a state returned by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">Not four words, or all zero (a state xoshiro256** never reaches).</exception>
    internal void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4)
            throw new ArgumentException($"Expected 4 state words; found {state.Length}.", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("An all-zero state is not a valid xoshiro256** state.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
