using System;

namespace NetGen;

/// <summary>Fills weights the way Keras's initializers do (same distributions; the random stream is NetGen's own).</summary>
internal static class Initializers
{
    public static void Fill(Span<float> values, Initializer initializer, int fanIn, int fanOut, SeededRandom random)
    {
        switch (initializer)
        {
            case Initializer.Zeros:
                values.Clear();
                break;
            case Initializer.Ones:
                values.Fill(1f);
                break;
            case Initializer.GlorotUniform:
                FillUniform(values, Math.Sqrt(6.0 / Math.Max(1.0, fanIn + fanOut)), random);
                break;
            case Initializer.HeUniform:
                FillUniform(values, Math.Sqrt(6.0 / Math.Max(1, fanIn)), random);
                break;
            case Initializer.LecunUniform:
                FillUniform(values, Math.Sqrt(3.0 / Math.Max(1, fanIn)), random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer.");
        }
    }

    private static void FillUniform(Span<float> values, double limit, SeededRandom random)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)((2.0 * random.NextDouble() - 1.0) * limit);
    }
}
