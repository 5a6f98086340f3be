using System;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>Inverted dropout: seeded keep-masks of 1/(1 − rate) or 0, applied in training mode only.</summary>
public sealed class DropoutTests
{
    [Theory]
    [InlineData(0.2f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void DrawMask_KeepsAboutOneMinusRate_ScaledByItsInverse(float rate)
    {
        var mask = new float[40_000];

        NetGen.Kernels.Dropout.DrawMask(mask, rate, new SeededRandom(1));

        float scale = 1f / (1f - rate);
        Assert.All(mask, m => Assert.True(m == 0f || m == scale, $"mask value {m}"));
        double kept = mask.Count(m => m != 0) / (double)mask.Length;
        Assert.InRange(kept, 1 - rate - 0.01, 1 - rate + 0.01);
        Assert.InRange(mask.Average(m => (double)m), 0.97, 1.03); // the expected activation is unchanged
    }

    [Fact]
    public void DrawMask_RateZero_KeepsEverything()
    {
        var mask = new float[1000];

        NetGen.Kernels.Dropout.DrawMask(mask, 0f, new SeededRandom(1));

        Assert.All(mask, m => Assert.Equal(1f, m));
    }

    [Fact]
    public void TrainingForward_DropsUnits_InferenceForwardDoesNot()
    {
        // A network whose hidden ReLU layer is all positive: every zero after Dropout is a dropped unit.
        var model = new RtDropoutClassifier(seed: 1);
        model.Parameters.Clear();
        WeightInfo bias = model.Description.GetWeight("dense/bias");
        model.Parameters.Slice(bias.Offset, bias.Length).Fill(1f);
        WeightInfo kernel = model.Description.GetWeight("dense_1/kernel");
        float[] identityLike = new float[kernel.Length];
        for (int i = 0; i < 8; i++) identityLike[i * 3 + i % 3] = 1f; // unit i feeds output i % 3
        model.SetWeights("dense_1/kernel", identityLike);
        float[] inputs = new float[200 * 6];

        float[] inference = model.Forward(inputs, 200, training: false).ToArray();
        float[] training = model.Forward(inputs, 200, training: true).ToArray();

        // At inference the three outputs see 3, 3 and 2 units of 1: softmax of (3, 3, 2). In training they differ by sample.
        for (int b = 0; b < 200; b++) Assert.Equal(inference[0], inference[b * 3]);
        Assert.Contains(Enumerable.Range(0, 200), b => Math.Abs(training[b * 3] - inference[0]) > 1e-3);
    }

    [Fact]
    public void Masks_ComeFromTheSeededStream()
    {
        float[] inputs = TestData.Uniform(new SeededRandom(1), 50 * 6);
        var a = new RtDropoutClassifier(seed: 3);
        var b = new RtDropoutClassifier(seed: 3);

        float[] first = a.Forward(inputs, 50, training: true).ToArray();
        float[] second = b.Forward(inputs, 50, training: true).ToArray();
        float[] next = a.Forward(inputs, 50, training: true).ToArray();

        Assert.Equal(TestData.Bits(first), TestData.Bits(second));   // same seed, same masks
        Assert.NotEqual(TestData.Bits(first), TestData.Bits(next));  // a new mask every forward pass
    }
}
