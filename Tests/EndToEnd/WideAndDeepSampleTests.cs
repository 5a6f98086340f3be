using System;
using System.IO;
using System.Linq;
using NetGen.Samples.WideAndDeep;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// Samples/WideAndDeep's networks and diabetes loader (compiled into this assembly, with the sample's embedded copy of
/// the data): the two-input graph the tutorial declares, the data and its split, and a short training run of each
/// network that must beat predicting the training mean on the test part.
/// </summary>
public sealed class WideAndDeepSampleTests
{
    [Fact]
    public void WideAndDeep_IsTheTutorialGraph()
    {
        var model = new WideAndDeepRegressor(seed: 1);
        ModelDescription description = model.Description;

        Assert.True(description.IsGraph);
        Assert.Equal(["wide", "deep"], description.Inputs.Select(input => input.Name));
        Assert.Equal([5], description.Inputs[0].Shape);
        Assert.Equal([6], description.Inputs[1].Shape);
        Assert.Equal(["Dense", "Dense", "Concatenate", "Dense"], description.Layers.Select(l => l.Type));
        Assert.Equal(["deep"], description.Layers[0].Inbound);
        Assert.Equal(["wide", "dense_1"], description.Layers[2].Inbound);
        Assert.Equal("(None, 35)", description.Layers[2].OutputShape);
        // 6·30 + 30, 30·30 + 30, 35·1 + 1.
        Assert.Equal(210 + 930 + 36, description.ParameterCount);
        Assert.Equal(Loss.MeanSquaredError, description.Loss);
        Assert.Equal(Optimizer.Sgd, description.Optimizer);
        Assert.Equal(0.01, model.LearningRate);
        Assert.Equal(0.01, new SequentialRegressor(seed: 1).LearningRate);
    }

    [Fact]
    public void Bundled_Is442PatientsOf10Features_AsScikitLearnShipsThem()
    {
        DiabetesData data = Diabetes.LoadBundled();

        Assert.True(data.Bundled);
        Assert.Equal(442, data.Targets.Length);
        Assert.All(data.Features, row => Assert.Equal(10, row.Length));
        // The first line of diabetes_data_raw.csv.gz and of diabetes_target.csv.gz.
        Assert.Equal([59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87], data.Features[0]);
        Assert.Equal(151, data.Targets[0]);
    }

    [Fact]
    public void Load_WithoutTheFiles_FallsBackToTheBundledCopy_AndWithThemReadsTheSameData()
    {
        DiabetesData fallback = Diabetes.Load(Path.Combine(Path.GetTempPath(), "netgen-no-such-directory-" + Guid.NewGuid().ToString("N")));
        Assert.True(fallback.Bundled);

        DiabetesData installed = Diabetes.Load();
        if (installed.Bundled) return; // python3-sklearn is not installed: nothing more to compare.
        Assert.Equal(fallback.Targets, installed.Targets);
        Assert.Equal(fallback.Features.SelectMany(row => row), installed.Features.SelectMany(row => row));
    }

    [Fact]
    public void Split_IsSeeded_60_20_20_StandardizedByTheTrainingPart()
    {
        DiabetesData data = Diabetes.LoadBundled();
        DiabetesSplit split = data.Split(seed: 42);

        Assert.Equal((265, 88, 89), (split.Train.Count, split.Validation.Count, split.Test.Count));
        Assert.Equal(split.Test.Features, data.Split(seed: 42).Test.Features);
        Assert.NotEqual(split.Test.Features, data.Split(seed: 43).Test.Features);
        for (int j = 0; j < 10; j++)
        {
            double[] column = Enumerable.Range(0, split.Train.Count).Select(i => (double)split.Train.Features[i * 10 + j]).ToArray();
            Assert.Equal(0, column.Average(), 5);
            Assert.Equal(1, Math.Sqrt(column.Average(v => v * v)), 4);
        }
        Assert.Equal(0, split.Train.Targets.Average(v => (double)v), 5);

        // Wide = features 0–4, deep = features 4–9: feature 4 feeds both.
        DataSet wideAndDeep = split.Test.ToWideAndDeep();
        Assert.Equal(["wide", "deep"], wideAndDeep.Inputs.Select(input => input.Name));
        Assert.Equal(split.Test.Features.AsSpan(0, 5).ToArray(), wideAndDeep.GetFeatures(0, 0).ToArray());
        Assert.Equal(split.Test.Features.AsSpan(4, 6).ToArray(), wideAndDeep.GetFeatures(1, 0).ToArray());
        Assert.Equal(split.Test.Features.AsSpan(10 + 4, 6).ToArray(), wideAndDeep.GetFeatures(1, 1).ToArray());
    }

    /// <summary>
    /// 30 epochs of SGD on the real data (python3-sklearn's files, else the embedded copy): the test MSE (standardized
    /// target) must clearly beat predicting the training mean, which scores the test targets' mean square.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EachNetwork_TrainsAndBeatsPredictingTheMean(bool wideAndDeep)
    {
        DiabetesSplit split = Diabetes.Load().Split(seed: 42);
        Model model = wideAndDeep ? new WideAndDeepRegressor(seed: 42) : new SequentialRegressor(seed: 42);
        DataSet Data(DiabetesPart part) => wideAndDeep ? part.ToWideAndDeep() : part.ToDataSet();

        History history = model.Fit(Data(split.Train), epochs: 30, batchSize: 32, validationData: Data(split.Validation), verbose: 0);
        double mse = model.Evaluate(Data(split.Test)).Loss;

        double meanMse = split.Test.Targets.Average(y => (double)y * y);
        Assert.True(history["loss"][^1] < history["loss"][0], $"training loss {history["loss"][0]} → {history["loss"][^1]}");
        Assert.True(mse < 0.75 * meanMse, $"test MSE {mse} should clearly beat predicting the mean ({meanMse})");
    }
}
