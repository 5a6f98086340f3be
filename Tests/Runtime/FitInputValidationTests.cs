using System;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Fit and Evaluate reject data that does not match the network — sample shape, class range, label width — with a
/// message naming what was expected and what was found, and before any weight changes.
/// </summary>
public sealed class FitInputValidationTests
{
    [Fact]
    public void Fit_SamplesOfAnotherSize_NamesBothShapes()
    {
        var model = new RtClassifier();
        DataSet data = DataSet.FromClassLabels(new float[4 * 5], [5], [0, 1, 2, 0]);

        var error = Assert.Throws<ArgumentException>(() => model.Fit(data, verbose: 0));

        Assert.Equal("train", error.ParamName);
        Assert.Contains("RtClassifier", error.Message);
        Assert.Contains("expects samples of shape (6,)", error.Message);
        Assert.Contains("train has samples of shape (5,)", error.Message);
    }

    [Fact]
    public void Fit_SameSizeButAnotherShape_IsRejected()
    {
        DataSet flat = DataSet.FromClassLabels(new float[4 * 6], [6], [0, 1, 2, 0]);
        DataSet square = DataSet.FromClassLabels(new float[4 * 6], [2, 3], [0, 1, 2, 0]);

        var fromFlat = Assert.Throws<ArgumentException>(() => new RtShaped().Fit(flat, verbose: 0));
        var fromSquare = Assert.Throws<ArgumentException>(() => new RtClassifier().Fit(square, verbose: 0));

        Assert.Contains("expects samples of shape (2, 3); train has samples of shape (6,)", fromFlat.Message);
        Assert.Contains("expects samples of shape (6,); train has samples of shape (2, 3)", fromSquare.Message);
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(7f)]
    [InlineData(-1f)]
    [InlineData(1.5f)]
    public void Fit_ClassLabelOutOfRange_NamesRangeValueAndSample(float label)
    {
        var model = new RtClassifier();
        float[] labels = [0, 1, 2, 1, 0, 2, 1, label, 0, 1];
        var data = new DataSet(new float[10 * 6], [6], labels);

        var error = Assert.Throws<ArgumentException>(() => model.Fit(data, batchSize: 4, verbose: 0));

        Assert.Equal("train", error.ParamName);
        Assert.Contains("integers in [0, 3)", error.Message);
        Assert.Contains("3 output units", error.Message);
        Assert.Contains($"has {label.ToString(System.Globalization.CultureInfo.InvariantCulture)} at sample 7", error.Message);
    }

    [Fact]
    public void Fit_OneHotLabelsForSparseLoss_NamesTheWidth()
    {
        var model = new RtClassifier();
        var data = new DataSet(new float[2 * 6], [6], [1, 0, 0, 0, 1, 0], labelWidth: 3);

        var error = Assert.Throws<ArgumentException>(() => model.Fit(data, verbose: 0));

        Assert.Contains("SparseCategoricalCrossentropy expects one class index per sample", error.Message);
        Assert.Contains("labels of width 3", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Fit_CategoricalLabelWidthMismatch_NamesExpectedAndFound(int width)
    {
        var model = new RtCategorical();
        var data = new DataSet(new float[2 * 6], [6], new float[2 * width], width);

        var error = Assert.Throws<ArgumentException>(() => model.Fit(data, verbose: 0));

        Assert.Equal("train", error.ParamName);
        Assert.Contains("CategoricalCrossentropy expects labels of width 3 (the output size)", error.Message);
        Assert.Contains($"train has labels of width {width}", error.Message);
    }

    [Fact]
    public void Fit_InvalidValidationData_IsNamedAsSuch()
    {
        var model = new RtClassifier();
        DataSet train = TestData.Classification(8, seed: 1);
        DataSet validation = DataSet.FromClassLabels(new float[2 * 6], [6], [0, 5]);

        var error = Assert.Throws<ArgumentException>(() => model.Fit(train, validationData: validation, verbose: 0));

        Assert.Equal("validationData", error.ParamName);
        Assert.Contains("validationData has 5 at sample 1", error.Message);
    }

    [Fact]
    public void Evaluate_InvalidData_IsRejected()
    {
        var model = new RtClassifier();

        var shape = Assert.Throws<ArgumentException>(() => model.Evaluate(DataSet.FromClassLabels(new float[6], [3, 2], [0])));
        var range = Assert.Throws<ArgumentException>(() => model.Evaluate(DataSet.FromClassLabels(new float[6], [6], [3])));

        Assert.Equal("data", shape.ParamName);
        Assert.Contains("data has samples of shape (3, 2)", shape.Message);
        Assert.Equal("data", range.ParamName);
        Assert.Contains("data has 3 at sample 0", range.Message);
    }

    [Fact]
    public void RejectedFit_LeavesWeightsAndOptimizerUntouched()
    {
        var model = new RtDropoutClassifier(seed: 3);
        int[] before = TestData.Bits(model.Parameters);
        DataSet train = TestData.Classification(20, seed: 2);
        float[] badLabels = (float[])train.Labels.Clone();
        badLabels[^1] = 3; // only the very last sample is wrong: a check that ran batch by batch would already have trained
        var bad = new DataSet(train.Features, [6], badLabels);
        DataSet badValidation = DataSet.FromClassLabels(new float[6], [6], [9]);

        Assert.Throws<ArgumentException>(() => model.Fit(bad, epochs: 2, batchSize: 4, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Fit(train, epochs: 2, batchSize: 4, validationData: badValidation, verbose: 0));

        Assert.Equal(before, TestData.Bits(model.Parameters));
        Assert.Equal(0, model.Iterations);
    }

    [Fact]
    public void Fit_InvalidArguments_Throw()
    {
        var model = new RtClassifier();
        DataSet train = TestData.Classification(8, seed: 1);

        Assert.Throws<ArgumentNullException>(() => model.Fit(null!, verbose: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(train, epochs: -1, verbose: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(train, batchSize: 0, verbose: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(train, verbose: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(train, verbose: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(train, batchSize: 0));
        Assert.Equal(0, model.Iterations);
    }
}
