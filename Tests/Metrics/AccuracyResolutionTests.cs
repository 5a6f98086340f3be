namespace NetGen.Tests.Metrics;

/// <summary>
/// How <see cref="Metric.Accuracy"/> resolves, as Keras's <c>'accuracy'</c> does by the shapes of y_true and y_pred:
/// one output unit → binary accuracy (ŷ &gt; 0.5, strict, as-is even for logits); one label per sample and several
/// outputs → sparse categorical (argmax == label); otherwise categorical (argmax == argmax). Expected values are
/// counted by hand in the comments.
/// </summary>
public sealed class AccuracyResolutionTests
{
    [Fact]
    public void OneOutputUnit_IsBinaryAccuracy_WithAStrictThresholdOnTheRawOutput()
    {
        float[] outputs = [0.9f, 0.5f, 0.2f, 3.0f, -2.0f];
        float[] labels = [1f, 1f, 0f, 1f, 1f]; // hit (0.9 > 0.5), miss (0.5 is not > 0.5), hit, hit (a logit of 3), miss
        var counter = new AccuracyCounter();
        counter.Update(outputs, labels, batch: 5, outputSize: 1, labelWidth: 1);
        Assert.Equal(3.0 / 5, counter.Result, 12);
    }

    [Fact]
    public void ClassIndexLabels_AreSparseCategoricalAccuracy()
    {
        float[] outputs = [0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.3f, 0.3f, 0.4f];
        float[] labels = [1f, 2f, 2f]; // argmax 1 (hit), argmax 0 (miss), argmax 2 (hit)
        var counter = new AccuracyCounter();
        counter.Update(outputs, labels, batch: 3, outputSize: 3, labelWidth: 1);
        Assert.Equal(2.0 / 3, counter.Result, 12);
    }

    [Fact]
    public void LabelRowsOfTheOutputWidth_AreCategoricalAccuracy_EvenForMultiUnitBinaryCrossentropy()
    {
        // Two sigmoid units with BinaryCrossentropy labels: Keras still resolves 'accuracy' to categorical_accuracy.
        float[] outputs = [0.9f, 0.8f, 0.2f, 0.6f, 0.7f, 0.7f];
        float[] labels = [0f, 1f, 0f, 1f, 0f, 1f]; // argmax 0 vs 1 (miss), 1 vs 1 (hit), tie → first index 0 vs 1 (miss)
        var counter = new AccuracyCounter();
        counter.Update(outputs, labels, batch: 3, outputSize: 2, labelWidth: 2);
        Assert.Equal(1.0 / 3, counter.Result, 12);
    }

    [Fact]
    public void TheEpochValueIsTheFractionCorrect_NotAMeanOfBatchMeans()
    {
        var counter = new AccuracyCounter();
        counter.Update([0.9f, 0.1f, 0.9f], [1f, 1f, 1f], batch: 3, outputSize: 1, labelWidth: 1); // 2 of 3
        counter.Update([0.9f], [0f], batch: 1, outputSize: 1, labelWidth: 1);                       // 0 of 1
        Assert.Equal(2.0 / 4, counter.Result, 12); // a mean of batch means would be (2/3 + 0) / 2
    }
}
