using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// A network with two inputs (<see cref="TwoInputNet"/>, written by hand): its description, Forward with one array per
/// input, and Fit / Evaluate / Predict matching a data set's inputs to the network's by name, with their errors.
/// </summary>
public sealed class MultiInputModelTests
{
    private static readonly float[] TrueKernel = [1, 2, 3, -1, 0.5f];
    private const float TrueBias = 0.25f;

    /// <summary><paramref name="count"/> samples of y = wide·[1, 2, 3] + deep·[−1, 0.5] + 0.25, seeded.</summary>
    private static (float[] Wide, float[] Deep, float[] Labels) Linear(int count, int seed)
    {
        var random = new SeededRandom(seed);
        var wide = new float[count * 3];
        var deep = new float[count * 2];
        var labels = new float[count];
        for (int i = 0; i < wide.Length; i++) wide[i] = 2 * random.NextSingle() - 1;
        for (int i = 0; i < deep.Length; i++) deep[i] = 2 * random.NextSingle() - 1;
        for (int b = 0; b < count; b++)
        {
            float y = TrueBias;
            for (int j = 0; j < 3; j++) y += wide[b * 3 + j] * TrueKernel[j];
            for (int j = 0; j < 2; j++) y += deep[b * 2 + j] * TrueKernel[3 + j];
            labels[b] = y;
        }
        return (wide, deep, labels);
    }

    private static DataSet WideFirst(int count = 64, int seed = 1)
    {
        var (wide, deep, labels) = Linear(count, seed);
        return new DataSet([("wide", wide), ("deep", deep)], labels);
    }

    private static DataSet DeepFirst(int count = 64, int seed = 1)
    {
        var (wide, deep, labels) = Linear(count, seed);
        return new DataSet([("deep", deep), ("wide", wide)], labels);
    }

    /// <summary>Sets the weights to the true ones, so outputs are known: out = Σ wide·k + Σ deep·k + b.</summary>
    private static TwoInputNet Exact()
    {
        var model = new TwoInputNet();
        model.SetWeights("dense/kernel", TrueKernel);
        model.SetWeights("dense/bias", [TrueBias]);
        return model;
    }

    // ---- Description ----

    [Fact]
    public void Description_WithoutInputs_HasOneInputNamedInput()
    {
        var description = new RtRegression().Description;

        InputInfo input = Assert.Single(description.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal([6], input.Shape);
        Assert.Equal(6, input.Size);
        Assert.False(description.IsGraph);
        Assert.All(description.Layers, layer => Assert.Null(layer.Inbound));
        Assert.Equal(1, new RtRegression().InputCount);
    }

    [Fact]
    public void InputInfo_SizeIsTheProductOfTheShape()
    {
        Assert.Equal(784, new InputInfo("image", [28, 28]).Size);
        Assert.Equal(5, new InputInfo("wide", [5]).Size);
    }

    [Fact]
    public void Description_TwoInputs_CountsAndSizes()
    {
        var model = new TwoInputNet();

        Assert.Equal(2, model.InputCount);
        Assert.Equal(3, model.InputSize); // the first input's
        Assert.Equal(["wide", "deep"], model.Description.Inputs.Select(input => input.Name));
        Assert.True(model.Description.IsGraph);
    }

    [Fact]
    public void Description_FirstInputDisagreesWithInputShape_IsRefused()
    {
        ModelDescription description = TwoInputNet.Describe();
        var wrong = CopyWith(description, inputShape: [4]);

        var error = Assert.Throws<ArgumentException>(() => new DescribedNet(wrong));

        Assert.Contains("InputShape is (4,)", error.Message);
        Assert.Contains("first input 'wide' has shape (3,)", error.Message);
    }

    [Fact]
    public void Description_RepeatedInputName_IsRefused()
    {
        var twice = CopyWith(TwoInputNet.Describe(), inputs: [new InputInfo("wide", [3]), new InputInfo("wide", [2])]);

        var error = Assert.Throws<ArgumentException>(() => new DescribedNet(twice));

        Assert.Contains("declares the input 'wide' twice", error.Message);
    }

    [Fact]
    public void Description_UnknownInboundName_IsRefused()
    {
        var unknown = TwoInputNet.Describe(concatenated: ["wide", "dep"]);

        var error = Assert.Throws<ArgumentException>(() => new DescribedNet(unknown));

        Assert.Contains("layer 'concatenate' reads 'dep'", error.Message);
    }

    [Fact]
    public void Description_LayerNamedLikeAnInput_IsRefusedInAGraph()
    {
        var clash = DescribedNet.Graph("Clash", [new InputInfo("x", [2])],
            [new LayerInfo("x", "Dense", "(None, 1)", 3, ["x"])], [("x/kernel", [2, 1]), ("x/bias", [1])]);

        var error = Assert.Throws<ArgumentException>(() => new DescribedNet(clash));

        Assert.Contains("uses the name 'x' twice", error.Message);
    }

    // ---- Forward ----

    [Fact]
    public void Forward_OneArrayPerInput_FillsEachBufferAndComputes()
    {
        var model = Exact();
        float[] wide = [1, 0, 0, 0, 1, 1], deep = [2, 0, 0, -2];

        float[] outputs = model.Forward([wide, deep], batch: 2, training: false).ToArray();

        // Sample 0: 1·1 + 2·(−1) + 0.25; sample 1: 2 + 3 + (−2)·0.5 + 0.25.
        Assert.Equal([-0.75f, 4.25f], outputs);
        Assert.Equal(wide, model.Buffer(0)[..6]);
        Assert.Equal(deep, model.Buffer(1)[..4]);
        Assert.Equal(model.Buffer(0), model.FirstBuffer());
    }

    [Fact]
    public void Forward_OneArray_OnATwoInputNetwork_PointsToTheOverload()
    {
        var model = new TwoInputNet();

        var error = Assert.Throws<ArgumentException>(() => model.Forward(new float[5], 1, training: false));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("has 2 inputs ('wide' (3,), 'deep' (2,))", error.Message);
        Assert.Contains("Forward(IReadOnlyList<float[]> inputs, int batch, bool training)", error.Message);
    }

    [Fact]
    public void Forward_WrongArrayCount_NamesTheInputs()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Forward([new float[3]], 1, training: false));

