using System;

namespace NetGen.Tests.Runtime;

/// <summary>Predict runs inference mode over any number of samples, in batches, and rejects lengths that are not whole samples.</summary>
public sealed class PredictTests
{
    [Fact]
    public void Predict_MatchesInferenceForward()
    {
        var model = new RtClassifier(seed: 4);
        float[] inputs = TestData.Uniform(new SeededRandom(1), 7 * 6);

        float[] predicted = model.Predict(inputs);
        float[] forward = model.Forward(inputs, 7, training: false).ToArray();

        Assert.Equal(TestData.Bits(forward), TestData.Bits(predicted));
        for (int b = 0; b < 7; b++)
        {
            float sum = predicted[b * 3] + predicted[b * 3 + 1] + predicted[b * 3 + 2];
            Assert.InRange(sum, 1 - 1e-6f, 1 + 1e-6f);
        }
    }

    [Fact]
    public void Predict_IsBitIdenticalForEveryBatchSize()
    {
        var model = new RtDropoutClassifier(seed: 5);
        float[] inputs = TestData.Uniform(new SeededRandom(2), 70 * 6);
        int[] reference = TestData.Bits(model.Predict(inputs, batchSize: 70));

        foreach (int batchSize in new[] { 1, 3, 32, 1000 })
            Assert.Equal(reference, TestData.Bits(model.Predict(inputs, batchSize)));
    }

    [Fact]
    public void Predict_AppliesNoDropout()
    {
        var model = new RtDropoutClassifier(seed: 6);
        float[] inputs = TestData.Uniform(new SeededRandom(3), 5 * 6);

        float[] first = model.Predict(inputs);
        float[] training = model.Forward(inputs, 5, training: true).ToArray();
        float[] second = model.Predict(inputs);

        Assert.Equal(TestData.Bits(first), TestData.Bits(second));
        Assert.NotEqual(TestData.Bits(first), TestData.Bits(training)); // Dropout is active in training mode only
    }

    [Fact]
    public void Predict_IntoABuffer_WritesTheSameValues()
    {
        var model = new RtClassifier(seed: 7);
        float[] inputs = TestData.Uniform(new SeededRandom(4), 9 * 6);
        var outputs = new float[9 * 3];

        model.Predict(inputs, outputs, batchSize: 4);

        Assert.Equal(TestData.Bits(model.Predict(inputs)), TestData.Bits(outputs));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(5)]
    [InlineData(13)]
    public void Predict_LengthNotAMultipleOfTheInputSize_NamesShapeAndLength(int length)
    {
        var model = new RtClassifier();

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new float[length]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("Expected a positive multiple of 6 values (input shape (6,))", error.Message);
        Assert.Contains($"found {length}", error.Message);
    }

    [Fact]
    public void Predict_NoSamples_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RtClassifier().Predict(ReadOnlySpan<float>.Empty));

        Assert.Contains("positive multiple of 6", error.Message);
        Assert.Contains("found 0", error.Message);
    }

    [Fact]
    public void Predict_MultiDimensionalInput_NamesTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new RtShaped().Predict(new float[10]));

        Assert.Contains("input shape (2, 3)", error.Message);
    }

    [Fact]
    public void Predict_IntoABufferOfTheWrongSize_NamesExpectedAndFound()
    {
        var model = new RtClassifier();

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new float[4 * 6], new float[11]));

        Assert.Equal("outputs", error.ParamName);
        Assert.Contains("room for 4 outputs of 3 values", error.Message);
        Assert.Contains("found 11", error.Message);
    }

    [Fact]
    public void Predict_NonPositiveBatchSize_Throws()
    {
        var model = new RtClassifier();

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(new float[6], batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(new float[6], new float[3], batchSize: -1));
    }
}
