using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Networks with several outputs (Keras's <c>Model(outputs=[…])</c> with <c>loss_weights</c>): gradients, the weighted
/// loss, the per-output logs of Fit and Evaluate, labels given by output name, and predictions split by output.
/// </summary>
public sealed class MultiOutputTests
{
    private readonly ITestOutputHelper _output;

    public MultiOutputTests(ITestOutputHelper output) => _output = output;

    private static float[] Uniform(int count, int seed, float low = -1, float high = 1)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = low + (high - low) * (float)random.NextDouble();
        return values;
    }

    /// <summary>Label rows of <see cref="ClassifyAndRegressNet"/>: a class index (cls) then two targets (reg).</summary>
    private static float[] ClassifyAndRegressLabels(int batch, int seed)
    {
        var random = new Random(seed);
        var labels = new float[batch * 3];
        for (int b = 0; b < batch; b++)
        {
            labels[b * 3] = random.Next(3);
            labels[b * 3 + 1] = (float)(random.NextDouble() * 2 - 1);
            labels[b * 3 + 2] = (float)(random.NextDouble() * 2 - 1);
        }
        return labels;
    }

    /// <summary>Label rows of <see cref="LogitAndMaeNet"/>: a binary target (bin) then two targets (mae).</summary>
    private static float[] LogitAndMaeLabels(int batch, int seed)
    {
        var random = new Random(seed);
        var labels = new float[batch * 3];
        for (int b = 0; b < batch; b++)
        {
            labels[b * 3] = b % 3 == 2 ? 0.3f : b % 2;
            labels[b * 3 + 1] = (float)(random.NextDouble() * 4 - 2);
            labels[b * 3 + 2] = (float)(random.NextDouble() * 4 - 2);
        }
        return labels;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Gradients_OfWeightedLosses_MatchCentralDifferences(int batch)
    {
        var cases = new (Model Model, float[] Labels)[]
        {
            (new ClassifyAndRegressNet(seed: 3), ClassifyAndRegressLabels(batch, 11)),
            (new LogitAndMaeNet(seed: 5), LogitAndMaeLabels(batch, 13)),
        };
        foreach (var (model, labels) in cases)
        {
            float[] inputs = Uniform(batch * model.InputSize, 17 + batch);
            GradientCheckReport report = GradientChecker.Check(model, inputs, batch, labels);
            _output.WriteLine(report.ToString());
            Assert.True(report.Passed, report.ToString());
        }
    }

    [Fact]
    public void GradientCheck_FailsWhenALossWeightIsIgnored()
    {
        // Negative control: the analytic gradient of the second output's head without its weight 0.3 fails the check.
        var model = new ClassifyAndRegressNet(seed: 3);
        float[] inputs = Uniform(3 * 4, 19);
        float[] labels = ClassifyAndRegressLabels(3, 23);
        WeightInfo kernel = model.Description.GetWeight("reg/kernel");
        GradientCheckReport report = GradientChecker.Check(model, inputs, 3, labels, new GradientCheckOptions
        {
            Corrupt = (gradients, _) =>
            {
                for (int i = kernel.Offset; i < kernel.Offset + kernel.Length; i++) gradients[i] /= 0.3f;
            },
        });
        Assert.False(report.Passed);
    }

    [Fact]
    public void Loss_IsTheWeightedSumOfEachOutputsMeanSquaredError()
    {
        const int batch = 6;
        var model = new WideDeepAuxNet(seed: 4);
        float[] wide = Uniform(batch * 5, 1), deep = Uniform(batch * 6, 2), y = Uniform(batch, 3), yAux = Uniform(batch, 4);
        float[] outputs = model.Forward([wide, deep], batch, training: false).ToArray();
        Assert.Equal(batch * 2, outputs.Length);

        double mainSum = 0, auxSum = 0;
        var labels = new float[batch * 2];
        for (int b = 0; b < batch; b++)
        {
            mainSum += Math.Pow(outputs[b * 2] - y[b], 2);
            auxSum += Math.Pow(outputs[b * 2 + 1] - yAux[b], 2);
            labels[b * 2] = y[b];
            labels[b * 2 + 1] = yAux[b];
        }
        double main = mainSum / batch, aux = auxSum / batch;

        double loss = model.ComputeLoss(labels);
        Assert.Equal(0.9 * main + 0.1 * aux, loss, 1e-6);
        Assert.Equal(main, model.OutputLosses[0], 1e-6);
        Assert.Equal(aux, model.OutputLosses[1], 1e-6);

        // The output row is the outputs' values concatenated; SelectOutput takes one back out.
        Assert.Equal(Enumerable.Range(0, batch).Select(b => outputs[b * 2]), model.SelectOutput(outputs, "main_output"));
        Assert.Equal(Enumerable.Range(0, batch).Select(b => outputs[b * 2 + 1]), model.SelectOutput(outputs, "aux_output"));
        Assert.Contains("no output 'nope'", Assert.Throws<ArgumentException>(() => model.SelectOutput(outputs, "nope")).Message);
    }

    [Fact]
    public void Description_ListsTheOutputsWithTheirLossesAndWeights()
    {
        ModelDescription description = new ClassifyAndRegressNet().Description;
        Assert.Equal(5, description.OutputSize);
        Assert.Equal(3, description.LabelWidth);
        Assert.Equal(
            new[] { new OutputInfo("cls", 3, Loss.SparseCategoricalCrossentropy, false, 0.7), new OutputInfo("reg", 2, Loss.MeanSquaredError, false, 0.3) },
            description.Outputs);

        // A network with one output describes it from its last layer.
        ModelDescription single = new RtRegression().Description;
        OutputInfo only = Assert.Single(single.Outputs);
        Assert.Equal(("dense", 2, Loss.MeanSquaredError, 1.0), (only.Name, only.Size, only.Loss, only.Weight));
    }

    private static DataSet WideDeepData(int count, int seed, bool reversed = false)
    {
        float[] wide = Uniform(count * 5, seed), deep = Uniform(count * 6, seed + 1);
        var y = new float[count];
        var yAux = new float[count];
        for (int i = 0; i < count; i++)
        {
            y[i] = 0.5f * wide[i * 5] - deep[i * 6 + 1];
            yAux[i] = deep[i * 6 + 2];
        }
        OutputLabels main = new("main_output", y), aux = new("aux_output", yAux);
        return DataSet.FromOutputLabels([("wide", wide), ("deep", deep)], reversed ? [aux, main] : [main, aux]);
    }

    [Fact]
    public void Fit_LogsEachOutputsLoss_WithValidation()
    {
        var model = new WideDeepAuxNet(seed: 1);
        var output = new StringWriter();
        History history = model.Fit(WideDeepData(64, 10), epochs: 2, batchSize: 16, validationData: WideDeepData(24, 20), output: output, verbose: 2);

        Assert.Equal(
            ["loss", "main_output_loss", "aux_output_loss", "val_loss", "val_main_output_loss", "val_aux_output_loss"],
            history.Keys);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            // Per batch loss = 0.9·main + 0.1·aux, so the epoch's sample-weighted means add up the same way.
            Assert.Equal(0.9 * history["main_output_loss"][epoch] + 0.1 * history["aux_output_loss"][epoch], history["loss"][epoch], 1e-6);
            Assert.Equal(0.9 * history["val_main_output_loss"][epoch] + 0.1 * history["val_aux_output_loss"][epoch], history["val_loss"][epoch], 1e-6);
        }
        Assert.Contains("val_main_output_loss: ", output.ToString());

        EvaluationResult evaluation = model.Evaluate(WideDeepData(24, 20), batchSize: 16);
        Assert.Equal(history["val_loss"][1], evaluation.Loss, 1e-9);
        Assert.Equal(["main_output_loss", "aux_output_loss"], evaluation.OutputLosses.Keys);
        Assert.Equal(history["val_aux_output_loss"][1], evaluation.OutputLosses["aux_output_loss"], 1e-9);
    }

    [Fact]
    public void Fit_NamesMetricsPerOutput()
    {
        var model = new ClassifyAndRegressNet(seed: 2);
        const int count = 30;
        float[] features = Uniform(count * 4, 5);
        float[] rows = ClassifyAndRegressLabels(count, 6);
        float[] classes = Enumerable.Range(0, count).Select(i => rows[i * 3]).ToArray();
        float[] targets = Enumerable.Range(0, count).SelectMany(i => new[] { rows[i * 3 + 1], rows[i * 3 + 2] }).ToArray();
        var data = DataSet.FromOutputLabels(features, [4], [new OutputLabels("reg", targets, 2), new OutputLabels("cls", classes)]);

        History history = model.Fit(data, epochs: 1, batchSize: 8, validationData: data, verbose: 0);
        Assert.Equal(
            ["loss", "cls_loss", "reg_loss", "cls_accuracy", "reg_accuracy", "val_loss", "val_cls_loss", "val_reg_loss", "val_cls_accuracy", "val_reg_accuracy"],
            history.Keys);

        // The same labels as one unnamed array of rows in output order give the same evaluation.
        var rowsData = new DataSet(features, [4], rows, 3);
        Assert.Equal(model.Evaluate(data).Loss, model.Evaluate(rowsData).Loss, 12);
    }

    [Fact]
    public void LabelsGivenInAnyOrder_EvaluateTheSame()
    {
        var model = new WideDeepAuxNet(seed: 7);
        EvaluationResult inOrder = model.Evaluate(WideDeepData(20, 3));
        EvaluationResult reversed = model.Evaluate(WideDeepData(20, 3, reversed: true));
        Assert.Equal(inOrder.Loss, reversed.Loss, 12);
        Assert.Equal(inOrder.OutputLosses["main_output_loss"], reversed.OutputLosses["main_output_loss"], 12);
    }

    [Fact]
    public void EarlyStopping_MonitorsAnOutputsValidationLoss()
    {
        var model = new WideDeepAuxNet(seed: 1);
        var warnings = new StringWriter();
        var stopping = new EarlyStopping(monitor: "val_main_output_loss", patience: 2, output: warnings);
        History history = model.Fit(WideDeepData(32, 1), epochs: 3, validationData: WideDeepData(16, 2), callbacks: [stopping], verbose: 0);
        Assert.Equal("", warnings.ToString());
        Assert.Equal(history["val_main_output_loss"].Min(), stopping.Best);
    }

    [Fact]
    public void DataSetLabels_ThatDoNotFitTheOutputs_AreRefusedByName()
    {
        var model = new WideDeepAuxNet();
        float[] wide = new float[4 * 5], deep = new float[4 * 6], y = new float[4];
        DataSet With(params OutputLabels[] labels) => DataSet.FromOutputLabels([("wide", wide), ("deep", deep)], labels);

        string missing = Assert.Throws<ArgumentException>(() => model.Evaluate(With(new OutputLabels("main_output", y)))).Message;
        Assert.Contains("output 'aux_output' has no labels in data", missing);
        string extra = Assert.Throws<ArgumentException>(() => model.Evaluate(With(new("main_output", y), new("aux_output", y), new("other", y)))).Message;
        Assert.Contains("labels of 'other', which is not an output", extra);
        string width = Assert.Throws<ArgumentException>(() => model.Evaluate(With(new("main_output", y), new("aux_output", new float[8], 2)))).Message;
        Assert.Contains("Output 'aux_output' (MeanSquaredError) expects labels of width 1", width);
        string unnamed = Assert.Throws<ArgumentException>(() => model.Evaluate(new DataSet([("wide", wide), ("deep", deep)], y))).Message;
        Assert.Contains("has 2 outputs ('main_output' (1 label value), 'aux_output' (1 label value))", unnamed);
        Assert.Contains("classWeight", Assert.Throws<ArgumentException>(() =>
            model.Fit(With(new("main_output", y), new("aux_output", y)), classWeight: new Dictionary<int, double> { [0] = 1 }, verbose: 0)).Message);

        // The data set itself: equal sample counts, names given once.
        Assert.Contains("output 'aux_output' has 3; output 'main_output' has 4",
            Assert.Throws<ArgumentException>(() => With(new("main_output", y), new("aux_output", new float[3]))).Message);
        Assert.Contains("'main_output' are given twice", Assert.Throws<ArgumentException>(() => With(new("main_output", y), new("main_output", y))).Message);
    }

    [Fact]
    public void ClassIndexLabels_AreCheckedPerOutput()
    {
        var model = new ClassifyAndRegressNet();
        var data = DataSet.FromOutputLabels(new float[2 * 4], [4], [new OutputLabels("cls", [0, 3]), new OutputLabels("reg", new float[4], 2)]);
        string message = Assert.Throws<ArgumentException>(() => model.Evaluate(data)).Message;
        Assert.Contains("Output 'cls' expects class labels that are integers in [0, 3); data has 3 at sample 1", message);

        var sliced = DataSet.FromOutputLabels(new float[3 * 4], [4], [new OutputLabels("cls", [0, 1, 2]), new OutputLabels("reg", new float[6], 2)]).Slice(1, 2);
        Assert.Equal(["cls", "reg"], sliced.LabelNames);
        Assert.Equal([1f, 2f], sliced.GetOutputLabels("cls"));
    }
}
