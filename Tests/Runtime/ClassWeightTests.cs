using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Fit's classWeight (Keras's class_weight): sample i weighs w[class(yᵢ)]; loss = Σ wᵢ·Lᵢ / B, gradient likewise,
/// accuracy weighted, validation unweighted. Expectations are built from single-sample passes of an identical model.
/// </summary>
public sealed class ClassWeightTests
{
    private static DataSet Data(int count, int labelWidth, Func<int, float[]> label)
    {
        var random = new SeededRandom(17);
        var features = new float[count * 6];
        for (int i = 0; i < features.Length; i++) features[i] = 2f * random.NextSingle() - 1f;
        var labels = new float[count * labelWidth];
        for (int i = 0; i < count; i++) label(i).CopyTo(labels, i * labelWidth);
        return new DataSet(features, [6], labels, labelWidth);
    }

    private static readonly DataSet Sparse = Data(7, 1, i => [i % 3]);

    /// <summary>One weighted batch step against Σ wᵢ·(loss, gradient) of single-sample passes of a twin model.</summary>
    private static void AssertOneWeightedStepMatches(Model model, Model twin, DataSet data, Dictionary<int, double> classWeight, Func<int, int> classOf, double learningRate)
    {
        int n = data.Count;
        float[] before = model.Parameters.ToArray();
        double expectedLoss = 0, weightedCorrect = 0, weightSum = 0;
        var expectedGradient = new double[before.Length];
        for (int i = 0; i < n; i++)
        {
            double w = classWeight[classOf(i)];
            ReadOnlySpan<float> output = twin.Forward(data.GetFeatures(i), 1, training: true);
            bool correct = output.Length == 1 ? (output[0] > 0.5f ? 1 : 0) == classOf(i) : ArgMax(output) == classOf(i);
            weightedCorrect += correct ? w : 0;
            weightSum += w;
            expectedLoss += w * twin.ComputeLoss(data.GetLabel(i));
            twin.Backward(data.GetLabel(i));
            for (int p = 0; p < before.Length; p++) expectedGradient[p] += w * twin.Gradients[p];
        }

        History history = model.Fit(data, epochs: 1, batchSize: n, shuffle: false, verbose: 0, classWeight: classWeight);

        Assert.Equal(expectedLoss / n, history["loss"][0], 1e-6);
        if (history.ContainsKey("accuracy")) Assert.Equal(weightedCorrect / weightSum, history["accuracy"][0], 1e-12);
        for (int p = 0; p < before.Length; p++)
            Assert.Equal(before[p] - learningRate * expectedGradient[p] / n, model.Parameters[p], 1e-6);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    [Fact]
    public void SparseLabels_WeightEachSamplesLossAndGradient_AndStillDivideByTheBatchSize()
    {
        var weights = new Dictionary<int, double> { [0] = 1, [1] = 3, [2] = 0.5 };
        AssertOneWeightedStepMatches(new RtClassifier(seed: 3), new RtClassifier(seed: 3), Sparse, weights, i => i % 3, learningRate: 0.1);
    }

    [Fact]
    public void OneHotLabels_TakeTheClassFromTheLargestValue()
    {
        DataSet data = Data(6, 3, i => [i % 3 == 0 ? 1 : 0, i % 3 == 1 ? 1 : 0, i % 3 == 2 ? 1 : 0]);
        var weights = new Dictionary<int, double> { [0] = 0.25, [1] = 2, [2] = 1 };
        AssertOneWeightedStepMatches(new RtCategorical(seed: 5), new RtCategorical(seed: 5), data, weights, i => i % 3, learningRate: 0.01);
    }

    [Fact]
    public void BinaryLabels_TakeTheRoundedLabelAsTheClass()
    {
        DataSet data = Data(6, 1, i => [i % 2]);
        var weights = new Dictionary<int, double> { [0] = 1, [1] = 4 };
        AssertOneWeightedStepMatches(new RtBinary(seed: 2), new RtBinary(seed: 2), data, weights, i => i % 2, learningRate: 0.01);
    }

    /// <summary>The per-sample loss rows of MAE and Huber (both of its branches): targets far apart so errors fall either side of δ.</summary>
    [Fact]
    public void MeanAbsoluteErrorAndHuber_WeightEachSamplesLossAndGradient()
    {
        DataSet data = Data(6, 2, i => i % 2 == 0 ? [2.5f, -1f] : [-0.5f, 0.25f]);
        var weights = new Dictionary<int, double> { [0] = 0.5, [1] = 3 };
        AssertOneWeightedStepMatches(new RtMaeTwoUnits(seed: 4), new RtMaeTwoUnits(seed: 4), data, weights, i => i % 2, learningRate: 0.1);
        AssertOneWeightedStepMatches(new RtHuberTwoUnits(seed: 4), new RtHuberTwoUnits(seed: 4), data, weights, i => i % 2, learningRate: 0.1);
    }

    [Fact]
    public void UnitWeights_ChangeNothing_AndValidationStaysUnweighted()
    {
        DataSet validation = Data(5, 1, i => [(i + 1) % 3]);
        var plain = new RtClassifier(seed: 8);
        var weighted = new RtClassifier(seed: 8);
        History plainHistory = plain.Fit(Sparse, epochs: 2, batchSize: 3, validationData: validation, verbose: 0);
        History unitHistory = weighted.Fit(Sparse, epochs: 2, batchSize: 3, validationData: validation, verbose: 0,
            classWeight: new Dictionary<int, double> { [0] = 1, [1] = 1, [2] = 1 });
        Assert.True(plain.Parameters.SequenceEqual(weighted.Parameters));
        Assert.Equal(plainHistory["loss"], unitHistory["loss"]);

        var skewed = new RtClassifier(seed: 8);
        History skewedHistory = skewed.Fit(Sparse, epochs: 1, batchSize: 7, validationData: validation, verbose: 0,
            classWeight: new Dictionary<int, double> { [0] = 5, [1] = 1, [2] = 1 });
        Assert.Equal(skewed.Evaluate(validation).Loss, skewedHistory["val_loss"][0], 1e-12);
    }

    [Fact]
    public void BadClassWeights_AreClearErrors_BeforeAnyTraining()
    {
        var model = new RtClassifier(seed: 1);
        float[] before = model.Parameters.ToArray();

        var gap = Assert.Throws<ArgumentException>(() => model.Fit(Sparse, verbose: 0, classWeight: new Dictionary<int, double> { [0] = 1, [2] = 1 }));
        Assert.Contains("keys from 0 to 1", gap.Message);
        Assert.Contains("found [0, 2]", gap.Message);

        var missing = Assert.Throws<ArgumentException>(() => model.Fit(Sparse, verbose: 0, classWeight: new Dictionary<int, double> { [0] = 1, [1] = 1 }));
        Assert.Contains("class 2, which has no entry", missing.Message);

        var negative = Assert.Throws<ArgumentException>(() => model.Fit(Sparse, verbose: 0, classWeight: new Dictionary<int, double> { [0] = 1, [1] = -1, [2] = 1 }));
        Assert.Contains("class 1 has -1", negative.Message);

        Assert.True(before.AsSpan().SequenceEqual(model.Parameters));
        Assert.Equal(0, model.Iterations);
    }
}

[Network]
[Input(6)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
[Compile(Loss.MeanAbsoluteError, Optimizer.Sgd, LearningRate = 0.1)]
public partial class RtMaeTwoUnits;

[Network]
[Input(6)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
[Compile(Loss.Huber, Optimizer.Sgd, LearningRate = 0.1, HuberDelta = 0.75)]
public partial class RtHuberTwoUnits;
