using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// The geometry of a pooling layer over channels-last feature maps (batch, height, width, channels): the input, the
/// window, the steps between windows, the padding before the first row and column, and the output. A 1-D layer is
/// the case height = pool height = 1; a global layer is one window over the whole input.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PoolGeometry
{
    /// <summary>Describes one pooling layer; every size must be positive and the paddings 0 or more.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or a padding is negative.</exception>
    public PoolGeometry(int height, int width, int channels, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
        int padTop, int padLeft, int outputHeight, int outputWidth)
    {
        if (height <= 0 || width <= 0 || channels <= 0 || poolHeight <= 0 || poolWidth <= 0 || strideHeight <= 0 || strideWidth <= 0
            || outputHeight <= 0 || outputWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), "Every size of a pooling layer must be positive.");
        if (padTop < 0 || padLeft < 0) throw new ArgumentOutOfRangeException(nameof(padTop), "A padding cannot be negative.");
        Height = height;
        Width = width;
        Channels = channels;
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
    }

    /// <summary>The input's height (1 for sequences).</summary>
    public int Height { get; }

    /// <summary>The input's width (the steps of a sequence).</summary>
    public int Width { get; }

    /// <summary>The channels, the same in the input and the output.</summary>
    public int Channels { get; }

    /// <summary>The window's height.</summary>
    public int PoolHeight { get; }

    /// <summary>The window's width.</summary>
    public int PoolWidth { get; }

    /// <summary>The rows between two windows.</summary>
    public int StrideHeight { get; }

    /// <summary>The columns between two windows.</summary>
    public int StrideWidth { get; }

    /// <summary>The padded rows above the input ("same" padding puts the odd one below).</summary>
    public int PadTop { get; }

    /// <summary>The padded columns left of the input.</summary>
    public int PadLeft { get; }

    /// <summary>The output's height.</summary>
    public int OutputHeight { get; }

    /// <summary>The output's width.</summary>
    public int OutputWidth { get; }

    /// <summary>The floats of one input sample.</summary>
    public int InputSize => Height * Width * Channels;

    /// <summary>The floats of one output sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * Channels;

    /// <summary>
    /// The input rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and columns [<paramref name="columnStart"/>,
    /// <paramref name="columnEnd"/>) under output (<paramref name="outputRow"/>, <paramref name="outputColumn"/>)'s window:
    /// the padded cells are cut off, so they neither win a maximum nor count in a mean.
    /// </summary>
    internal void Window(int outputRow, int outputColumn, out int rowStart, out int rowEnd, out int columnStart, out int columnEnd)
    {
        int top = outputRow * StrideHeight - PadTop, left = outputColumn * StrideWidth - PadLeft;
        rowStart = Math.Max(top, 0);
        rowEnd = Math.Min(top + PoolHeight, Height);
        columnStart = Math.Max(left, 0);
        columnEnd = Math.Min(left + PoolWidth, Width);
    }
}

