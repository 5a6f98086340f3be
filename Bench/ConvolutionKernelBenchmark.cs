using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Conv1DModel = NetGen.Samples.SequenceConv1D.SequenceClassifier;

namespace NetGen.Bench;

/// <summary>
/// The VGG-like CNN's convolution products one by one on this thread: forward, dW and dx of each layer at batch 32,
/// median microseconds over many calls and GFLOP/s (2 FLOPs per multiply-add). Set against the one-core peak of
/// <c>Bench -- peak</c>, this says which product is far from the machine's limit.
/// </summary>
internal static class ConvolutionKernelBenchmark
{
    private delegate void Product(int batch);

    public static int Run(int calls, string model)
    {
        if (model == "conv1d") return RunConv1D(calls);
        const int batch = 32;
        var random = new SeededRandom(3);
        float[] Random(int count)
        {
            var values = new float[count];
            for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle() - 0.5f;
            return values;
        }
        // Each layer: (name, forward, dW, dx), from VggCnn's generated kernels (see Bench/Models.cs).
        float[] x1 = Random(batch * 28 * 28), y1 = new float[batch * 26 * 26 * 32], w1 = Random(9 * 32), b1 = Random(32), dw1 = new float[9 * 32], db1 = new float[32];
        float[] y2 = new float[batch * 24 * 24 * 32], w2 = Random(288 * 32), b2 = Random(32), dw2 = new float[288 * 32], db2 = new float[32];
        float[] s2 = Random(batch * 28 * 28 * 32), dx2 = new float[batch * 26 * 26 * 32];
        float[] x3 = Random(batch * 12 * 12 * 32), y3 = new float[batch * 10 * 10 * 64], w3 = Random(288 * 64), b3 = Random(64), dw3 = new float[288 * 64], db3 = new float[64];
        float[] s3 = Random(batch * 14 * 14 * 64), dx3 = new float[batch * 12 * 12 * 32];
        float[] y4 = new float[batch * 8 * 8 * 64], w4 = Random(576 * 64), b4 = Random(64), dw4 = new float[576 * 64], db4 = new float[64];
        float[] s4 = Random(batch * 12 * 12 * 64), dx4 = new float[batch * 10 * 10 * 64];
        float[] dy1 = Random(y1.Length), dy2 = Random(y2.Length), dy3 = Random(y3.Length), dy4 = Random(y4.Length);
        var products = new List<(string Name, long MultiplyAdds, Product Run)>
        {
            ("conv2d   forward (26x26, 9 -> 32)", 26L * 26 * 9 * 32, n => VggCnn.Kernels.Conv_28x28x1_3x3x32.Forward(y1, x1, w1, b1, n)),
            ("conv2d   dW", 26L * 26 * 9 * 32, n => VggCnn.Kernels.Conv_28x28x1_3x3x32.BackwardWeights(dw1, db1, x1, dy1, n)),
            ("conv2d_1 forward (24x24, 288 -> 32)", 24L * 24 * 288 * 32, n => VggCnn.Kernels.Conv_26x26x32_3x3x32.Forward(y2, y1, w2, b2, n)),
            ("conv2d_1 dW", 24L * 24 * 288 * 32, n => VggCnn.Kernels.Conv_26x26x32_3x3x32.BackwardWeights(dw2, db2, y1, dy2, n)),
            ("conv2d_1 dx (26x26, 288 -> 32)", 26L * 26 * 288 * 32, n => VggCnn.Kernels.Conv_28x28x32_3x3x32_NoBias.Forward(dx2, s2, w2, n)),
            ("conv2d_2 forward (10x10, 288 -> 64)", 10L * 10 * 288 * 64, n => VggCnn.Kernels.Conv_12x12x32_3x3x64.Forward(y3, x3, w3, b3, n)),
            ("conv2d_2 dW", 10L * 10 * 288 * 64, n => VggCnn.Kernels.Conv_12x12x32_3x3x64.BackwardWeights(dw3, db3, x3, dy3, n)),
            ("conv2d_2 dx (12x12, 576 -> 32)", 12L * 12 * 576 * 32, n => VggCnn.Kernels.Conv_14x14x64_3x3x32_NoBias.Forward(dx3, s3, w3, n)),
            ("conv2d_3 forward (8x8, 576 -> 64)", 8L * 8 * 576 * 64, n => VggCnn.Kernels.Conv_10x10x64_3x3x64.Forward(y4, y3, w4, b4, n)),
            ("conv2d_3 dW", 8L * 8 * 576 * 64, n => VggCnn.Kernels.Conv_10x10x64_3x3x64.BackwardWeights(dw4, db4, y3, dy4, n)),
            ("conv2d_3 dx (10x10, 576 -> 64)", 10L * 10 * 576 * 64, n => VggCnn.Kernels.Conv_12x12x64_3x3x64_NoBias.Forward(dx4, s4, w4, n)),
        };
        return Measure("the VGG-like CNN", products, batch, calls);
    }

