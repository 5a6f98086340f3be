using System;
using System.Linq;

namespace NetGen.Tests.BatchNormalization;

/// <summary>Every BatchNormalization option at a non-default value, on two channels with nothing else in the way.</summary>
[Network]
[Input(2)]
[BatchNormalization(Momentum = 0.5, Epsilon = 0.1, GammaInitializer = Initializer.RandomUniform, BetaInitializer = Initializer.Ones,
    MovingMeanInitializer = Initializer.Ones, MovingVarianceInitializer = Initializer.Zeros)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class BnEveryOption;

/// <summary>
/// The initializers, Momentum and Epsilon of <c>[BatchNormalization]</c> reach the layer: initial weights as the
/// initializers say (RandomUniform with Keras's ±0.05), the training output and moving-statistics update with
/// momentum 0.5 and ε = 0.1, and inference with the moving statistics, all computed here in double.
/// </summary>
public sealed class BatchNormalizationOptionsTests
{
    // Channel 0 = 1, 2, 3, 4 (mean 2.5, biased variance 1.25); channel 1 = 0, 0, 0, 4 (mean 1, biased variance 3).
    private static readonly float[] s_x = [1, 0, 2, 0, 3, 0, 4, 4];

    [Fact]
    public void InitializersMomentumAndEpsilon_AreThoseDeclared()
    {
        var model = new BnEveryOption(seed: 3);
        float[] gamma = model.GetWeights("batch_normalization/gamma");
        Assert.All(gamma, g => Assert.InRange(g, -0.05f, 0.05f));
        Assert.NotEqual(gamma[0], gamma[1]);
        Assert.Equal([1f, 1f], model.GetWeights("batch_normalization/beta"));
        Assert.Equal([1f, 1f], model.GetWeights("batch_normalization/moving_mean"));
        Assert.Equal([0f, 0f], model.GetWeights("batch_normalization/moving_variance"));
        Assert.Equal(new BnEveryOption(seed: 3).GetWeights("batch_normalization/gamma"), gamma); // seeded
        Assert.NotEqual(new BnEveryOption(seed: 4).GetWeights("batch_normalization/gamma"), gamma);

        // Inference with the initial moving statistics: γ·(x − 1)/√(0 + 0.1) + 1.
        float[] inference = model.Forward(s_x, 4, training: false).ToArray();
        for (int i = 0; i < s_x.Length; i++)
            Assert.Equal(gamma[i % 2] * (s_x[i] - 1.0) / Math.Sqrt((double)0.1f) + 1, inference[i], 5);

        // Training: the batch statistics, then moving = moving·0.5 + batch·0.5.
        double[] mean = [2.5, 1], variance = [1.25, 3];
        float[] training = model.Forward(s_x, 4, training: true).ToArray();
        for (int i = 0; i < s_x.Length; i++)
            Assert.Equal(gamma[i % 2] * (s_x[i] - mean[i % 2]) / Math.Sqrt(variance[i % 2] + (double)0.1f) + 1, training[i], 5);
        float[] movingMean = model.GetWeights("batch_normalization/moving_mean"), movingVariance = model.GetWeights("batch_normalization/moving_variance");
        Assert.Equal(0.5 * 1 + 0.5 * 2.5, movingMean[0], 6);
        Assert.Equal(0.5 * 1 + 0.5 * 1, movingMean[1], 6);
        Assert.Equal(0.5 * 0 + 0.5 * 1.25, movingVariance[0], 6);
        Assert.Equal(0.5 * 0 + 0.5 * 3, movingVariance[1], 6);
    }
}
