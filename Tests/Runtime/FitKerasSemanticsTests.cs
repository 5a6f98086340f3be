using System;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Keras's reductions: the epoch loss is the batch losses weighted by batch size, Evaluate likewise, accuracy is the
/// exact fraction correct (not a mean of batch means), and 'accuracy' resolves by shape (binary, sparse, categorical).
/// </summary>
/// <remarks>
/// The tests train with learning rate 0, no shuffling and no Dropout, so the weights never move and every batch loss
/// can be recomputed with Forward/ComputeLoss. 10 samples in batches of 4 leave a partial last batch (4, 4, 2), which
/// is what separates a size-weighted mean from a mean of batch means.
/// </remarks>
public sealed class FitKerasSemanticsTests
{
    private const int Count = 10, BatchSize = 4;
    private static readonly int[] s_batchSizes = [4, 4, 2];

    [Fact]
    public void EpochLoss_IsTheBatchSizeWeightedMeanOfTheBatchLosses()
    {
        var model = new RtClassifier(seed: 3) { LearningRate = 0 };
        DataSet data = TestData.Classification(Count, seed: 5);
        int[] before = TestData.Bits(model.Parameters);

        History history = model.Fit(data, epochs: 2, batchSize: BatchSize, shuffle: false, verbose: 0);

        double[] batchLosses = BatchLosses(model, data, training: true);
        double weighted = 0, unweighted = 0;
        for (int i = 0; i < batchLosses.Length; i++)
        {
            weighted += batchLosses[i] * s_batchSizes[i];
            unweighted += batchLosses[i] / batchLosses.Length;
        }
        weighted /= Count;
        Assert.Equal(before, TestData.Bits(model.Parameters)); // learning rate 0: the weights did not move
        Assert.Equal(3 * 2, model.Iterations);
        Assert.True(Math.Abs(weighted - unweighted) > 1e-4, "The data must tell the two means apart.");
        Assert.Equal(weighted, history["loss"][0], 12);
        Assert.Equal(weighted, history["loss"][1], 12);
    }

    [Fact]
    public void Evaluate_IsTheBatchSizeWeightedMean_AndIndependentOfTheBatchSize()
    {
        var model = new RtClassifier(seed: 3);
        DataSet data = TestData.Classification(Count, seed: 5);
        double[] batchLosses = BatchLosses(model, data, training: false);
        double weighted = 0;
        for (int i = 0; i < batchLosses.Length; i++) weighted += batchLosses[i] * s_batchSizes[i];
        weighted /= Count;

        Assert.Equal(weighted, model.Evaluate(data, BatchSize).Loss, 12);
        // Every sample's loss is the same whatever the batch, so every batch size gives the mean over the samples.
        Assert.Equal(weighted, model.Evaluate(data, 1).Loss, 12);
        Assert.Equal(weighted, model.Evaluate(data, 32).Loss, 12);
    }

    [Fact]
    public void Accuracy_IsTheExactFractionCorrect_InFitEvaluateAndValidation()
    {
        var model = new RtClassifier(seed: 3) { LearningRate = 0 };
        DataSet data = TestData.Classification(Count, seed: 5);
        float[] predictions = model.Predict(data.Features);
        int correct = 0;
        for (int i = 0; i < Count; i++) correct += ArgMax(predictions.AsSpan(i * 3, 3)) == (int)data.Labels[i] ? 1 : 0;
        double exact = (double)correct / Count;

        History history = model.Fit(data, epochs: 1, batchSize: BatchSize, shuffle: false, validationData: data, verbose: 0);
        EvaluationResult evaluation = model.Evaluate(data, BatchSize);

        Assert.Equal(exact, evaluation.Accuracy);
        Assert.Equal(exact, history["accuracy"][0]);
        Assert.Equal(exact, history["val_accuracy"][0]);
        Assert.Equal(evaluation.Loss, history["val_loss"][0], 12);
    }

