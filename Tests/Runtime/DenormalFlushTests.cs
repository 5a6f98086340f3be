using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The optimizers flush their decaying state to zero before it turns denormal (Intel CPUs take a microcode assist on
/// every instruction that touches a denormal: Adam's update ran 22× slower). Checked on the kernels, by definition,
/// and on real training, where a weight's gradient stops and its state decays through the denormal range.
/// </summary>
public sealed class DenormalFlushTests
{
    private static readonly float[] s_values =
    [
        1e-40f, -1e-40f, float.Epsilon, -float.Epsilon, 1.1754942E-38f, // denormal: flushed
        Simd.SmallestNormal, -Simd.SmallestNormal, 1f, -3.5f, 0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-30f, 2e-38f, -2e-38f,
    ];

    /// <summary>What flushing means, written from the IEEE definition rather than from the kernel: magnitude below 2⁻¹²⁶ and not 0 → 0.</summary>
    private static float Expected(float x) => x != 0 && float.IsSubnormal(x) ? 0f : x;

    [Fact]
    public void ScalarFlushesOnlyDenormals()
    {
        foreach (float x in s_values)
            Assert.Equal(BitConverter.SingleToInt32Bits(Expected(x)) & int.MaxValue, BitConverter.SingleToInt32Bits(Simd.FlushDenormal(x)) & int.MaxValue);
    }

    [Fact]
    public void EveryVectorWidthFlushesOnlyDenormals()
    {
        float[] expected = Array.ConvertAll(s_values, Expected);
        float[] wide = new float[16];
        Simd.FlushDenormals(Vector512.Create(s_values)).CopyTo(wide);
        AssertSameValues(expected, wide);
        float[] lanes = new float[16];
        for (int start = 0; start < 16; start += 8)
            Simd.FlushDenormals(Vector256.Create(s_values, start)).CopyTo(lanes, start);
        AssertSameValues(expected, lanes);
        for (int start = 0; start < 16; start += 4)
            Simd.FlushDenormals(Vector128.Create(s_values, start)).CopyTo(lanes, start);
        AssertSameValues(expected, lanes);
    }

    /// <summary>
    /// A feature that is 1 for ten steps and then 0 forever: its row of the kernel (a whole vector) stops getting gradient, and Adam's m (× 0.9 a step)
    /// or the momentum (× 0.9) decays through the whole denormal range (a factor of 8·10⁶, about 150 steps, around
    /// step 800). Without the flush this finds denormals in the state; with it, none at any step.
    /// </summary>
    [Theory]
    [InlineData("adam")]
    [InlineData("momentum")]
    public void DecayingOptimizerStateNeverTurnsDenormal(string optimizer)
    {
        IStateProbe model = optimizer == "adam" ? new AdamProbe() : new MomentumProbe();
        float[] labels = new float[16];
        Array.Fill(labels, 0.5f);
        bool sawDecay = false;
        for (int step = 0; step < 1100; step++)
        {
            float[] x = [step < 10 ? 1f : 0f, 1f];
            model.TrainStep(x, labels);
            float[] state = model.Slot0();
            foreach (float value in state)
                Assert.False(float.IsSubnormal(value), $"{optimizer}: a denormal {value:E} in the optimizer state after step {step + 1}");
            // The stopped weights are the kernel's first row (16 values: the vector path): non-zero, then 0.
            if (step == 10) sawDecay = state[0] != 0;
            if (step == 1099) Assert.Equal(0f, state[0]);
        }
        Assert.True(sawDecay, "the first weight's state should be non-zero before it decays");
    }

    private static void AssertSameValues(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (float.IsNaN(expected[i])) Assert.True(float.IsNaN(actual[i]), $"lane {i}: NaN expected, found {actual[i]}");
            else Assert.True(expected[i] == actual[i], $"lane {i}: {expected[i]:E} expected, found {actual[i]:E}");
        }
    }

    private interface IStateProbe
    {
        void TrainStep(float[] x, float[] labels);

        float[] Slot0();
    }

    private sealed class AdamProbe : DenormalAdam, IStateProbe
    {
        public void TrainStep(float[] x, float[] labels) => TrainStep(x, labels, 1);

        public float[] Slot0() => OptimizerSlot(0).ToArray();
    }

    private sealed class MomentumProbe : DenormalMomentum, IStateProbe
    {
        public void TrainStep(float[] x, float[] labels) => TrainStep(x, labels, 1);

        public float[] Slot0() => OptimizerSlot(0).ToArray();
    }
}

[Network]
[Input(2)]
[Dense(16)]
[Compile(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01)]
public partial class DenormalAdam;

[Network]
[Input(2)]
[Dense(16)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.01, Momentum = 0.9)]
public partial class DenormalMomentum;