/// <summary>
/// The pooling layers' kernels (Keras's <c>MaxPooling1D/2D</c>, <c>AveragePooling1D/2D</c> and the global ones) over
/// channels-last feature maps. The channels of one position are contiguous, so every window is walked once and its
/// channels run over <see cref="Vector{T}"/>, with a scalar loop for the channels left over.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling
{
    /// <summary>0, 1, 2, … : each lane's offset from a cell's first channel.</summary>
    private static readonly Vector<int> s_lanes = Lanes();

    /// <summary>
    /// Max pooling: <c>y</c> = the maximum of each window per channel, and <c>argmax</c> = the index in <c>x</c> (over
    /// the whole batch) of the input that won, for the backward pass. Windows are scanned by rows, then columns, and
    /// a later value wins only if strictly greater, so ties go to the first maximum, as in TensorFlow.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the geometry.</exception>
    public static void MaxForward(Span<float> y, Span<int> argmax, ReadOnlySpan<float> x, int batch, in PoolGeometry g)
    {
        CheckLength(x.Length, batch * g.InputSize, nameof(x));
        CheckLength(y.Length, batch * g.OutputSize, nameof(y));
        CheckLength(argmax.Length, batch * g.OutputSize, nameof(argmax));
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref int iRef = ref MemoryMarshal.GetReference(argmax);
        int channels = g.Channels, vectorEnd = channels - channels % Vector<float>.Count;
        int o = 0;
        for (int b = 0; b < batch; b++)
        {
            int sample = b * g.InputSize;
            for (int oh = 0; oh < g.OutputHeight; oh++)
            {
                for (int ow = 0; ow < g.OutputWidth; ow++, o += channels)
                {
                    g.Window(oh, ow, out int r0, out int r1, out int c0, out int c1);
                    int first = sample + (r0 * g.Width + c0) * channels;
                    int c = 0;
                    for (; c < vectorEnd; c += Vector<float>.Count)
                    {
                        // The first cell holds the running maximum; a later cell replaces it per lane where greater.
                        Vector<float> best = Vector.LoadUnsafe(ref xRef, (nuint)(first + c));
                        Vector<int> bestIndex = new Vector<int>(first + c) + s_lanes;
                        for (int r = r0; r < r1; r++)
                        {
                            for (int col = r == r0 ? c0 + 1 : c0; col < c1; col++)
                            {
                                int cell = sample + (r * g.Width + col) * channels + c;
                                Vector<float> value = Vector.LoadUnsafe(ref xRef, (nuint)cell);
                                Vector<int> greater = Vector.GreaterThan(value, best);
                                best = Vector.ConditionalSelect(greater, value, best);
                                bestIndex = Vector.ConditionalSelect(greater, new Vector<int>(cell) + s_lanes, bestIndex);
                            }
                        }
                        Vector.StoreUnsafe(best, ref yRef, (nuint)(o + c));
                        Vector.StoreUnsafe(bestIndex, ref iRef, (nuint)(o + c));
                    }
                    for (; c < channels; c++)
                    {
                        int bestCell = first + c;
                        float best = Unsafe.Add(ref xRef, bestCell);
                        for (int r = r0; r < r1; r++)
                        {
                            for (int col = r == r0 ? c0 + 1 : c0; col < c1; col++)
                            {
                                int cell = sample + (r * g.Width + col) * channels + c;
                                float value = Unsafe.Add(ref xRef, cell);
                                if (value > best)
                                {
                                    best = value;
                                    bestCell = cell;
                                }
                            }
                        }
                        Unsafe.Add(ref yRef, o + c) = best;
                        Unsafe.Add(ref iRef, o + c) = bestCell;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Max pooling's backward: <c>dx</c> = 0, then each output's gradient is added to the input that won its window
    /// (windows that overlap add up). <c>dx</c> must not overlap <c>dy</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the geometry.</exception>
    public static void MaxBackward(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, int batch, in PoolGeometry g)
    {
        CheckLength(dx.Length, batch * g.InputSize, nameof(dx));
        CheckLength(dy.Length, batch * g.OutputSize, nameof(dy));
        CheckLength(argmax.Length, batch * g.OutputSize, nameof(argmax));
        dx.Clear();
        // A scatter: no vector form without gather/scatter instructions; the loop is bound by memory anyway.
        for (int o = 0; o < dy.Length; o++) dx[argmax[o]] += dy[o];
    }

    /// <summary>
    /// Average pooling: <c>y</c> = the mean of each window per channel, over the window's real cells only ("same"
    /// padding divides by the cells inside the input, as TensorFlow does).
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the geometry.</exception>
    public static void AverageForward(Span<float> y, ReadOnlySpan<float> x, int batch, in PoolGeometry g)
    {
        CheckLength(x.Length, batch * g.InputSize, nameof(x));
        CheckLength(y.Length, batch * g.OutputSize, nameof(y));
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        int channels = g.Channels, vectorEnd = channels - channels % Vector<float>.Count;
        int o = 0;
        for (int b = 0; b < batch; b++)
        {
            int sample = b * g.InputSize;
            for (int oh = 0; oh < g.OutputHeight; oh++)
            {
                for (int ow = 0; ow < g.OutputWidth; ow++, o += channels)
                {
                    g.Window(oh, ow, out int r0, out int r1, out int c0, out int c1);
                    float scale = 1f / ((r1 - r0) * (c1 - c0));
                    int c = 0;
                    for (; c < vectorEnd; c += Vector<float>.Count)
                    {
                        Vector<float> sum = Vector<float>.Zero;
                        for (int r = r0; r < r1; r++)
                        {
                            for (int col = c0; col < c1; col++)
                                sum += Vector.LoadUnsafe(ref xRef, (nuint)(sample + (r * g.Width + col) * channels + c));
                        }
                        Vector.StoreUnsafe(sum * scale, ref yRef, (nuint)(o + c));
                    }
                    for (; c < channels; c++)
                    {
                        float sum = 0f;
                        for (int r = r0; r < r1; r++)
                        {
                            for (int col = c0; col < c1; col++) sum += Unsafe.Add(ref xRef, sample + (r * g.Width + col) * channels + c);
                        }
                        Unsafe.Add(ref yRef, o + c) = sum * scale;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Average pooling's backward: <c>dx</c> = 0, then each output's gradient divided by its window's real cells is
    /// added to each of them (windows that overlap add up). <c>dx</c> must not overlap <c>dy</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not match the batch and the geometry.</exception>
    public static void AverageBackward(Span<float> dx, ReadOnlySpan<float> dy, int batch, in PoolGeometry g)
    {
        CheckLength(dx.Length, batch * g.InputSize, nameof(dx));
        CheckLength(dy.Length, batch * g.OutputSize, nameof(dy));
        dx.Clear();
        ref float dxRef = ref MemoryMarshal.GetReference(dx);
        ref float dyRef = ref MemoryMarshal.GetReference(dy);
        int channels = g.Channels, vectorEnd = channels - channels % Vector<float>.Count;
        int o = 0;
        for (int b = 0; b < batch; b++)
        {
            int sample = b * g.InputSize;
            for (int oh = 0; oh < g.OutputHeight; oh++)
            {
                for (int ow = 0; ow < g.OutputWidth; ow++, o += channels)
                {
                    g.Window(oh, ow, out int r0, out int r1, out int c0, out int c1);
                    float scale = 1f / ((r1 - r0) * (c1 - c0));
                    int c = 0;
                    for (; c < vectorEnd; c += Vector<float>.Count)
                    {
                        Vector<float> share = Vector.LoadUnsafe(ref dyRef, (nuint)(o + c)) * scale;
                        for (int r = r0; r < r1; r++)
                        {
                            for (int col = c0; col < c1; col++)
                            {
                                nuint cell = (nuint)(sample + (r * g.Width + col) * channels + c);
                                Vector.StoreUnsafe(Vector.LoadUnsafe(ref dxRef, cell) + share, ref dxRef, cell);
                            }
                        }
                    }
                    for (; c < channels; c++)
                    {
                        float share = Unsafe.Add(ref dyRef, o + c) * scale;
                        for (int r = r0; r < r1; r++)
                        {
                            for (int col = c0; col < c1; col++) Unsafe.Add(ref dxRef, sample + (r * g.Width + col) * channels + c) += share;
                        }
                    }
                }
            }
        }
    }

    private static Vector<int> Lanes()
    {
        Span<int> lanes = stackalloc int[Vector<int>.Count];
        for (int i = 0; i < lanes.Length; i++) lanes[i] = i;
        return new Vector<int>(lanes);
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {expected} values for the batch and the geometry; found {actual}.", name);
    }
}
