using System;
using System.IO;

namespace NetGen.Tests.Parity;

/// <summary>
/// The fixture loader's translation of Keras's pooling and zero-padding layers (the fixtures that use them also need
/// Conv layers, so this checks the mapping on a model of its own): pool_size as an int or a pair, strides None, equal to
/// the pool or another step, padding, the global layers, ZeroPadding2D's three forms, and the shapes that follow.
/// </summary>
public sealed class PoolingFixtureTranslationTests
{
    private const string Layers = """
        [
          {"type": "ZeroPadding2D", "name": "zp", "padding": [[1, 0], [2, 1]]},
          {"type": "MaxPooling2D", "name": "mp", "pool_size": [2, 2], "strides": null, "padding": "valid"},
          {"type": "AveragePooling2D", "name": "ap", "pool_size": [3, 2], "strides": [1, 1], "padding": "same", "data_format": "channels_last"},
          {"type": "ZeroPadding2D", "name": "zp2", "padding": 1},
          {"type": "MaxPooling2D", "name": "mp2", "pool_size": 2, "strides": 2},
          {"type": "GlobalAveragePooling2D", "name": "gap"},
          {"type": "Dense", "name": "dense", "units": 2}
        ]
        """;

    [Fact]
    public void PoolingLayers_TranslateToTheirAttributes()
    {
        ReferenceFixture fixture = Load(Layers, inputShape: "[5, 6, 3]", denseInputs: 3);

        Assert.Empty(fixture.MissingFeatures);
        Assert.Contains("[ZeroPadding2D(1, 0, 2, 1, Name = \"zp\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[MaxPooling2D(2, Name = \"mp\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[AveragePooling2D(3, 2, Strides = 1, Padding = Padding.Same, Name = \"ap\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[ZeroPadding2D(1, 1, 1, 1, Name = \"zp2\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[MaxPooling2D(2, Name = \"mp2\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[GlobalAveragePooling2D(Name = \"gap\")]", fixture.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void OneDimensionalLayers_Translate()
    {
        const string layers = """
            [
              {"type": "ZeroPadding1D", "name": "zp", "padding": [1, 2]},
              {"type": "MaxPooling1D", "name": "mp", "pool_size": [3], "strides": [2], "padding": "same"},
              {"type": "AveragePooling1D", "name": "ap", "pool_size": 2},
              {"type": "GlobalMaxPooling1D", "name": "gmp"},
              {"type": "Dense", "name": "dense", "units": 2}
            ]
            """;

        ReferenceFixture fixture = Load(layers, inputShape: "[8, 3]", denseInputs: 3);

        Assert.Empty(fixture.MissingFeatures);
        Assert.Contains("[ZeroPadding1D(1, 2, Name = \"zp\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[MaxPooling1D(3, Strides = 2, Padding = Padding.Same, Name = \"mp\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[AveragePooling1D(2, Name = \"ap\")]", fixture.Source, StringComparison.Ordinal);
        Assert.Contains("[GlobalMaxPooling1D(Name = \"gmp\")]", fixture.Source, StringComparison.Ordinal);
    }

    /// <summary>What NetGen cannot say is a skip: strides that differ per axis, and a pool on the wrong rank.</summary>
    [Fact]
    public void UnsupportedArguments_AreMissingFeatures()
    {
        const string layers = """
            [
              {"type": "MaxPooling2D", "name": "mp", "pool_size": 2, "strides": [1, 2]},
              {"type": "GlobalAveragePooling1D", "name": "gap"},
              {"type": "Dense", "name": "dense", "units": 2}
            ]
            """;

        ReferenceFixture fixture = Load(layers, inputShape: "[4, 4, 3]", denseInputs: 3);

        Assert.Contains(fixture.MissingFeatures, need => need.Contains("strides (1, 2)", StringComparison.Ordinal));
        Assert.Contains(fixture.MissingFeatures, need => need.Contains("needs GlobalAveragePooling1D on a rank-4 input", StringComparison.Ordinal));
    }

    private static ReferenceFixture Load(string layers, string inputShape, int denseInputs)
    {
        static string Zeros(int count) => "[" + string.Join(", ", new string('0', count).ToCharArray()) + "]";
        int inputSize = 1;
        foreach (string d in inputShape.Trim('[', ']').Split(',')) inputSize *= int.Parse(d, System.Globalization.CultureInfo.InvariantCulture);
        string kernel = Zeros(denseInputs * 2), x = Zeros(inputSize);
        string json = $$"""
            { 
              "name": "pooling_translation",
              "model": { 
                "inputs": [{ "name": "input", "shape": {{inputShape}} } ],
                "layers": {{layers}},
                "loss": { "type": "MeanSquaredError"} ,
                "optimizer": { "type": "SGD", "learning_rate": 0.1} 
              } ,
              "weights": { "dense/kernel": { "shape": [{{denseInputs}}, 2], "data": {{kernel}} } , "dense/bias": { "shape": [2], "data": [0, 0]} } ,
              "x": { "input": { "shape": [1, {{inputShape.Trim('[', ']')}}], "data": {{x}} } } ,
              "y": { "shape": [1, 2], "data": [0, 0]} ,
              "expected": { "inference_output": { "shape": [1, 2], "data": [0, 0]} } ,
              "tolerance": { "rtol": 0.0001, "atol": 1e-05} 
            } 
            """;
        string path = Path.Combine(Path.GetTempPath(), $"netgen_pooling_translation_{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            return FixtureLoader.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
