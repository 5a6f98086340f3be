using System;

namespace NetGen;

/// <summary>Fills weights the way Keras's initializers do (same distributions; the random stream is NetGen's own).</summary>
internal static class Initializers
{
    /// <summary>The std of a standard normal truncated at ±2 (Keras divides by it so that the truncated std is the intended one).</summary>
    internal const double TruncatedNormalStd = 0.87962566103423978;

    public static void Fill(Span<float> values, WeightInfo weight, SeededRandom random)
    {
        InitializerArguments arguments = weight.InitializerArguments ?? InitializerArguments.Default;
        int fanIn = Math.Max(1, weight.FanIn), fanOut = Math.Max(1, weight.FanOut);
        double fanAverage = Math.Max(1.0, (weight.FanIn + weight.FanOut) / 2.0);
        switch (weight.Initializer)
        {
            case Initializer.Zeros:
                values.Clear();
                break;
            case Initializer.Ones:
                values.Fill(1f);
                break;
            case Initializer.Constant:
                values.Fill((float)arguments.Value);
                break;
            // VarianceScaling(scale, mode, 'uniform'): U(−L, L) with L = √(3·scale/n).
            case Initializer.GlorotUniform:
                FillSymmetricUniform(values, Math.Sqrt(3.0 / fanAverage), random);
                break;
            case Initializer.HeUniform:
                FillSymmetricUniform(values, Math.Sqrt(6.0 / fanIn), random);
                break;
            case Initializer.LecunUniform:
                FillSymmetricUniform(values, Math.Sqrt(3.0 / fanIn), random);
                break;
            // VarianceScaling(scale, mode, 'truncated_normal'): std √(scale/n) after truncation at 2 stds.
            case Initializer.GlorotNormal:
                FillTruncatedNormal(values, Math.Sqrt(1.0 / fanAverage), random);
                break;
            case Initializer.HeNormal:
                FillTruncatedNormal(values, Math.Sqrt(2.0 / fanIn), random);
                break;
            case Initializer.LecunNormal:
                FillTruncatedNormal(values, Math.Sqrt(1.0 / fanIn), random);
                break;
            case Initializer.RandomUniform:
                FillUniform(values, arguments.MinVal, arguments.MaxVal, random);
                break;
            case Initializer.RandomNormal:
                for (int i = 0; i < values.Length; i++) values[i] = (float)(arguments.Mean + arguments.Stddev * StandardNormal(random));
                break;
            case Initializer.Orthogonal:
                FillOrthogonal(values, weight.Shape, arguments.Gain, random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(weight), weight.Initializer, "Unknown initializer.");
        }
        // Keras's LSTM unit_forget_bias: bias = [init(u), ones(u), init(2u)].
        if (arguments.UnitForgetBiasUnits > 0)
            values.Slice(arguments.UnitForgetBiasUnits, arguments.UnitForgetBiasUnits).Fill(1f);
    }

    private static void FillSymmetricUniform(Span<float> values, double limit, SeededRandom random)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)((2.0 * random.NextDouble() - 1.0) * limit);
    }

    private static void FillUniform(Span<float> values, double low, double high, SeededRandom random)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(low + (high - low) * random.NextDouble());
    }

    /// <summary>N(0, s) with s = <paramref name="std"/> / 0.8796…, values beyond 2s redrawn (Keras's truncated_normal).</summary>
    private static void FillTruncatedNormal(Span<float> values, double std, SeededRandom random)
    {
        double s = std / TruncatedNormalStd;
        for (int i = 0; i < values.Length; i++)
        {
            double z;
            do z = StandardNormal(random); while (Math.Abs(z) > 2.0);
            values[i] = (float)(s * z);
        }
    }

    /// <summary>
    /// Keras's Orthogonal: A ~ N(0, 1) of shape (max(rows, cols), min(rows, cols)), A = QR, Q ← Q·sign(diag R),
    /// transposed when rows &lt; cols, times the gain. Modified Gram–Schmidt in double gives exactly that Q (its R has
    /// a positive diagonal, so no sign flip is left to do).
    /// </summary>
    private static void FillOrthogonal(Span<float> values, int[] shape, double gain, SeededRandom random)
    {
        if (shape.Length < 2)
            throw new ArgumentException($"The orthogonal initializer needs a weight of rank 2 or more; found shape [{string.Join(", ", shape)}].", nameof(shape));
        int cols = shape[^1], rows = values.Length / cols;
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        // a[j] is column j of A (length m); Gram–Schmidt turns the columns into Q's.
        var a = new double[n][];
        for (int j = 0; j < n; j++)
        {
            a[j] = new double[m];
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++) a[j][i] = StandardNormal(random); // row-major draw order, as A's layout
        }
        for (int j = 0; j < n; j++)
        {
            double[] q = a[j];
            for (int k = 0; k < j; k++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += a[k][i] * q[i];
                for (int i = 0; i < m; i++) q[i] -= dot * a[k][i];
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += q[i] * q[i];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++) q[i] /= norm;
        }
        // Q is (m, n): element (i, j) = a[j][i]. The weight is Q (rows ≥ cols) or Qᵀ (rows < cols), row-major.
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
                values[r * cols + c] = (float)(gain * (rows >= cols ? a[c][r] : a[r][c]));
        }
    }

    /// <summary>A standard normal draw (Box–Muller, one value per pair of uniforms).</summary>
    private static double StandardNormal(SeededRandom random)
    {
        double u1 = 1.0 - random.NextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