        Assert.Contains("has 2 input(s) ('wide' (3,), 'deep' (2,)); found 1 array(s)", error.Message);
    }

    [Fact]
    public void Forward_WrongLength_NamesTheInputAndBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Forward([new float[6], new float[5]], 2, training: false));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("Input 'deep' (input 1)", error.Message);
        Assert.Contains("expected 2 samples of 2 values (4 in all)", error.Message);
        Assert.Contains("found 5 values", error.Message);
    }

    [Fact]
    public void Forward_NullArray_NamesTheInput()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Forward([new float[3], null!], 1, training: false));

        Assert.Contains("input 'deep' (input 1) is null", error.Message);
    }

    [Fact]
    public void Forward_ListOverload_WorksForASingleInputNetwork()
    {
        var model = new RtRegression(seed: 3);
        float[] x = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f];

        float[] viaList = model.Forward([x], 1, training: false).ToArray();
        float[] viaSpan = model.Forward(x, 1, training: false).ToArray();

        Assert.Equal(viaSpan, viaList);
    }

    [Fact]
    public void TrainStep_ListOverload_UpdatesTheWeights_AndTheSpanOverloadIsRefused()
    {
        var model = new TwoInputNet(learningRate: 0.1);
        model.SetWeights("dense/kernel", new float[5]);
        model.SetWeights("dense/bias", [0f]);

        double loss = model.TrainStep([new float[] { 1, 0, 0 }, new float[] { 0, 0 }], [2f], batch: 1);

        // out = 0, loss = 4, d = 2·(0 − 2) = −4: k0 += 0.1·4, b += 0.1·4.
        Assert.Equal(4, loss, 6);
        Assert.Equal([0.4f, 0, 0, 0, 0], model.GetWeights("dense/kernel"));
        Assert.Equal([0.4f], model.GetWeights("dense/bias"));
        var error = Assert.Throws<ArgumentException>(() => model.TrainStep(new float[5], [0f], 1));
        Assert.Contains("TrainStep(IReadOnlyList<float[]> inputs", error.Message);
    }

    // ---- Fit ----

    [Fact]
    public void Fit_LearnsTheLinearMap_WithEachInputInItsOwnRows()
    {
        var model = new TwoInputNet(learningRate: 0.1, seed: 4);

        History history = model.Fit(WideFirst(256), epochs: 40, batchSize: 16, verbose: 0);

        float[] kernel = model.GetWeights("dense/kernel");
        for (int j = 0; j < 5; j++) Assert.Equal(TrueKernel[j], kernel[j], 2);
        Assert.Equal(TrueBias, model.GetWeights("dense/bias")[0], 2);
        Assert.True(history["loss"][^1] < 1e-4, $"final loss {history["loss"][^1]}");
    }

    [Fact]
    public void Fit_MatchesInputsByName_NotByPosition()
    {
        var wideFirst = new TwoInputNet(seed: 5);
        var deepFirst = new TwoInputNet(seed: 5);

        wideFirst.Fit(WideFirst(), epochs: 2, batchSize: 8, verbose: 0);
        deepFirst.Fit(DeepFirst(), epochs: 2, batchSize: 8, verbose: 0);

        Assert.Equal(Bits(wideFirst.Parameters), Bits(deepFirst.Parameters));
    }

    [Fact]
    public void Fit_GathersTheShuffledRowsOfEveryInput()
    {
        DataSet data = DeepFirst(10);
        var model = new TwoInputNet(seed: 6) { Seen = [] };

        model.Fit(data, epochs: 1, batchSize: 4, verbose: 0);

        // Every training batch holds whole samples: the wide row and the deep row of the same sample, in the same row.
        Assert.Equal(3, model.Seen.Count);
        var samples = new HashSet<int>();
        foreach (var (wide, deep) in model.Seen)
        {
            for (int b = 0; b < wide.Length / 3; b++)
            {
                int sample = FindRow(data, "wide", wide.AsSpan(b * 3, 3));
                Assert.True(sample >= 0, "a wide row that is no sample's");
                Assert.Equal(data.GetFeatures(0, sample).ToArray(), deep.AsSpan(b * 2, 2).ToArray()); // input 0 is deep
                samples.Add(sample);
            }
        }
        Assert.Equal(10, samples.Count);
    }

    [Fact]
    public void Fit_LargeBatchSplitOverThreads_GathersTheSameBatch()
    {
        // 8192 samples × 5 values × 128 is worth splitting over two threads (RunParallel's bound).
        DataSet data = DeepFirst(8192, seed: 7);
        var one = new TwoInputNet(seed: 8) { Threads = 1, Seen = [] };
        var two = new TwoInputNet(seed: 8) { Threads = 2, Seen = [] };

        one.Fit(data, epochs: 1, batchSize: 8192, shuffle: false, verbose: 0);
        two.Fit(data, epochs: 1, batchSize: 8192, shuffle: false, verbose: 0);

        Assert.Equal(data.Inputs[1].Values, two.Seen[0].Wide);
        Assert.Equal(data.Inputs[0].Values, two.Seen[0].Deep);
        Assert.Equal(Bits(one.Parameters), Bits(two.Parameters));
    }

    [Fact]
    public void Fit_ValidationDataAndSplit_KeepBothInputs()
    {
        var model = new TwoInputNet(seed: 9);

        History withData = model.Fit(WideFirst(32), epochs: 1, batchSize: 8, validationData: DeepFirst(16, seed: 2), verbose: 0);
        History withSplit = new TwoInputNet(seed: 9).Fit(DeepFirst(40), epochs: 1, batchSize: 8, validationSplit: 0.25, verbose: 0);

        Assert.True(double.IsFinite(withData["val_loss"][0]));
        Assert.True(double.IsFinite(withSplit["val_loss"][0]));
    }

    [Fact]
    public void Fit_MissingInput_NamesItAndBothSides()
    {
        var (wide, _, labels) = Linear(4, 1);
        var data = new DataSet([("wide", wide)], labels);

        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Fit(data, verbose: 0));

        Assert.Equal("train", error.ParamName);
        Assert.Contains("has an input 'deep' that train lacks", error.Message);
        Assert.Contains("the network's inputs are 'wide' (3,), 'deep' (2,)", error.Message);
        Assert.Contains("train has 'wide' (3,)", error.Message);
    }

    [Fact]
    public void Fit_MisnamedInput_IsMissingAndNamed()
    {
        var (wide, deep, labels) = Linear(4, 1);
        var data = new DataSet([("wide", wide), ("Deep", deep)], labels);

        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Fit(data, verbose: 0));

        Assert.Contains("input 'deep' that train lacks", error.Message);
        Assert.Contains("train has 'wide' (3,), 'Deep' (2,)", error.Message);
    }

    [Fact]
    public void Fit_ExtraInput_NamesIt()
    {
        var (wide, deep, labels) = Linear(4, 1);
        var data = new DataSet([("wide", wide), ("deep", deep), ("extra", new float[4])], labels);

        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Fit(data, verbose: 0));

        Assert.Equal("train", error.ParamName);
        Assert.Contains("train has an input 'extra' that the network TwoInputNet does not", error.Message);
    }

    [Fact]
    public void Fit_WrongSampleShape_NamesTheInputExpectedAndFound()
    {
        var (wide, _, labels) = Linear(4, 1);
        var data = new DataSet([("wide", wide), ("deep", new float[4 * 3])], labels);

        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Fit(data, verbose: 0));

        Assert.Contains("input 'deep' expects samples of shape (2,); train's input 'deep' has samples of shape (3,)", error.Message);
    }

    [Fact]
    public void Fit_BadValidationData_IsNamedAsSuch()
    {
        var (wide, _, labels) = Linear(4, 1);
        var validation = new DataSet([("wide", wide)], labels);

        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Fit(WideFirst(8), validationData: validation, verbose: 0));

        Assert.Equal("validationData", error.ParamName);
        Assert.Contains("'deep' that validationData lacks", error.Message);
    }

    [Fact]
    public void Fit_Augmentation_IsRefusedForSeveralInputs()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TwoInputNet().Fit(WideFirst(8), augmentation: new ImageAugmentation(horizontalFlip: true), verbose: 0));

        Assert.Equal("augmentation", error.ParamName);
        Assert.Contains("has 2 inputs", error.Message);
    }

    [Fact]
    public void Fit_RejectedData_LeavesTheWeightsAsTheyWere()
    {
        var model = new TwoInputNet(seed: 2);
        int[] before = Bits(model.Parameters);
        var (wide, _, labels) = Linear(4, 1);

        Assert.Throws<ArgumentException>(() => model.Fit(new DataSet([("wide", wide)], labels), verbose: 0));

        Assert.Equal(before, Bits(model.Parameters));
    }

    [Fact]
    public void Fit_SingleInputNetwork_TakesTheOnlyInputWhateverItsName()
    {
        var values = new float[8 * 6];
        for (int i = 0; i < values.Length; i++) values[i] = (i % 7) * 0.1f;
        var labels = new float[8 * 2];
        for (int i = 0; i < labels.Length; i++) labels[i] = (i % 3) * 0.5f;
        var named = new DataSet([("features", values)], labels, labelWidth: 2);
        var plain = new DataSet(values, [6], labels, labelWidth: 2);
        var a = new RtRegression(seed: 1);
        var b = new RtRegression(seed: 1);

        a.Fit(named, epochs: 2, batchSize: 4, verbose: 0);
        b.Fit(plain, epochs: 2, batchSize: 4, verbose: 0);

        Assert.Equal(Bits(b.Parameters), Bits(a.Parameters));
    }

    [Fact]
    public void Fit_SingleInputNetwork_RefusesSeveralInputs()
    {
        var data = new DataSet([("a", new float[2 * 6]), ("b", new float[2])], [0f, 1f]);

        var error = Assert.Throws<ArgumentException>(() => new RtRegression().Fit(data, verbose: 0));

        Assert.Contains("has one input; train has 2 inputs ('a' (6,), 'b' (1,))", error.Message);
    }

    // ---- Evaluate ----

    [Fact]
    public void Evaluate_ExactWeights_HaveZeroLoss_InEitherInputOrder()
    {
        var model = Exact();

        Assert.Equal(0, model.Evaluate(WideFirst(20), batchSize: 8).Loss, 10);
        Assert.Equal(0, model.Evaluate(DeepFirst(20), batchSize: 8).Loss, 10);
    }

    [Fact]
    public void Evaluate_ComputesTheLossOfEachInputsOwnRows()
    {
        var model = new TwoInputNet();
        model.SetWeights("dense/kernel", [1, 0, 0, 0, 1]);
        model.SetWeights("dense/bias", [0f]);
        // out = wide[0] + deep[1]: 1 + 10 = 11 and 2 + 20 = 22 against labels 0: MSE (121 + 484) / 2.
        var data = new DataSet([("deep", new float[] { 0, 10, 0, 20 }), ("wide", new float[] { 1, 0, 0, 2, 0, 0 })], [0f, 0f]);

        Assert.Equal(302.5, model.Evaluate(data, batchSize: 1).Loss, 6);
    }

    [Fact]
    public void Evaluate_MissingInput_NamesIt()
    {
        var data = new DataSet([("deep", new float[4])], [0f, 0f]);

        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Evaluate(data));

        Assert.Equal("data", error.ParamName);
        Assert.Contains("input 'wide' that data lacks", error.Message);
    }

    // ---- Predict ----

    [Fact]
    public void Predict_NamedArrays_InAnyOrder()
    {
        var model = Exact();
        var (wide, deep, labels) = Linear(7, 3);

        float[] wideFirst = model.Predict([("wide", wide), ("deep", deep)], batchSize: 3);
        float[] deepFirst = model.Predict([("deep", deep), ("wide", wide)], batchSize: 3);

        Assert.Equal(7, wideFirst.Length);
        for (int i = 0; i < 7; i++) Assert.Equal(labels[i], wideFirst[i], 5);
        Assert.Equal(wideFirst, deepFirst);
    }

    [Fact]
    public void Predict_OneArray_OnATwoInputNetwork_PointsToTheNamedOverload()
    {
        var model = new TwoInputNet();

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new float[5]));
        var into = Assert.Throws<ArgumentException>(() => model.Predict(new float[5], new float[1]));

        Assert.Contains("has 2 inputs", error.Message);
        Assert.Contains("Predict(IReadOnlyList<(string Name, float[] Values)> inputs", error.Message);
        Assert.Contains("has 2 inputs", into.Message);
    }

    [Fact]
    public void Predict_MissingInput_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Predict([("wide", new float[3])]));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("input 'deep' (2,) is missing: found 'wide'", error.Message);
    }

    [Fact]
    public void Predict_UnknownInput_NamesItAndTheNetworksInputs()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TwoInputNet().Predict([("wide", new float[3]), ("deep", new float[2]), ("extra", new float[1])]));

        Assert.Contains("has no input 'extra': its inputs are 'wide' (3,), 'deep' (2,)", error.Message);
    }

    [Fact]
    public void Predict_InputGivenTwice_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TwoInputNet().Predict([("wide", new float[3]), ("wide", new float[3])]));

        Assert.Contains("input 'wide' is given twice", error.Message);
    }

    [Fact]
    public void Predict_WrongLength_NamesTheInputAndItsShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Predict([("wide", new float[3]), ("deep", new float[3])]));

        Assert.Contains("Input 'deep' expects samples of shape (2,) (2 values each)", error.Message);
        Assert.Contains("positive multiple of 2 values; found 3", error.Message);
    }

    [Fact]
    public void Predict_DifferentSampleCounts_NamesBothInputs()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoInputNet().Predict([("wide", new float[6]), ("deep", new float[6])]));

        Assert.Contains("Input 'deep' holds 3 samples; input 'wide' holds 2", error.Message);
    }

    [Fact]
    public void Predict_NamedArray_OnASingleInputNetwork_IgnoresTheName()
    {
        var model = new RtRegression(seed: 2);
        var x = new float[12];
        for (int i = 0; i < x.Length; i++) x[i] = i * 0.05f;

        Assert.Equal(model.Predict(x), model.Predict([("anything", x)]));
        var error = Assert.Throws<ArgumentException>(() => model.Predict([("a", x), ("b", x)]));
        Assert.Contains("has one input; found 2 arrays ('a', 'b')", error.Message);
    }

    private static int FindRow(DataSet data, string input, ReadOnlySpan<float> row)
    {
        int index = data.Inputs.Select(i => i.Name).ToList().IndexOf(input);
        for (int sample = 0; sample < data.Count; sample++)
        {
            if (data.GetFeatures(index, sample).SequenceEqual(row)) return sample;
        }
        return -1;
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < bits.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }

    private static ModelDescription CopyWith(ModelDescription d, IReadOnlyList<int>? inputShape = null, IReadOnlyList<InputInfo>? inputs = null) => new()
    {
        Name = d.Name,
        InputShape = inputShape ?? d.InputShape,
        Inputs = inputs ?? d.Inputs,
        IsGraph = d.IsGraph,
        OutputSize = d.OutputSize,
        Layers = d.Layers,
        Weights = d.Weights,
        ParameterCount = d.ParameterCount,
        Loss = d.Loss,
        FromLogits = d.FromLogits,
        Optimizer = d.Optimizer,
        OptimizerSlotCount = d.OptimizerSlotCount,
        OptimizerSlotNames = d.OptimizerSlotNames,
        Metrics = d.Metrics,
    };
}
