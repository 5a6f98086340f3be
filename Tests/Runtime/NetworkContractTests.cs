using System;
using System.Collections.Generic;

namespace NetGen.Tests.Runtime;

/// <summary>The low-level INetwork steps (Forward, ComputeLoss, Backward, ApplyGradients) and weight access check their use.</summary>
public sealed class NetworkContractTests
{
    [Fact]
    public void ComputeLossOrBackward_BeforeAnyForward_Throws()
    {
        var model = new RtClassifier();

        Assert.Throws<InvalidOperationException>(() => model.ComputeLoss([0]));
        Assert.Throws<InvalidOperationException>(() => model.Backward([0]));
    }

    [Fact]
    public void Backward_AfterAnInferenceForward_Throws()
    {
        var model = new RtClassifier();
        model.Forward(new float[6], 1, training: false);

        var error = Assert.Throws<InvalidOperationException>(() => model.Backward([0]));

        Assert.Contains("training-mode Forward", error.Message);
        Assert.Equal(Math.Log(3), model.ComputeLoss([0]), 6); // all-zero input and zero biases: uniform softmax
    }

    [Fact]
    public void Forward_WrongLength_NamesBatchShapeAndLength()
    {
        var model = new RtShaped();

        var error = Assert.Throws<ArgumentException>(() => model.Forward(new float[13], 2, training: false));

        Assert.Contains("Expected 2 samples of 6 values (12 in all) for input shape (2, 3)", error.Message);
        Assert.Contains("found 13 values", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(ReadOnlySpan<float>.Empty, 0, training: false));
    }

    [Fact]
    public void ComputeLoss_LabelsOfTheWrongCountOrRange_AreRejected()
    {
        var model = new RtClassifier();
        model.Forward(new float[2 * 6], 2, training: true);

        var count = Assert.Throws<ArgumentException>(() => model.ComputeLoss([0, 1, 2]));
        var range = Assert.Throws<ArgumentException>(() => model.Backward([0, 3]));

        Assert.Contains("Expected 2 labels of 1 value(s)", count.Message);
        Assert.Contains("found 3 values", count.Message);
        Assert.Contains("[0, 3)", range.Message);
        Assert.Contains("found 3 at sample 1", range.Message);
    }

    [Fact]
    public void TrainStep_ReturnsTheLossBeforeTheUpdate_AndCountsIterations()
    {
        var model = new RtClassifier(seed: 1);
        DataSet data = TestData.Classification(4, seed: 1);
        model.Forward(data.Features, 4, training: true);
        double before = model.ComputeLoss(data.Labels);

        double reported = model.TrainStep(data.Features, data.Labels, 4);
        model.Forward(data.Features, 4, training: true);
        double after = model.ComputeLoss(data.Labels);

        Assert.Equal(before, reported);
        Assert.True(after < before, $"One SGD step at learning rate 0.1 should lower the loss: {before} -> {after}.");
        Assert.Equal(1, model.Iterations);
    }

    [Fact]
    public void Backward_WritesTheGradients_ItDoesNotAccumulate()
    {
        var model = new RtClassifier(seed: 2);
        DataSet first = TestData.Classification(4, seed: 1), second = TestData.Classification(4, seed: 2);

        model.Forward(second.Features, 4, training: true);
        model.Backward(second.Labels);
        int[] alone = TestData.Bits(model.Gradients);
        model.Forward(first.Features, 4, training: true);
        model.Backward(first.Labels);
        model.Backward(first.Labels);
        model.Forward(second.Features, 4, training: true);
        model.Backward(second.Labels);

        Assert.Equal(alone, TestData.Bits(model.Gradients));
    }

    [Fact]
    public void GetAndSetWeights_RoundTripByKerasName()
    {
        var model = new RtClassifier();
        float[] kernel = TestData.Uniform(new SeededRandom(1), 5 * 3);

        model.SetWeights("dense_1/kernel", kernel);

        Assert.Equal(kernel, model.GetWeights("dense_1/kernel"));
        WeightInfo info = model.Description.GetWeight("dense_1/kernel");
        Assert.Equal([5, 3], info.Shape);
        Assert.Equal(kernel, model.Parameters.Slice(info.Offset, info.Length).ToArray());
    }

    [Fact]
    public void SetWeights_WrongLength_NamesShapeAndChangesNothing()
    {
        var model = new RtClassifier();
        float[] before = model.GetWeights("dense/kernel");

        var error = Assert.Throws<ArgumentException>(() => model.SetWeights("dense/kernel", new float[29]));

        Assert.Contains("'dense/kernel' has shape (6, 5) (30 values); found 29 values", error.Message);
        Assert.Equal(before, model.GetWeights("dense/kernel"));
    }

    [Fact]
    public void GetWeights_UnknownName_ListsTheNamesThatExist()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new RtClassifier().GetWeights("dense_2/kernel"));

        Assert.Contains("RtClassifier has no weight named 'dense_2/kernel'", error.Message);
        Assert.Contains("dense/kernel, dense/bias, dense_1/kernel, dense_1/bias", error.Message);
    }
}
