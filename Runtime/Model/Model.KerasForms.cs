using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Trains the network on <paramref name="train"/> with <paramref name="options"/> (Keras's <c>fit</c> with keyword
    /// arguments): the options type keeps new settings out of the parameter list.
    /// </summary>
    /// <returns>The <see cref="History"/> of per-epoch logs.</returns>
    /// <exception cref="ArgumentException">The data, the sample weights or an option do not match the network.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of its range, e.g. <see cref="FitOptions.StepsPerEpoch"/> is not between 1 and the batches of one
    /// pass over the training data (the message gives both); nothing has been trained.
    /// </exception>
    public History Fit(DataSet train, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Verbose))
            throw new ArgumentOutOfRangeException(nameof(options), options.Verbose, "Expected Verbosity.Silent, ProgressBar or OneLinePerEpoch.");
        return FitCore(train, options.Epochs, options.BatchSize, options.ValidationData, options.Callbacks, options.Shuffle, (int)options.Verbose,
            options.Output, options.ValidationSplit, options.InitialEpoch, options.ValidationFreq, options.ClassWeight, options.Augmentation,
            options.CancellationToken, options.SampleWeight, options.ValidationBatchSize, options.StepsPerEpoch);
    }

    /// <summary>
    /// Trains the network on features <paramref name="x"/> and labels <paramref name="y"/> (Keras's <c>fit(x, y)</c>): the
    /// sample shape is the network's input shape and the label width its output's, so neither is repeated here.
    /// </summary>
    /// <param name="x">The samples, row-major: a whole number of samples of the input shape (e.g. 784 values per 28×28 image).</param>
    /// <param name="y">The labels: one class index per sample for sparse cross-entropy, else one row of output-size values per sample.</param>
    /// <param name="options">Epochs, batch size, validation, callbacks… (Keras's defaults when null).</param>
    /// <exception cref="ArgumentException">
    /// The network has several inputs (give a <see cref="DataSet"/> with one named array per input), or the arrays do not
    /// hold whole samples or the same number of samples; the message gives the expected and found sizes.
    /// </exception>
    public History Fit(float[] x, float[] y, FitOptions? options = null) => Fit(ToDataSet(x, y), options ?? new FitOptions());

    /// <summary>The loss and metrics on features <paramref name="x"/> and labels <paramref name="y"/> (Keras's <c>evaluate(x, y)</c>).</summary>
    /// <exception cref="ArgumentException">As <see cref="Fit(float[], float[], FitOptions?)"/>.</exception>
    /// <param name="x">The features, row-major, whole samples of the model's input shape.</param>
    /// <param name="y">The labels, one row per sample.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    /// <param name="verbose">As in <see cref="Evaluate(DataSet, int, Verbosity, TextWriter?)"/>.</param>
    /// <param name="output">Where the line goes (standard output when null).</param>
    public EvaluationResult Evaluate(float[] x, float[] y, int batchSize = 32, Verbosity verbose = Verbosity.Silent, TextWriter? output = null) =>
        Evaluate(ToDataSet(x, y), batchSize, verbose, output);

    /// <summary>
    /// The outputs for every sample of <paramref name="data"/> (its labels are ignored), one row per sample (Keras's
    /// <c>predict</c>); several inputs are matched by name.
    /// </summary>
    /// <exception cref="ArgumentException">The data's inputs do not match the network's.</exception>
    public Predictions Predict(DataSet data, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        var inputs = new List<(string Name, float[] Values)>(data.Inputs.Count);
        foreach (DataSetInput input in data.Inputs) inputs.Add((input.Name, input.Values));
        return new Predictions(Predict(inputs, batchSize), data.Count, OutputSize);
    }

    /// <summary>
    /// The outputs for the samples <paramref name="x"/> (row-major, a whole number of samples), one row per sample: the
    /// same values as <see cref="Predict(ReadOnlySpan{float}, int)"/>, keeping the sample axis.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Predict(ReadOnlySpan{float}, int)"/>.</exception>
    public Predictions PredictRows(ReadOnlySpan<float> x, int batchSize = 32)
    {
        float[] values = Predict(x, batchSize);
        return new Predictions(values, values.Length / OutputSize, OutputSize);
    }

    /// <summary>
    /// The predicted class of each sample of <paramref name="x"/>: the largest output's index, or 0/1 around 0.5 for one
    /// sigmoid output (Keras: <c>predict(x).argmax(-1)</c>, <c>predict(x) &gt; 0.5</c>). See <see cref="Predictions.Classes"/>.
    /// </summary>
    public int[] PredictClasses(ReadOnlySpan<float> x, int batchSize = 32) => PredictRows(x, batchSize).Classes();

    /// <summary>The predicted class of each sample of <paramref name="data"/>; see <see cref="PredictClasses(ReadOnlySpan{float}, int)"/>.</summary>
    public int[] PredictClasses(DataSet data, int batchSize = 32) => Predict(data, batchSize).Classes();

    /// <summary>Features and labels as a data set shaped like the network's single input and its labels.</summary>
    private DataSet ToDataSet(float[] x, float[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (InputCount > 1)
            throw new ArgumentException(
                $"The network {Description.Name} has {InputCount} inputs ({DescribeInputs()}); give them as a DataSet with one named array per input.",
                nameof(x));
        int[] shape = new int[Description.InputShape.Count];
        for (int i = 0; i < shape.Length; i++) shape[i] = Description.InputShape[i];
        if (x.Length == 0 || x.Length % InputSize != 0)
            throw new ArgumentException(
                $"The network {Description.Name} takes samples of shape {DataSet.FormatShape(shape)} ({InputSize} values each): expected a positive multiple of {InputSize} values in x; found {x.Length}.",
                nameof(x));
        int count = x.Length / InputSize, width = Description.LabelWidth;
        if (y.Length != (long)count * width)
            throw new ArgumentException(
                $"x holds {count} samples, so y needs {count} × {width} = {(long)count * width} label values ({(width == 1 ? "one per sample" : $"rows of {width}")}); found {y.Length}.",
                nameof(y));
        return new DataSet(x, shape, y, width);
    }
}
