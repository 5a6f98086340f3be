using System;

namespace NetGen.Tests.Runtime;

/// <summary>Data sets with several named inputs: construction, accessors, slicing, and every check of the constructors.</summary>
public sealed class MultiInputDataSetTests
{
    // 2 samples: wide (3,) and deep (2,).
    private static readonly float[] WideValues = [1, 2, 3, 4, 5, 6], DeepValues = [-1, -2, -3, -4];

    [Fact]
    public void NamedVectors_ShapesComeFromTheLabelCount()
    {
        var data = new DataSet([("wide", WideValues), ("deep", DeepValues)], [0.5f, 1.5f]);

        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.Inputs.Count);
        Assert.Equal("wide", data.Inputs[0].Name);
        Assert.Equal([3], data.Inputs[0].SampleShape);
        Assert.Equal("deep", data.Inputs[1].Name);
        Assert.Equal([2], data.Inputs[1].SampleShape);
        Assert.Same(DeepValues, data.Inputs[1].Values);
        Assert.Equal([4f, 5, 6], data.GetFeatures(0, 1).ToArray());
        Assert.Equal([-3f, -4], data.GetFeatures(1, 1).ToArray());
        Assert.Equal([1.5f], data.GetLabel(1).ToArray());
        // The single-input view is the first input.
        Assert.Same(WideValues, data.Features);
        Assert.Equal([3], data.SampleShape);
        Assert.Equal(3, data.SampleSize);
        Assert.Equal([4f, 5, 6], data.GetFeatures(1).ToArray());
        Assert.Equal("DataSet(2 samples of inputs 'wide' (3,), 'deep' (2,), labels of width 1)", data.ToString());
    }

    [Fact]
    public void NamedVectors_LabelWidthDividesTheLabels()
    {
        var data = new DataSet([("wide", WideValues), ("deep", DeepValues)], [1, 0, 0, 1], labelWidth: 2);

        Assert.Equal(2, data.Count);
        Assert.Equal([0f, 1], data.GetLabel(1).ToArray());
    }

    [Fact]
    public void ExplicitShapes_KeepTheirShapesAsCopies()
    {
        int[] imageShape = [2, 2];
        var data = new DataSet(
            [new DataSetInput("image", new float[3 * 4], imageShape), new DataSetInput("extra", [1, 2, 3], [1])],
            [0, 1, 2]);
        imageShape[0] = 99;

        Assert.Equal(3, data.Count);
        Assert.Equal([2, 2], data.Inputs[0].SampleShape);
        Assert.Equal([2, 2], data.SampleShape);
        Assert.Equal([3f], data.GetFeatures(1, 2).ToArray());
    }

    [Fact]
    public void OldConstructor_HasOneInputNamedInput()
    {
        var data = new DataSet([1, 2, 3, 4], [2], [0, 1]);

        DataSetInput input = Assert.Single(data.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Same(data.Features, input.Values);
        Assert.Equal([2], input.SampleShape);
        Assert.Equal([3f, 4], data.GetFeatures(0, 1).ToArray());
        Assert.Equal("DataSet(2 samples of shape (2,), labels of width 1)", data.ToString());
    }

    [Fact]
    public void Slice_KeepsEveryInputAndItsName()
    {
        var data = new DataSet([("wide", WideValues), ("deep", DeepValues)], [0.5f, 1.5f]);

        DataSet slice = data.Slice(1, 1);

        Assert.Equal(1, slice.Count);
        Assert.Equal(["wide", "deep"], [slice.Inputs[0].Name, slice.Inputs[1].Name]);
        Assert.Equal([4f, 5, 6], slice.Inputs[0].Values);
        Assert.Equal([-3f, -4], slice.Inputs[1].Values);
        Assert.Equal([3], slice.Inputs[0].SampleShape);
        Assert.Equal([1.5f], slice.Labels);
        Assert.NotSame(data.Inputs[0].Values, slice.Inputs[0].Values);
    }

    [Fact]
    public void Slice_OfASingleNamedInputKeepsTheName()
    {
        var data = new DataSet([("pixels", new float[] { 1, 2, 3, 4, 5, 6 })], [0, 1, 2]);

        DataSet slice = data.Slice(0, 2);

        Assert.Equal("pixels", Assert.Single(slice.Inputs).Name);
        Assert.Equal([1f, 2, 3, 4], slice.Features);
    }

    [Fact]
    public void GetFeatures_InputOutOfRange_Throws()
    {
        var data = new DataSet([("wide", WideValues), ("deep", DeepValues)], [0.5f, 1.5f]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.GetFeatures(2, 0));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("[0, 2)", error.Message);
    }

    [Fact]
    public void NoInputs_Throws()
    {
        var vectors = Assert.Throws<ArgumentException>(() => new DataSet(Array.Empty<(string, float[])>(), [1f]));
        var shaped = Assert.Throws<ArgumentException>(() => new DataSet(Array.Empty<DataSetInput>(), [1f]));

        Assert.Equal("inputs", vectors.ParamName);
        Assert.Contains("at least one input", vectors.Message);
        Assert.Contains("at least one input", shaped.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void EmptyName_NamesTheInputIndex(string? name)
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues), (name!, DeepValues)], [0.5f, 1.5f]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("Input 1 has an empty name", error.Message);
    }

    [Fact]
    public void DuplicateName_NamesItAndBothPositions()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DataSet([("wide", WideValues), ("deep", DeepValues), ("wide", new float[] { 7, 8 })], [0.5f, 1.5f]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("'wide' appears twice (inputs 0 and 2)", error.Message);
    }

    [Fact]
    public void NamedVectors_LengthNotAMultipleOfTheCount_NamesTheInput()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues), ("deep", new float[] { 1, 2, 3 })], [0.5f, 1.5f]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("input 'deep'", error.Message);
        Assert.Contains("multiple of the 2 samples", error.Message);
        Assert.Contains("found 3 values", error.Message);
    }

    [Fact]
    public void NamedVectors_EmptyValues_NamesTheInput()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues), ("deep", Array.Empty<float>())], [0.5f, 1.5f]));

        Assert.Contains("input 'deep'", error.Message);
        Assert.Contains("found 0 values", error.Message);
    }

    [Fact]
    public void NamedVectors_LabelsNotAWholeNumberOfRows_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues)], [1, 0, 1], labelWidth: 2));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("multiple of the label width 2", error.Message);
        Assert.Contains("found 3 values", error.Message);
    }

    [Fact]
    public void NamedVectors_NoLabels_IsEmpty()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues)], Array.Empty<float>()));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void NullValues_NamesTheInput()
    {
        var vectors = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues), ("deep", null!)], [0.5f, 1.5f]));
        var shaped = Assert.Throws<ArgumentException>(() => new DataSet([new DataSetInput("deep", null!, [2])], [0.5f]));

        Assert.Contains("input 'deep' are null", vectors.Message);
        Assert.Contains("input 'deep' are null", shaped.Message);
    }

    [Fact]
    public void ExplicitShapes_DifferentSampleCounts_NamesBothInputs()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet(
            [new DataSetInput("wide", WideValues, [3]), new DataSetInput("deep", new float[6], [2])], [0.5f, 1.5f]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("input 'deep' holds 3", error.Message);
        Assert.Contains("input 'wide' holds 2", error.Message);
    }

    [Fact]
    public void ExplicitShapes_NotAWholeNumberOfSamples_NamesTheInputAndShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([new DataSetInput("image", new float[7], [2, 2])], [0f]));

        Assert.Contains("input 'image'", error.Message);
        Assert.Contains("sample size 4 (shape (2, 2))", error.Message);
        Assert.Contains("found 7 values", error.Message);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 2, 0 })]
    [InlineData(new[] { -1 })]
    public void ExplicitShapes_BadShape_NamesTheInput(int[] shape)
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([new DataSetInput("image", new float[4], shape)], [0f]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("input 'image'", error.Message);
    }

    [Fact]
    public void ExplicitShapes_LabelCountMismatch_NamesExpectedAndFound()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet(
            [new DataSetInput("wide", WideValues, [3]), new DataSetInput("deep", DeepValues, [2])], [0.5f, 1.5f, 2.5f]));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("Expected 2 labels of width 1 (2 values)", error.Message);
        Assert.Contains("found 3 values", error.Message);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void NonFiniteFeature_NamesTheInputSampleAndPosition(float value, string shown)
    {
        float[] deep = [0, 0, 0, value];

        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues), ("deep", deep)], [0.5f, 1.5f]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("finite feature values in input 'deep'", error.Message);
        Assert.Contains($"found {shown} in sample 1 (value 1)", error.Message);
    }

    [Fact]
    public void NonFiniteLabel_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues), ("deep", DeepValues)], [0.5f, float.NaN]));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("finite label values", error.Message);
        Assert.Contains("sample 1", error.Message);
    }

    [Fact]
    public void BadLabelWidth_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataSet([("wide", WideValues)], [0.5f, 1.5f], labelWidth: 0));

        Assert.Equal("labelWidth", error.ParamName);
    }
}
