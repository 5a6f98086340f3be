using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace NetGen.Bench;

/// <summary>Where a training step's time goes: forward, loss, backward and optimizer, median microseconds over many steps.</summary>
internal static class StepProfile
{
    public static int Run(string modelName, int batch, int steps, int threads)
    {
        Model model = modelName switch
        {
            "mlp" => new Mlp(seed: 0),
            "deep" => new Deep(seed: 0),
            "l2" => new L2Mlp(seed: 0),
            "residual" => new ResidualMlp(seed: 0),
            "cnn" => new VggCnn(seed: 0),
            "conv1d" => new NetGen.Samples.SequenceConv1D.SequenceClassifier(seed: 0),
            "lstm" => new TextLstm(seed: 0),
            _ => throw new ArgumentException($"Unknown model '{modelName}'; expected mlp, deep, l2, residual, cnn, conv1d or lstm."),
        };
        model.Threads = threads;
        Console.WriteLine(MachinePeak.Header());
        var random = new SeededRandom(5);
        float[] x = new float[batch * model.InputSize];
        float[] y = new float[batch];
        // Token ids for the LSTM's Embedding, values in [0, 1) for the others.
        for (int i = 0; i < x.Length; i++) x[i] = model is TextLstm ? random.NextInt32(SyntheticText.Vocabulary) : random.NextSingle();
        for (int i = 0; i < y.Length; i++) y[i] = random.NextInt32(model.OutputSize == 1 ? 2 : 10);
        var phases = new double[4][];
        for (int p = 0; p < 4; p++) phases[p] = new double[steps];
        for (int step = -200; step < steps; step++)
        {
            long t0 = Stopwatch.GetTimestamp();
            model.Forward(x, batch, training: true);
            long t1 = Stopwatch.GetTimestamp();
            model.ComputeLoss(y);
            long t2 = Stopwatch.GetTimestamp();
            model.Backward(y);
            long t3 = Stopwatch.GetTimestamp();
            model.ApplyGradients();
            long t4 = Stopwatch.GetTimestamp();
            if (step < 0) continue;
            phases[0][step] = t1 - t0;
            phases[1][step] = t2 - t1;
            phases[2][step] = t3 - t2;
            phases[3][step] = t4 - t3;
        }
        string[] names = { "forward", "loss", "backward", "optimizer" };
        // The mean too: a whole epoch pays for every slow step (a stalled second vCPU, an interrupt), the median for none.
        double meanTotal = 0;
        for (int p = 0; p < 4; p++) meanTotal += phases[p].Average() * 1e6 / Stopwatch.Frequency;
        double total = 0;
        var line = new System.Text.StringBuilder($"{modelName} batch {batch}, {threads} thread(s), median us per step:");
        for (int p = 0; p < 4; p++)
        {
            Array.Sort(phases[p]);
            double us = phases[p][steps / 2] * 1e6 / Stopwatch.Frequency;
            total += us;
            line.Append(CultureInfo.InvariantCulture, $" {names[p]} {us:0.0}");
        }
        int samples = model is TextLstm ? 20000 : 60000; // the epoch of `epochs --model lstm` (lstm.py's 20,000 sequences), else Fashion-MNIST's
        double stepsPerEpoch = Math.Ceiling((double)samples / batch);
        line.Append(CultureInfo.InvariantCulture, $", total {total:0.0} (x {samples}/{batch} steps = {total * 1e-6 * stepsPerEpoch:0.000} s/epoch)");
        line.Append(CultureInfo.InvariantCulture, $"; mean total {meanTotal:0.0} ({meanTotal * 1e-6 * stepsPerEpoch:0.000} s/epoch)");
        Console.WriteLine(line);
        return 0;
    }
}
