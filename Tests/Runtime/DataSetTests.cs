using System;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>The DataSet constructor's checks and messages, and its accessors.</summary>
public sealed class DataSetTests
{
    [Fact]
    public void Constructor_ValidData_ExposesCountsShapesAndRows()
    {
        float[] features = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        float[] labels = [0, 1, 1, 0, 0.5f, 0.5f];
        int[] shape = [2, 3];

        var data = new DataSet(features, shape, labels, labelWidth: 3);
        shape[0] = 99; // the data set keeps its own copy of the shape

        Assert.Equal(2, data.Count);
        Assert.Equal(6, data.SampleSize);
        Assert.Equal(3, data.LabelWidth);
        Assert.Equal([2, 3], data.SampleShape);
        Assert.Equal([7f, 8, 9, 10, 11, 12], data.GetFeatures(1).ToArray());
        Assert.Equal([0f, 0.5f, 0.5f], data.GetLabel(1).ToArray());
        Assert.Equal("DataSet(2 samples of shape (2, 3), labels of width 3)", data.ToString());
    }

    [Fact]
    public void Constructor_Empty_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([], [4], []));

        Assert.Equal("features", error.ParamName);
        Assert.Contains("empty", error.Message);
        Assert.Contains("at least one sample", error.Message);
    }

    [Fact]
    public void Constructor_FeaturesNotAWholeNumberOfSamples_NamesSampleSizeAndCount()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet(new float[7], [2, 2], new float[2]));

        Assert.Equal("features", error.ParamName);
        Assert.Contains("multiple of the sample size 4", error.Message);
        Assert.Contains("(2, 2)", error.Message);
        Assert.Contains("found 7 values", error.Message);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 5)]
    public void Constructor_LabelCountMismatch_NamesExpectedAndFound(int labelWidth, int labelCount)
    {
        // 3 samples of 2 values.
        var error = Assert.Throws<ArgumentException>(() => new DataSet(new float[6], [2], new float[labelCount], labelWidth));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains($"Expected 3 labels of width {labelWidth} ({3 * labelWidth} values)", error.Message);
        Assert.Contains($"found {labelCount} values", error.Message);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void Constructor_NonFiniteFeature_NamesValueSampleAndPosition(float value, string shown)
    {
        float[] features = new float[3 * 4];
        features[1 * 4 + 2] = value;

        var error = Assert.Throws<ArgumentException>(() => new DataSet(features, [4], new float[3]));

        Assert.Equal("features", error.ParamName);
        Assert.Contains("finite feature values", error.Message);
        Assert.Contains($"found {shown} in sample 1 (value 2)", error.Message);
    }

    [Fact]
    public void Constructor_NaNLabel_NamesSampleAndPosition()
    {
        float[] labels = [0, 1, 0, 1, float.NaN, 0];

        var error = Assert.Throws<ArgumentException>(() => new DataSet(new float[3 * 4], [4], labels, labelWidth: 2));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("finite label values", error.Message);
        Assert.Contains("found NaN in sample 2 (value 0)", error.Message);
    }

    [Theory]
    [InlineData(new[] { 0 }, "(0,)")]
    [InlineData(new[] { 28, 0 }, "(28, 0)")]
    [InlineData(new[] { 3, -2 }, "(3, -2)")]
    public void Constructor_NonPositiveDimension_NamesTheShape(int[] shape, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet(new float[4], shape, new float[1]));

        Assert.Equal("sampleShape", error.ParamName);
        Assert.Contains("must be positive", error.Message);
        Assert.Contains("found shape " + shown, error.Message);
    }

    [Fact]
    public void Constructor_NoDimensions_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet(new float[4], [], new float[1]));

        Assert.Equal("sampleShape", error.ParamName);
        Assert.Contains("at least one dimension", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_NonPositiveLabelWidth_NamesTheWidth(int width)
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet(new float[4], [4], new float[1], width));

        Assert.Equal("labelWidth", error.ParamName);
        Assert.Contains($"found {width}", error.Message);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new DataSet(null!, [1], [0]));
        Assert.Throws<ArgumentNullException>(() => new DataSet([0], null!, [0]));
        Assert.Throws<ArgumentNullException>(() => new DataSet([0], [1], null!));
    }

    [Fact]
    public void FromClassLabels_StoresIndicesAsFloats()
    {
        DataSet data = DataSet.FromClassLabels(new float[3 * 2], [2], [2, 0, 1]);

        Assert.Equal(1, data.LabelWidth);
        Assert.Equal([2f, 0, 1], data.Labels);
    }

    [Fact]
    public void FromClassLabels_NegativeLabel_NamesValueAndIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => DataSet.FromClassLabels(new float[3 * 2], [2], [2, 0, -1]));

        Assert.Equal("classLabels", error.ParamName);
        Assert.Contains("non-negative", error.Message);
        Assert.Contains("found -1 at index 2", error.Message);
    }

    [Fact]
    public void FromClassLabels_CountMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => DataSet.FromClassLabels(new float[3 * 2], [2], [1, 0]));

        Assert.Contains("Expected 3 labels of width 1", error.Message);
        Assert.Contains("found 2 values", error.Message);
    }

    [Fact]
    public void Slice_CopiesTheRange()
    {
        var data = new DataSet([1, 2, 3, 4, 5, 6], [2], [0, 1, 2]);

        DataSet slice = data.Slice(1, 2);
        data.Features[2] = 99;

        Assert.Equal(2, slice.Count);
        Assert.Equal([3f, 4, 5, 6], slice.Features);
        Assert.Equal([1f, 2], slice.Labels);
        Assert.Equal([2], slice.SampleShape);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    public void Slice_OutOfRange_NamesTheRange(int start, int count)
    {
        var data = new DataSet([1, 2, 3, 4, 5, 6], [2], [0, 1, 2]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.Slice(start, count));

        Assert.Contains("[0, 3)", error.Message);
        Assert.Contains($"start {start}, count {count}", error.Message);
    }

    [Fact]
    public void Reshape_SharesTheArraysAndChangesTheSampleShape()
    {
        float[] features = Enumerable.Range(0, 2 * 12).Select(i => (float)i).ToArray();
        var data = new DataSet(features, [3, 4], [0f, 1f]);

        DataSet maps = data.Reshape(3, 4, 1);

        Assert.Same(features, maps.Features);
        Assert.Same(data.Labels, maps.Labels);
        Assert.Equal([3, 4, 1], maps.SampleShape);
        Assert.Equal([3, 4], data.SampleShape);
        Assert.Equal(2, maps.Count);
    }

    [Fact]
    public void Reshape_WithAnotherSize_NamesBothShapes()
    {
        var data = new DataSet(new float[24], [3, 4], [0f, 1f]);

        var error = Assert.Throws<ArgumentException>(() => data.Reshape(28, 28, 1));

        Assert.Contains("Expected a shape of 12 values per sample, like the current (3, 4); found (28, 28, 1) (784 values)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reshape_WithANonPositiveDimension_Throws()
    {
        var data = new DataSet(new float[24], [3, 4], [0f, 1f]);

        Assert.Throws<ArgumentException>(() => data.Reshape(-1, 12));
    }
}
