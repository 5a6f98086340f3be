using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// Activation functions and their backward passes, in place over a batch of rows. Backward functions turn the
/// gradient with respect to the activation's output into the gradient with respect to its input, using the output
/// where the derivative is expressible through it, else the input (GELU, swish).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Activations
{
    /// <summary>y = max(x, 0), in place.</summary>
    public static void Relu(Span<float> values)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        int n = values.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
                Vector256.Max(Vector256.LoadUnsafe(ref v, (nuint)i), Vector256<float>.Zero).StoreUnsafe(ref v, (nuint)i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
                Vector128.Max(Vector128.LoadUnsafe(ref v, (nuint)i), Vector128<float>.Zero).StoreUnsafe(ref v, (nuint)i);
        }
        for (; i < n; i++)
            Unsafe.Add(ref v, i) = MathF.Max(Unsafe.Add(ref v, i), 0f);
    }

    /// <summary>dx = dy where y &gt; 0, else 0 (Keras: the derivative at 0 is 0), in place over <paramref name="gradient"/>.</summary>
    public static void ReluBackward(Span<float> gradient, ReadOnlySpan<float> output)
    {
        CheckSameLength(gradient, output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float y = ref MemoryMarshal.GetReference(output);
        int n = gradient.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref y, (nuint)i), Vector256<float>.Zero);
                (Vector256.LoadUnsafe(ref g, (nuint)i) & positive).StoreUnsafe(ref g, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= n; i += 4)
            {
                var positive = Vector128.GreaterThan(Vector128.LoadUnsafe(ref y, (nuint)i), Vector128<float>.Zero);
                (Vector128.LoadUnsafe(ref g, (nuint)i) & positive).StoreUnsafe(ref g, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            if (!(Unsafe.Add(ref y, i) > 0f)) Unsafe.Add(ref g, i) = 0f;
        }
    }

    /// <summary>y = 1 / (1 + e^-x), computed without overflow for large |x|, in place (vectorized: <see cref="VectorMath"/>).</summary>
    public static void Sigmoid(Span<float> values)
    {
        if (VectorMath.TryApply(values, VectorMath.Function.Sigmoid)) return;
        for (int i = 0; i < values.Length; i++) values[i] = Sigmoid(values[i]);
    }

    /// <summary>The logistic function, stable for both signs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x)
    {
        if (x >= 0f) return 1f / (1f + MathF.Exp(-x));
        float e = MathF.Exp(x);
        return e / (1f + e);
    }

    /// <summary>dx = dy · y(1 − y), in place over <paramref name="gradient"/>.</summary>
    public static void SigmoidBackward(Span<float> gradient, ReadOnlySpan<float> output)
    {
        CheckSameLength(gradient, output);
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= output[i] * (1f - output[i]);
    }

    /// <summary>y = tanh(x), in place (vectorized: <see cref="VectorMath"/>).</summary>
    public static void Tanh(Span<float> values)
    {
        if (VectorMath.TryApply(values, VectorMath.Function.Tanh)) return;
        for (int i = 0; i < values.Length; i++) values[i] = MathF.Tanh(values[i]);
    }

    /// <summary>dx = dy · (1 − y²), in place over <paramref name="gradient"/>.</summary>
    public static void TanhBackward(Span<float> gradient, ReadOnlySpan<float> output)
    {
        CheckSameLength(gradient, output);
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= 1f - output[i] * output[i];
    }

    /// <summary>Row-wise softmax of <paramref name="logits"/> into <paramref name="probabilities"/> (which may be the same memory).</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities, int units)
    {
        CheckRows(logits.Length, units);
        CheckSameLength(probabilities, logits);
        for (int row = 0; row < logits.Length; row += units)
        {
            ReadOnlySpan<float> z = logits.Slice(row, units);
            Span<float> p = probabilities.Slice(row, units);
            float max = z[0];
            for (int j = 1; j < units; j++) max = MathF.Max(max, z[j]);
            double sum = 0;
            for (int j = 0; j < units; j++)
            {
                float e = MathF.Exp(z[j] - max);
                p[j] = e;
                sum += e;
            }
            float inverse = (float)(1.0 / sum);
            for (int j = 0; j < units; j++) p[j] *= inverse;
        }
    }

    /// <summary>Row-wise softmax backward, dx = y ⊙ (dy − Σ dy ⊙ y), in place over <paramref name="gradient"/>.</summary>
    public static void SoftmaxBackward(Span<float> gradient, ReadOnlySpan<float> output, int units)
    {
        CheckRows(gradient.Length, units);
        CheckSameLength(gradient, output);
        for (int row = 0; row < gradient.Length; row += units)
        {
            Span<float> g = gradient.Slice(row, units);
            ReadOnlySpan<float> y = output.Slice(row, units);
            double dot = 0;
            for (int j = 0; j < units; j++) dot += (double)g[j] * y[j];
            for (int j = 0; j < units; j++) g[j] = (float)(y[j] * (g[j] - dot));
        }
    }

    private static void CheckSameLength(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"Expected buffers of equal length; found {a.Length} and {b.Length}.");
    }

    internal static void CheckRows(int length, int units)
    {
        if (units <= 0 || length % units != 0)
            throw new ArgumentException($"Expected a whole number of rows of {units} values; found {length} values.");
    }
}
