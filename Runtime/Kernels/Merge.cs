using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// The merge layers' kernels (Keras's <c>Add</c>, <c>Subtract</c>, <c>Multiply</c>, <c>Average</c>, <c>Maximum</c>,
/// <c>Minimum</c>, <c>Concatenate</c>) and the gradient accumulation of a tensor read by several layers. Elementwise
/// loops run over <see cref="Vector{T}"/>; the output may be the same memory as an input.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Merge
{
    /// <summary><c>y = a + b</c>.</summary>
    public static void Add(Span<float> y, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Binary<AddOp>(y, a, b);

    /// <summary><c>y += x</c>: a second contribution to a gradient (the same kernel as <see cref="PartialSums.AddTo"/>).</summary>
    public static void AddTo(Span<float> y, ReadOnlySpan<float> x) => PartialSums.AddTo(y, x);

    /// <summary><c>y = a − b</c>.</summary>
    public static void Subtract(Span<float> y, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Binary<SubtractOp>(y, a, b);

    /// <summary><c>y = a ⊙ b</c>.</summary>
    public static void Multiply(Span<float> y, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Binary<MultiplyOp>(y, a, b);

    /// <summary><c>y = max(a, b)</c>.</summary>
    public static void Maximum(Span<float> y, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Binary<MaximumOp>(y, a, b);

    /// <summary><c>y = min(a, b)</c>.</summary>
    public static void Minimum(Span<float> y, ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Binary<MinimumOp>(y, a, b);

    /// <summary><c>y = factor · x</c> (Average's 1/n, Subtract's −1 for its second input).</summary>
    public static void Scale(Span<float> y, ReadOnlySpan<float> x, float factor)
    {
        CheckLength(y.Length, x.Length);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref float xRef = ref MemoryMarshal.GetReference(x);
        int i = 0;
        var f = new Vector<float>(factor);
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref xRef, (nuint)i) * f, ref yRef, (nuint)i);
        for (; i < x.Length; i++) Unsafe.Add(ref yRef, i) = Unsafe.Add(ref xRef, i) * factor;
    }

    /// <summary>
    /// The gradient Maximum and Minimum pass to one input: <c>dx = dy</c> where <paramref name="x"/> holds the output
    /// <paramref name="y"/>, else 0. Keras merges pairwise and ties go to the earlier input, so follow with
    /// <see cref="Unclaim"/> for every earlier input.
    /// </summary>
    public static void Claim(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> y, ReadOnlySpan<float> x)
    {
        CheckLength(dx.Length, dy.Length);
        CheckLength(y.Length, dy.Length);
        CheckLength(x.Length, dy.Length);
        for (int i = 0; i < dy.Length; i++) dx[i] = x[i] == y[i] ? dy[i] : 0f;
    }

    /// <summary>Zeroes <paramref name="dx"/> where the earlier input <paramref name="earlier"/> holds the output (it took the tie).</summary>
    public static void Unclaim(Span<float> dx, ReadOnlySpan<float> y, ReadOnlySpan<float> earlier)
    {
        CheckLength(y.Length, dx.Length);
        CheckLength(earlier.Length, dx.Length);
        for (int i = 0; i < dx.Length; i++)
        {
            if (earlier[i] == y[i]) dx[i] = 0f;
        }
    }

    /// <summary>
    /// Concatenate's forward for one input: its <paramref name="width"/> values of each of <paramref name="rows"/> rows go
    /// to columns [<paramref name="offset"/>, offset + width) of the <paramref name="outputWidth"/>-wide output rows.
    /// </summary>
    public static void CopyColumns(Span<float> output, int outputWidth, int offset, ReadOnlySpan<float> input, int width, int rows)
    {
        CheckLength(output.Length, rows * outputWidth);
        CheckLength(input.Length, rows * width);
        for (int r = 0; r < rows; r++)
            input.Slice(r * width, width).CopyTo(output.Slice(r * outputWidth + offset, width));
    }

    /// <summary>Concatenate's backward for one input: columns [<paramref name="offset"/>, offset + width) of the gradient rows.</summary>
    public static void SliceColumns(Span<float> inputGradient, int width, ReadOnlySpan<float> outputGradient, int outputWidth, int offset, int rows)
    {
        CheckLength(outputGradient.Length, rows * outputWidth);
        CheckLength(inputGradient.Length, rows * width);
        for (int r = 0; r < rows; r++)
            outputGradient.Slice(r * outputWidth + offset, width).CopyTo(inputGradient.Slice(r * width, width));
    }

    private static void Binary<TOp>(Span<float> y, ReadOnlySpan<float> a, ReadOnlySpan<float> b) where TOp : struct, IBinaryOp
    {
        CheckLength(y.Length, a.Length);
        CheckLength(b.Length, a.Length);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float bRef = ref MemoryMarshal.GetReference(b);
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            Vector.StoreUnsafe(TOp.Apply(Vector.LoadUnsafe(ref aRef, (nuint)i), Vector.LoadUnsafe(ref bRef, (nuint)i)), ref yRef, (nuint)i);
        for (; i < a.Length; i++) Unsafe.Add(ref yRef, i) = TOp.Apply(Unsafe.Add(ref aRef, i), Unsafe.Add(ref bRef, i));
    }

    private static void CheckLength(int actual, int expected)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected buffers of {expected} values; found {actual}.");
    }

    private interface IBinaryOp
    {
        static abstract Vector<float> Apply(Vector<float> a, Vector<float> b);

        static abstract float Apply(float a, float b);
    }

    private readonly struct AddOp : IBinaryOp
    {
        public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a + b;

        public static float Apply(float a, float b) => a + b;
    }

    private readonly struct SubtractOp : IBinaryOp
    {
        public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a - b;

        public static float Apply(float a, float b) => a - b;
    }

    private readonly struct MultiplyOp : IBinaryOp
    {
        public static Vector<float> Apply(Vector<float> a, Vector<float> b) => a * b;

        public static float Apply(float a, float b) => a * b;
    }

    // Keras's maximum/minimum of finite values; a NaN input is not defined here (the data checks reject NaN).
    private readonly struct MaximumOp : IBinaryOp
    {
        public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Vector.Max(a, b);

        public static float Apply(float a, float b) => a >= b ? a : b;
    }

    private readonly struct MinimumOp : IBinaryOp
    {
        public static Vector<float> Apply(Vector<float> a, Vector<float> b) => Vector.Min(a, b);

        public static float Apply(float a, float b) => a <= b ? a : b;
    }
}
