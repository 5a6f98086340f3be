using System;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Pooling, zero padding and spatial dropout written the plain way from keras-reference.md §1, independently of the
/// kernels: sizes from Keras's formulas, windows walked over the padded grid cell by cell (a padded cell is skipped:
/// it never wins a maximum and does not count in a mean), sums in double. Layouts are channels-last, batch first.
/// </summary>
internal static class PoolingReference
{
    /// <summary>Keras's output length: valid floor((n − k) / s) + 1, same ceil(n / s).</summary>
    public static int OutputLength(int n, int k, int s, bool same) => same ? (n + s - 1) / s : (n - k) / s + 1;

    /// <summary>TensorFlow's "same" split: P = max((out − 1)·s + k − n, 0), floor(P / 2) before.</summary>
    public static int PadBefore(int n, int k, int s, bool same) =>
        same ? Math.Max((OutputLength(n, k, s, same) - 1) * s + k - n, 0) / 2 : 0;

    /// <summary>A pooling problem: the input map and the window; the output follows from Keras's rules.</summary>
    public sealed record Problem(int Batch, int Height, int Width, int Channels, int PoolHeight, int PoolWidth, int StrideHeight, int StrideWidth, bool Same)
    {
        public int OutputHeight => OutputLength(Height, PoolHeight, StrideHeight, Same);

        public int OutputWidth => OutputLength(Width, PoolWidth, StrideWidth, Same);

        public int PadTop => PadBefore(Height, PoolHeight, StrideHeight, Same);

        public int PadLeft => PadBefore(Width, PoolWidth, StrideWidth, Same);

        public int InputSize => Height * Width * Channels;

        public int OutputSize => OutputHeight * OutputWidth * Channels;

        public NetGen.Kernels.PoolGeometry Geometry => new(Height, Width, Channels, PoolHeight, PoolWidth, StrideHeight, StrideWidth, PadTop, PadLeft, OutputHeight, OutputWidth);

        public override string ToString() =>
            $"B={Batch} in=({Height},{Width},{Channels}) pool=({PoolHeight},{PoolWidth}) strides=({StrideHeight},{StrideWidth}) {(Same ? "same" : "valid")}";
    }

    /// <summary>The real input cells of output (i, j)'s window, in scan order (rows, then columns), as flat indices into the batch.</summary>
    private static System.Collections.Generic.List<int> Cells(Problem p, int b, int i, int j, int c)
    {
        var cells = new System.Collections.Generic.List<int>();
        for (int u = 0; u < p.PoolHeight; u++)
        {
            for (int v = 0; v < p.PoolWidth; v++)
            {
                int row = i * p.StrideHeight + u - p.PadTop, column = j * p.StrideWidth + v - p.PadLeft;
                if (row < 0 || row >= p.Height || column < 0 || column >= p.Width) continue; // a padded cell
                cells.Add(b * p.InputSize + (row * p.Width + column) * p.Channels + c);
            }
        }
        return cells;
    }

    private static int OutputIndex(Problem p, int b, int i, int j, int c) => b * p.OutputSize + (i * p.OutputWidth + j) * p.Channels + c;

    public static (float[] Y, int[] Argmax) Max(Problem p, float[] x)
    {
        var y = new float[p.Batch * p.OutputSize];
        var argmax = new int[y.Length];
        ForEachOutput(p, (b, i, j, c) =>
        {
            int best = -1;
            foreach (int cell in Cells(p, b, i, j, c))
            {
                if (best < 0 || x[cell] > x[best]) best = cell; // strictly greater: the first maximum keeps ties
            }
            y[OutputIndex(p, b, i, j, c)] = x[best];
            argmax[OutputIndex(p, b, i, j, c)] = best;
        });
        return (y, argmax);
    }

    public static float[] Average(Problem p, float[] x)
    {
        var y = new float[p.Batch * p.OutputSize];
        ForEachOutput(p, (b, i, j, c) =>
        {
            double sum = 0;
            var cells = Cells(p, b, i, j, c);
            foreach (int cell in cells) sum += x[cell];
            y[OutputIndex(p, b, i, j, c)] = (float)(sum / cells.Count);
        });
        return y;
    }

    /// <summary>Max's input gradient: each output's dy to its window's first maximum of <paramref name="x"/>.</summary>
    public static float[] MaxBackward(Problem p, float[] x, float[] dy)
    {
        var dx = new double[p.Batch * p.InputSize];
        (_, int[] argmax) = Max(p, x);
        for (int o = 0; o < dy.Length; o++) dx[argmax[o]] += dy[o];
        return Array.ConvertAll(dx, v => (float)v);
    }

    public static float[] AverageBackward(Problem p, float[] dy)
    {
        var dx = new double[p.Batch * p.InputSize];
        ForEachOutput(p, (b, i, j, c) =>
        {
            var cells = Cells(p, b, i, j, c);
            foreach (int cell in cells) dx[cell] += (double)dy[OutputIndex(p, b, i, j, c)] / cells.Count;
        });
        return Array.ConvertAll(dx, v => (float)v);
    }

    private static void ForEachOutput(Problem p, Action<int, int, int, int> body)
    {
        for (int b = 0; b < p.Batch; b++)
            for (int i = 0; i < p.OutputHeight; i++)
                for (int j = 0; j < p.OutputWidth; j++)
                    for (int c = 0; c < p.Channels; c++) body(b, i, j, c);
    }

    /// <summary>Zero padding: the input at (row + top, column + left) of a zero map.</summary>
    public static float[] ZeroPad(float[] x, int batch, int height, int width, int channels, int top, int bottom, int left, int right)
    {
        int paddedHeight = height + top + bottom, paddedWidth = width + left + right;
        var y = new float[batch * paddedHeight * paddedWidth * channels];
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < height; h++)
                for (int w = 0; w < width; w++)
                    for (int c = 0; c < channels; c++)
                        y[((b * paddedHeight + h + top) * paddedWidth + w + left) * channels + c] = x[((b * height + h) * width + w) * channels + c];
        return y;
    }
}
