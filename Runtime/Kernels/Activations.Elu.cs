using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

public static partial class Activations
{
    /// <summary>SELU's α (Klambauer et al.; Keras's constant).</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU's scale (Klambauer et al.; Keras's constant).</summary>
    public const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>y = x if x &gt; 0 else eˣ − 1 (Keras's <c>elu</c>, α = 1), in place.</summary>
    public static void Elu(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            if (x <= 0f) values[i] = (float)ScalarMath.ExpM1(x);
        }
    }

    /// <summary>dx = dy where y ≥ 0, else dy · (y + 1) (= dy · eˣ), in place over <paramref name="gradient"/> (TF's EluGrad).</summary>
    public static void EluBackward(Span<float> gradient, ReadOnlySpan<float> output) => ExponentialLinearBackward(gradient, output, 1f, 1f);

    /// <summary>y = scale · (x if x &gt; 0 else α(eˣ − 1)) (Keras's <c>selu</c>), in place.</summary>
    public static void Selu(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            values[i] = x > 0f ? (float)(SeluScale * x) : (float)(SeluScale * SeluAlpha * ScalarMath.ExpM1(x));
        }
    }

    /// <summary>dx = dy · scale where y ≥ 0, else dy · (y + scale·α) (= dy · scale·α·eˣ), in place over <paramref name="gradient"/> (TF's SeluGrad).</summary>
    public static void SeluBackward(Span<float> gradient, ReadOnlySpan<float> output) =>
        ExponentialLinearBackward(gradient, output, (float)SeluScale, (float)(SeluScale * SeluAlpha));

    /// <summary>g ← g · (y &lt; 0 ? y + offset : positiveSlope): the derivative of ELU and SELU through their output.</summary>
    private static void ExponentialLinearBackward(Span<float> gradient, ReadOnlySpan<float> output, float positiveSlope, float offset)
    {
        CheckSameLength(gradient, output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float y = ref MemoryMarshal.GetReference(output);
        int n = gradient.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> slope = Vector256.Create(positiveSlope), shift = Vector256.Create(offset);
            for (; i + 8 <= n; i += 8)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref y, (nuint)i);
                Vector256<float> factor = Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<float>.Zero), v + shift, slope);
                (Vector256.LoadUnsafe(ref g, (nuint)i) * factor).StoreUnsafe(ref g, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> slope = Vector128.Create(positiveSlope), shift = Vector128.Create(offset);
            for (; i + 4 <= n; i += 4)
            {
                Vector128<float> v = Vector128.LoadUnsafe(ref y, (nuint)i);
                Vector128<float> factor = Vector128.ConditionalSelect(Vector128.LessThan(v, Vector128<float>.Zero), v + shift, slope);
                (Vector128.LoadUnsafe(ref g, (nuint)i) * factor).StoreUnsafe(ref g, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref y, i);
            Unsafe.Add(ref g, i) *= v < 0f ? v + offset : positiveSlope;
        }
    }
}
