using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

public static partial class Activations
{
    /// <summary>The slope of Keras's activation string <c>'leaky_relu'</c> (<c>tf.nn.leaky_relu</c>'s default).</summary>
    public const float LeakyReluActivationSlope = 0.2f;

    /// <summary>y = x if x &gt; 0 else <paramref name="alpha"/>·x, from <paramref name="input"/> into <paramref name="output"/> (which may be the same memory).</summary>
    public static void LeakyRelu(ReadOnlySpan<float> input, Span<float> output, float alpha)
    {
        CheckSameLength(output, input);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int n = input.Length, i = 0;
        // A select, not max(x, αx), so that slopes above 1 are right too (as tf.nn.leaky_relu).
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> a = Vector256.Create(alpha);
            for (; i + 8 <= n; i += 8)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref x, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * a).StoreUnsafe(ref y, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> a = Vector128.Create(alpha);
            for (; i + 4 <= n; i += 4)
            {
                Vector128<float> v = Vector128.LoadUnsafe(ref x, (nuint)i);
                Vector128.ConditionalSelect(Vector128.GreaterThan(v, Vector128<float>.Zero), v, v * a).StoreUnsafe(ref y, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref x, i);
            Unsafe.Add(ref y, i) = v > 0f ? v : v * alpha;
        }
    }

    /// <summary>
    /// dx = dy where y &gt; 0, else <paramref name="alpha"/>·dy, in place over <paramref name="gradient"/>. With α ≥ 0,
    /// y &gt; 0 exactly when x &gt; 0, so the derivative at 0 is α as in TF's LeakyReluGrad.
    /// </summary>
    public static void LeakyReluBackward(Span<float> gradient, ReadOnlySpan<float> output, float alpha)
    {
        CheckSameLength(gradient, output);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float y = ref MemoryMarshal.GetReference(output);
        int n = gradient.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> a = Vector256.Create(alpha), one = Vector256.Create(1f);
            for (; i + 8 <= n; i += 8)
            {
                Vector256<float> factor = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.LoadUnsafe(ref y, (nuint)i), Vector256<float>.Zero), one, a);
                (Vector256.LoadUnsafe(ref g, (nuint)i) * factor).StoreUnsafe(ref g, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> a = Vector128.Create(alpha), one = Vector128.Create(1f);
            for (; i + 4 <= n; i += 4)
            {
                Vector128<float> factor = Vector128.ConditionalSelect(Vector128.GreaterThan(Vector128.LoadUnsafe(ref y, (nuint)i), Vector128<float>.Zero), one, a);
                (Vector128.LoadUnsafe(ref g, (nuint)i) * factor).StoreUnsafe(ref g, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            if (!(Unsafe.Add(ref y, i) > 0f)) Unsafe.Add(ref g, i) *= alpha;
        }
    }
}
