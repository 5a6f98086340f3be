using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Checkpoints;

/// <summary>A fresh temporary folder, deleted (with its contents) on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-checkpoints-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of the entries of the folder, sorted.</summary>
    public string[] Entries()
    {
        var names = new List<string>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(Path)) names.Add(System.IO.Path.GetFileName(entry));
        names.Sort(StringComparer.Ordinal);
        return names.ToArray();
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Seeded data and bit-exact comparisons for the checkpoint tests.</summary>
internal static class CheckpointTestData
{
    /// <summary><paramref name="count"/> samples of 4 features in [−1, 1), labelled by the largest of three linear scores.</summary>
    public static DataSet Classification(int count, int seed)
    {
        var random = new SeededRandom(seed);
        var features = new float[count * 4];
        var labels = new int[count];
        for (int i = 0; i < features.Length; i++) features[i] = 2 * random.NextSingle() - 1;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> x = features.AsSpan(i * 4, 4);
            float a = x[0] + x[1], b = x[2] - x[3], c = 0.5f * (x[1] - x[0]);
            labels[i] = a >= b && a >= c ? 0 : b >= c ? 1 : 2;
        }
        return DataSet.FromClassLabels(features, [4], labels);
    }

    /// <summary>The bit patterns of <paramref name="values"/>, for bit-identical comparisons (NaN-safe, −0 ≠ +0).</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < bits.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }

    /// <summary>
    /// Everything a training checkpoint holds (weights, optimizer state, iterations, hyperparameters, random streams),
    /// as bytes: equal fingerprints mean equal training states.
    /// </summary>
    public static byte[] Fingerprint(Model model, TemporaryFolder folder)
    {
        string path = folder.File("fingerprint-" + Guid.NewGuid().ToString("N") + ".safetensors");
        model.SaveCheckpoint(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }
}