    /// <summary>The Conv1D classifier's products (`Bench -- conv-kernels --model conv1d`).</summary>
    private static int RunConv1D(int calls)
    {
        const int batch = 32;
        var random = new SeededRandom(4);
        float[] Random(int count)
        {
            var values = new float[count];
            for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle() - 0.5f;
            return values;
        }
        float[] x1 = Random(batch * 100 * 100), y1 = new float[batch * 98 * 64], w1 = Random(300 * 64), b1 = Random(64), dw1 = new float[300 * 64], db1 = new float[64];
        float[] y2 = new float[batch * 96 * 64], w2 = Random(192 * 64), b2 = Random(64), dw2 = new float[192 * 64], db2 = new float[64];
        float[] s2 = Random(batch * 100 * 64), dx2 = new float[batch * 98 * 64];
        float[] x3 = Random(batch * 32 * 64), y3 = new float[batch * 30 * 128], w3 = Random(192 * 128), b3 = Random(128), dw3 = new float[192 * 128], db3 = new float[128];
        float[] s3 = Random(batch * 34 * 128), dx3 = new float[batch * 32 * 64];
        float[] y4 = new float[batch * 28 * 128], w4 = Random(384 * 128), b4 = Random(128), dw4 = new float[384 * 128], db4 = new float[128];
        float[] s4 = Random(batch * 32 * 128), dx4 = new float[batch * 30 * 128];
        float[] dy1 = Random(y1.Length), dy2 = Random(y2.Length), dy3 = Random(y3.Length), dy4 = Random(y4.Length);
        var products = new List<(string Name, long MultiplyAdds, Product Run)>
        {
            ("conv1d   forward (98, 300 -> 64)", 98L * 300 * 64, n => Conv1DModel.Kernels.Conv_1x100x100_1x3x64.Forward(y1, x1, w1, b1, n)),
            ("conv1d   dW", 98L * 300 * 64, n => Conv1DModel.Kernels.Conv_1x100x100_1x3x64.BackwardWeights(dw1, db1, x1, dy1, n)),
            ("conv1d_1 forward (96, 192 -> 64)", 96L * 192 * 64, n => Conv1DModel.Kernels.Conv_1x98x64_1x3x64.Forward(y2, y1, w2, b2, n)),
            ("conv1d_1 dW", 96L * 192 * 64, n => Conv1DModel.Kernels.Conv_1x98x64_1x3x64.BackwardWeights(dw2, db2, y1, dy2, n)),
            ("conv1d_1 dx (98, 192 -> 64)", 98L * 192 * 64, n => Conv1DModel.Kernels.Conv_1x100x64_1x3x64_NoBias.Forward(dx2, s2, w2, n)),
            ("conv1d_2 forward (30, 192 -> 128)", 30L * 192 * 128, n => Conv1DModel.Kernels.Conv_1x32x64_1x3x128.Forward(y3, x3, w3, b3, n)),
            ("conv1d_2 dW", 30L * 192 * 128, n => Conv1DModel.Kernels.Conv_1x32x64_1x3x128.BackwardWeights(dw3, db3, x3, dy3, n)),
            ("conv1d_2 dx (32, 384 -> 64)", 32L * 384 * 64, n => Conv1DModel.Kernels.Conv_1x34x128_1x3x64_NoBias.Forward(dx3, s3, w3, n)),
            ("conv1d_3 forward (28, 384 -> 128)", 28L * 384 * 128, n => Conv1DModel.Kernels.Conv_1x30x128_1x3x128.Forward(y4, y3, w4, b4, n)),
            ("conv1d_3 dW", 28L * 384 * 128, n => Conv1DModel.Kernels.Conv_1x30x128_1x3x128.BackwardWeights(dw4, db4, y3, dy4, n)),
            ("conv1d_3 dx (30, 384 -> 128)", 30L * 384 * 128, n => Conv1DModel.Kernels.Conv_1x32x128_1x3x128_NoBias.Forward(dx4, s4, w4, n)),
        };
        return Measure("the Conv1D classifier", products, batch, calls);
    }

    private static int Measure(string model, List<(string Name, long MultiplyAdds, Product Run)> products, int batch, int calls)
    {
        Console.WriteLine($"Convolution products of {model} at batch {batch}, one thread, kernels {Kernels.Simd.ActivePath}; median of {calls} calls:");
        double totalMicroseconds = 0, totalFlops = 0;
        foreach (var (name, multiplyAdds, run) in products)
        {
            for (int i = 0; i < 20; i++) run(batch);
            var times = new double[calls];
            for (int i = 0; i < calls; i++)
            {
                long start = Stopwatch.GetTimestamp();
                run(batch);
                times[i] = (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;
            }
            Array.Sort(times);
            double median = times[calls / 2];
            double flops = 2.0 * multiplyAdds * batch;
            totalMicroseconds += median;
            totalFlops += flops;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-40} {median,9:0.0} us  {flops / median / 1e3,6:0.0} GFLOP/s"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"all",-40} {totalMicroseconds,9:0.0} us  {totalFlops / totalMicroseconds / 1e3,6:0.0} GFLOP/s"));
        return 0;
    }
}