    [Fact]
    public void EpochLoss_UsesTheWeightsBeforeEachUpdate()
    {
        // One batch per epoch: the logged loss is the loss of the forward pass that preceded the update.
        var model = new RtClassifier(seed: 3);
        DataSet data = TestData.Classification(Count, seed: 5);
        model.Forward(data.Features, Count, training: true);
        double initial = model.ComputeLoss(data.Labels);

        History history = model.Fit(data, epochs: 2, batchSize: Count, shuffle: false, verbose: 0);

        Assert.Equal(initial, history["loss"][0], 12);
        Assert.True(history["loss"][1] < initial, "The second epoch starts from the updated weights.");
    }

    [Fact]
    public void BinaryAccuracy_ThresholdsTheSingleOutputStrictlyAboveHalf()
    {
        // Zero weights and bias: every output is exactly sigmoid(0) = 0.5, which Keras counts as class 0.
        var model = new RtBinary();
        model.Parameters.Clear();
        var data = new DataSet(TestData.Uniform(new SeededRandom(1), 5 * 6), [6], [0, 0, 1, 0, 1]);

        EvaluationResult result = model.Evaluate(data);

        Assert.Equal(0.5f, model.Predict(data.Features)[0]);
        Assert.Equal(3.0 / 5, result.Accuracy);
        Assert.Equal(Math.Log(2), result.Loss, 6);
    }

    [Fact]
    public void CategoricalAccuracy_ComparesArgmaxOfOutputAndLabel_FirstIndexWinsTies()
    {
        // Zero weights: uniform outputs, so the argmax is index 0 (ties go to the first index).
        var model = new RtCategorical();
        model.Parameters.Clear();
        float[] labels =
        [
            1, 0, 0,        // argmax 0: correct
            0, 1, 0,        // argmax 1: wrong
            0.5f, 0.5f, 0,  // a tie in the label: argmax 0, correct
            0.2f, 0.3f, 0.5f, // argmax 2: wrong
        ];
        var data = new DataSet(TestData.Uniform(new SeededRandom(1), 4 * 6), [6], labels, labelWidth: 3);

        Assert.Equal(0.5, model.Evaluate(data).Accuracy);
    }

    [Fact]
    public void EvaluationResult_WithoutAccuracy_SaysHowToAddIt()
    {
        var model = new RtRegression();
        var data = new DataSet(new float[2 * 6], [6], [1, 2, 3, 4], 2);

        EvaluationResult result = model.Evaluate(data);

        Assert.Equal((1 + 4 + 9 + 16) / 4.0, result.Loss, 12); // zero input, zero bias: the output is 0
        Assert.Empty(result.Metrics);
        var error = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => result.Accuracy);
        Assert.Contains("Metrics = [Metric.Accuracy]", error.Message);
        Assert.Equal("loss: 7.5000", result.ToString());
    }

    [Fact]
    public void EvaluationResult_DeconstructsAndPrintsLikeKeras()
    {
        var model = new RtBinary();
        model.Parameters.Clear();
        var data = new DataSet(new float[4 * 6], [6], [0, 0, 0, 1]);

        var (loss, accuracy) = model.Evaluate(data);

        Assert.Equal(Math.Log(2), loss, 6);
        Assert.Equal(0.75, accuracy);
        Assert.Equal("loss: 0.6931 - accuracy: 0.7500", model.Evaluate(data).ToString());
    }

    /// <summary>The loss of each batch of 4, 4 and 2 samples, in order.</summary>
    private static double[] BatchLosses(Model model, DataSet data, bool training)
    {
        var losses = new double[s_batchSizes.Length];
        for (int step = 0, start = 0; step < s_batchSizes.Length; start += s_batchSizes[step], step++)
        {
            int n = s_batchSizes[step];
            model.Forward(data.Features.AsSpan(start * data.SampleSize, n * data.SampleSize), n, training);
            losses[step] = model.ComputeLoss(data.Labels.AsSpan(start, n));
        }
        return losses;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
