using System;
using System.Runtime.InteropServices;

namespace NetGen.Tests.Runtime;

/// <summary>Seeded random inputs, labels and weights for the runtime tests (same seed, same data on every machine).</summary>
internal static class TestData
{
    /// <summary><paramref name="count"/> values uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static float[] Uniform(SeededRandom random, int count, float low = -1f, float high = 1f)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = low + (high - low) * random.NextSingle();
        return values;
    }

    /// <summary>Class indices in [0, <paramref name="classes"/>), stored as floats.</summary>
    public static float[] ClassLabels(SeededRandom random, int count, int classes)
    {
        var labels = new float[count];
        for (int i = 0; i < count; i++) labels[i] = random.NextInt32(classes);
        return labels;
    }

    /// <summary>One-hot rows for random classes.</summary>
    public static float[] OneHot(SeededRandom random, int count, int classes)
    {
        var labels = new float[count * classes];
        for (int i = 0; i < count; i++) labels[i * classes + random.NextInt32(classes)] = 1f;
        return labels;
    }

    /// <summary>Random probability rows (positive, each summing to 1).</summary>
    public static float[] ProbabilityRows(SeededRandom random, int count, int classes)
    {
        float[] labels = Uniform(random, count * classes, 0.05f, 1f);
        for (int i = 0; i < count; i++)
        {
            Span<float> row = labels.AsSpan(i * classes, classes);
            float sum = 0;
            foreach (float v in row) sum += v;
            for (int j = 0; j < classes; j++) row[j] /= sum;
        }
        return labels;
    }

    /// <summary>Binary targets: a mix of hard 0/1 values and soft values in (0, 1).</summary>
    public static float[] BinaryTargets(SeededRandom random, int count)
    {
        var labels = new float[count];
        for (int i = 0; i < count; i++)
            labels[i] = (i % 3) switch { 0 => 0f, 1 => 1f, _ => 0.1f + 0.8f * random.NextSingle() };
        return labels;
    }

    /// <summary>
    /// Overwrites every weight with seeded values: kernels uniform with variance about 1/fan-in (so activations stay
    /// in the interesting range of tanh and sigmoid), biases uniform in [-0.5, 0.5) (non-zero, so their gradients matter).
    /// </summary>
    public static void RandomizeWeights(Model model, SeededRandom random)
    {
        foreach (WeightInfo weight in model.Description.Weights)
        {
            Span<float> values = model.Parameters.Slice(weight.Offset, weight.Length);
            bool isBias = weight.Shape.Length == 1;
            float limit = isBias ? 0.5f : MathF.Sqrt(3f / weight.Shape[0]);
            for (int i = 0; i < values.Length; i++) values[i] = limit * (2f * random.NextSingle() - 1f);
        }
    }

    /// <summary>
    /// A small classification set for networks with 6 inputs and 3 classes: the class is decided by which third of
    /// the samples it is, and the features are shifted by the class, so a tiny network can learn it.
    /// </summary>
    public static DataSet Classification(int count, int seed, int inputs = 6, int classes = 3)
    {
        var random = new SeededRandom(seed);
        var features = new float[count * inputs];
        var labels = new float[count];
        for (int i = 0; i < count; i++)
        {
            int label = random.NextInt32(classes);
            labels[i] = label;
            for (int j = 0; j < inputs; j++)
                features[i * inputs + j] = (j % classes == label ? 1f : 0f) + 0.5f * (2f * random.NextSingle() - 1f);
        }
        return new DataSet(features, [inputs], labels);
    }

    /// <summary>The parameters as raw bits, for bit-exact comparisons.</summary>
    public static int[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();
}
