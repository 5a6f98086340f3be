using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Trains the network (Keras's <c>fit</c>): <paramref name="epochs"/> passes over <paramref name="train"/> in batches of
    /// <paramref name="batchSize"/> (the last batch may be smaller), reshuffled every epoch; validation after each epoch.
    /// </summary>
    /// <param name="train">
    /// The training data; its sample shape and labels must match the network. For a network with several inputs, the
    /// data set's inputs are matched to the network's by name (<see cref="DataSet.Inputs"/>); for a network with one
    /// input, the data set's single input feeds it whatever its name.
    /// </param>
    /// <param name="epochs">The number of epochs.</param>
    /// <param name="batchSize">Samples per gradient update (Keras default 32).</param>
    /// <param name="validationData">Data evaluated after each epoch, logged as <c>val_loss</c>, <c>val_accuracy</c>, ….</param>
    /// <param name="callbacks">Callbacks, called in the given order before <see cref="History"/> and the progress bar (Keras 2's order).</param>
    /// <param name="shuffle">Whether to reshuffle the training data every epoch (seeded from <see cref="Seed"/>).</param>
    /// <param name="verbose">0 = silent, 1 = a progress line per epoch, 2 = Keras's one-line-per-epoch format.</param>
    /// <param name="output">Where progress goes (default <see cref="Console.Out"/>).</param>
    /// <param name="validationSplit">
    /// The fraction of <paramref name="train"/> held out for validation, taken from the end before any shuffling (Keras's
    /// <c>validation_split</c>); used only when <paramref name="validationData"/> is null.
    /// </param>
    /// <param name="initialEpoch">The epoch to start at, e.g. to resume; <paramref name="epochs"/> is the final epoch index, as in Keras.</param>
    /// <param name="validationFreq">Validate after every this many epochs.</param>
    /// <param name="classWeight">
    /// Keras's <c>class_weight</c>: a weight per class index (keys 0 … K−1) that multiplies each training sample's loss
    /// and gradient, and weights the training accuracy; the loss is still divided by the batch size. Validation is
    /// unweighted, as in Keras.
    /// </param>
    /// <param name="augmentation">
    /// Random image transforms applied to each gathered training batch, never to validation data (Keras's
    /// <c>ImageDataGenerator</c> in <c>fit</c>); the input shape must be (H, W) or (H, W, C). Training checkpoints
    /// carry its random stream, so <see cref="BackupAndRestore"/> resumes augmented training exactly.
    /// </param>
    /// <param name="cancellationToken">Stops training between batches by throwing <see cref="OperationCanceledException"/>.</param>
    /// <returns>The <see cref="History"/> of per-epoch logs.</returns>
    /// <exception cref="ArgumentException">
    /// The data does not match the network (an input missing, extra or of another sample shape, label width or class range).
    /// </exception>
    public History Fit(
        DataSet train,
        int epochs = 1,
        int batchSize = 32,
        DataSet? validationData = null,
        IReadOnlyList<Callback>? callbacks = null,
        bool shuffle = true,
        int verbose = 1,
        TextWriter? output = null,
        double validationSplit = 0,
        int initialEpoch = 0,
        int validationFreq = 1,
        IReadOnlyDictionary<int, double>? classWeight = null,
        ImageAugmentation? augmentation = null,
        CancellationToken cancellationToken = default) =>
        FitCore(train, epochs, batchSize, validationData, callbacks, shuffle, verbose, output, validationSplit, initialEpoch,
            validationFreq, classWeight, augmentation, cancellationToken, sampleWeight: null, validationBatchSize: null, stepsPerEpoch: null);

    /// <summary>
    /// <see cref="Fit(DataSet, int, int, DataSet?, IReadOnlyList{Callback}?, bool, int, TextWriter?, double, int, int, IReadOnlyDictionary{int, double}?, ImageAugmentation?, CancellationToken)"/>
    /// with the options only <see cref="FitOptions"/> carries: per-sample weights, the validation batch size and the
    /// steps per epoch.
    /// </summary>
    private History FitCore(
        DataSet train, int epochs, int batchSize, DataSet? validationData, IReadOnlyList<Callback>? callbacks, bool shuffle, int verbose,
        TextWriter? output, double validationSplit, int initialEpoch, int validationFreq, IReadOnlyDictionary<int, double>? classWeight,
        ImageAugmentation? augmentation, CancellationToken cancellationToken, float[]? sampleWeight, int? validationBatchSize,
        int? stepsPerEpoch)
    {
        ThrowIfInferenceOnly(nameof(Fit));
        ArgumentNullException.ThrowIfNull(train);
        if (validationBatchSize is int size) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(validationBatchSize));
        if (sampleWeight is not null) CheckSampleWeights(sampleWeight, train.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        CheckBatchSize(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(initialEpoch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validationFreq);
        if (verbose is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "Expected 0, 1 or 2.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "Expected a fraction in [0, 1).");
        if (validationSplit > 0 && validationData is null)
        {
            // Keras: split_at = floor(N·(1 − v)); the last N − split_at samples validate, taken before shuffling.
            int splitAt = (int)Math.Floor(train.Count * (1 - validationSplit));
            if (splitAt == 0 || splitAt == train.Count)
                throw new ArgumentException(
                    $"validationSplit {validationSplit} of {train.Count} samples leaves {splitAt} for training and {train.Count - splitAt} for validation; both must be non-empty.",
                    nameof(validationSplit));
            validationData = train.Slice(splitAt, train.Count - splitAt);
            train = train.Slice(0, splitAt);
            if (sampleWeight is not null) sampleWeight = sampleWeight[..splitAt];   // Keras drops the held-out samples' weights too
        }
        int batchesPerPass = (int)(((long)train.Count + batchSize - 1) / batchSize);
        int steps = stepsPerEpoch is int chosenSteps ? CheckStepsPerEpoch(chosenSteps, batchesPerPass, batchSize, train.Count) : batchesPerPass;
        int[] trainInputs = CheckDataSet(ref train, nameof(train));
        int[]? validationInputs = validationData is null ? null : CheckDataSet(ref validationData, nameof(validationData));
        if (classWeight is not null && Description.HasSeveralOutputs)
            throw new ArgumentException(
                $"classWeight weights the samples of a network with one output (Keras refuses class_weight for several outputs); {Description.Name} has {Description.Outputs.Count} outputs ({Description.DescribeOutputs()}).",
                nameof(classWeight));
        float[]? trainWeights = classWeight is null ? null : ClassSampleWeights(train, classWeight);
        if (sampleWeight is not null) trainWeights = CombineSampleWeights(trainWeights, sampleWeight);
        if (augmentation is not null)
        {
            if (InputCount > 1)
                throw new ArgumentException(
                    $"Image augmentation transforms the samples of a single image input; the network {Description.Name} has {InputCount} inputs ({DescribeInputs()}).",
                    nameof(augmentation));
            ImageAugmentation.ImageShape(Description.InputShape, nameof(augmentation));
        }
        _augmentation = augmentation;
        if (trainWeights is not null && _batchSampleWeights.Length < batchSize) _batchSampleWeights = new float[batchSize];

        if (verbose > 0) WriteUnoptimizedNoteOnce(Console.Error);
        var history = new History();
        // Keras 2's CallbackList order: the user's callbacks, then History, then the progress bar, so History and the
        // bar see what the user's callbacks wrote into the logs (ReduceLROnPlateau's "lr", for one).
        var all = new List<Callback>();
        if (callbacks is not null)
        {
            for (int i = 0; i < callbacks.Count; i++)
            {
                if (callbacks[i] is null)
                    throw new ArgumentException($"callbacks[{i}] is null; every entry must be a callback (remove the null entry).", nameof(callbacks));
            }
            all.AddRange(callbacks);
        }
        all.Add(history);
        // A live bar only on a real terminal; redirected output (logs, CI) gets one line per epoch.
        if (verbose > 0) all.Add(new ProgressLogger(output ?? Console.Out, verbose, live: output is null && !Console.IsOutputRedirected));
        var parameters = new TrainingParameters(epochs, steps, batchSize, train.Count, verbose);
        foreach (Callback callback in all)
        {
            callback.Model = this;
            callback.Parameters = parameters;
        }

        StopTraining = false;
        var trainLogs = new Dictionary<string, double>();
        foreach (Callback callback in all) callback.OnTrainBeginBeforeAll(all);
        foreach (Callback callback in all) callback.OnTrainBegin(trainLogs);
        foreach (Callback callback in all) callback.OnTrainBeginAfterAll(all);
        if (_resumeEpoch is int resumed)
        {
            // A callback restored a training checkpoint (BackupAndRestore): continue after its last completed epoch.
            initialEpoch = resumed;
            _resumeEpoch = null;
        }
        if (_restoredAugmentationState is { } augmentationState)
        {
            augmentation?.SetRandomState(augmentationState);
            _restoredAugmentationState = null;
        }

        int[] order = new int[train.Count];
        StartPasses(order, shuffle);
        // A batch larger than the data set is the whole set (as in Keras); buffers are sized for what is used.
        float[] labels = new float[checked(Math.Min(batchSize, train.Count) * train.LabelWidth)];
        var metrics = new ModelMetrics(Description);
        var batchLogs = new Dictionary<string, double>();
        // Several outputs: each output's own loss, summed over the epoch's samples (Keras's {output}_loss).
        IReadOnlyList<OutputInfo> modelOutputs = Description.Outputs;
        double[] outputLossSums = new double[Description.HasSeveralOutputs ? modelOutputs.Count : 0];
        ThreadCountTuner? tuner = AdaptThreads && _threads > 1 ? new ThreadCountTuner(_threads) : null;
        LastThreadTuner = tuner;
        try
        {
            for (int epoch = initialEpoch; epoch < epochs && !StopTraining; epoch++)
            {
                var logs = new Dictionary<string, double>();
                foreach (Callback callback in all) callback.OnEpochBegin(epoch, logs);

                double lossSum = 0;
                int seen = 0;
                Array.Clear(outputLossSums);
                metrics.Reset();
                for (int step = 0; step < steps; step++)
                {
                    // The epoch takes the next batch of the current pass, or starts a new pass (a new permutation). Without
                    // stepsPerEpoch every epoch is exactly one pass, so each epoch shuffles once, as before.
                    if (_passOffset == 0) BeginPass(order, shuffle);
                    int start = _passOffset;
                    cancellationToken.ThrowIfCancellationRequested();
                    int batch = Math.Min(batchSize, train.Count - start);
                    foreach (Callback callback in all) callback.OnTrainBatchBegin(step, batchLogs);

                    long stepStart = 0;
                    if (tuner is not null)
                    {
                        // A callback may have changed Threads; results do not depend on the count, only the speed does.
                        if (_threads == 1) tuner = null;
                        else
                        {
                            tuner.SetThreads(_threads);
                            _threadsInUse = tuner.Threads;
                            stepStart = Stopwatch.GetTimestamp();
                        }
                    }
                    GatherBatch(train, trainInputs, order, start, batch, labels);
                    augmentation?.Apply(PrepareInputs(batch), batch, Description.InputShape);
                    Span<float> batchLabels = labels.AsSpan(0, batch * train.LabelWidth);
                    ReadOnlySpan<float> batchWeights = default;
                    if (trainWeights is not null)
                    {
                        for (int b = 0; b < batch; b++) _batchSampleWeights[b] = trainWeights[order[start + b]];
                        batchWeights = _batchSampleWeights.AsSpan(0, batch);
                    }

                    // Keras updates the loss and metrics with this forward pass, before the weights change.
                    ReadOnlySpan<float> outputs = ForwardPrepared(batch, training: true);
                    metrics.Update(outputs, batchLabels, batch, train.LabelWidth, batchWeights);
                    double loss;
                    _useSampleWeights = trainWeights is not null;
                    try
                    {
                        loss = LossCore(batchLabels, batch);
                        BackwardCore(batchLabels, batch);
                    }
                    finally
                    {
                        _useSampleWeights = false;
                    }
                    ApplyGradients();
                    tuner?.Record(Stopwatch.GetTimestamp() - stepStart);
                    _passOffset = start + batch == train.Count ? 0 : start + batch;

                    lossSum += loss * batch;
                    seen += batch;
                    batchLogs["loss"] = lossSum / seen;
                    for (int k = 0; k < outputLossSums.Length; k++)
                    {
                        outputLossSums[k] += _outputLosses[k] * batch;
                        batchLogs[OutputLossKey(k)] = outputLossSums[k] / seen;
                    }
                    metrics.WriteTo(batchLogs);
                    foreach (Callback callback in all) callback.OnTrainBatchEnd(step, batchLogs);
                    FaultInjection.KillAt("batch");
                    if (StopTraining) break;
                }

                Epoch = epoch + 1;
                logs["loss"] = lossSum / seen;
                for (int k = 0; k < outputLossSums.Length; k++) logs[OutputLossKey(k)] = outputLossSums[k] / seen;
                metrics.WriteTo(logs);
                if (validationData is not null && (epoch + 1) % validationFreq == 0)
                {
                    EvaluationResult validation = EvaluateCore(validationData, validationInputs!, validationBatchSize ?? batchSize);
                    logs["val_loss"] = validation.Loss;
                    foreach (var (name, value) in validation.OutputLosses) logs["val_" + name] = value;
                    foreach (var (name, value) in validation.Metrics) logs["val_" + name] = value;
                }
                foreach (Callback callback in all) callback.OnEpochEnd(epoch, logs);
                FaultInjection.KillAt("epoch-end");
                foreach (Callback callback in all) callback.OnEpochEndAfterAll(epoch, all);
                trainLogs = logs; // Keras 2 passes the last epoch's logs to on_train_end
            }

            foreach (Callback callback in all) callback.OnTrainEnd(trainLogs);
            return history;
        }
        finally
        {
            _threadsInUse = _threads; // Evaluate, Predict and TrainStep run on Threads
        }
    }

    private int? _resumeEpoch;

    /// <summary>
    /// The largest batch size <see cref="Fit"/>, <see cref="Evaluate"/> and <see cref="Predict(ReadOnlySpan{float}, int)"/>
    /// accept: 2²⁰ samples. Every activation buffer holds a batch of samples and is indexed with an int.
    /// </summary>
    public const int MaxBatchSize = 1 << 20;

    private static void CheckBatchSize(int batchSize, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(batchSize))] string? name = null)
    {
        if (batchSize is <= 0 or > MaxBatchSize)
            throw new ArgumentOutOfRangeException(name, batchSize,
                $"The batch size must be between 1 and {MaxBatchSize} (Model.MaxBatchSize); found {batchSize}. A batch larger than the data set trains on the whole set, so there is no need for more.");
    }

    /// <summary>The log name of output <paramref name="output"/>'s own loss: <c>{output}_loss</c> (Keras's).</summary>
    private string OutputLossKey(int output) => Description.Outputs[output].Name + "_loss";

    /// <summary>
    /// The columns of output <paramref name="output"/> in <paramref name="predictions"/> (rows of <see cref="OutputSize"/>
    /// values, as <see cref="Predict(ReadOnlySpan{float}, int)"/> returns them): a new array of that output's values,
    /// row by row. For a network with several outputs, whose output rows are every output's values concatenated.
    /// </summary>
    /// <exception cref="ArgumentException">The network has no output of that name, or the length is not a whole number of output rows.</exception>
    public float[] SelectOutput(ReadOnlySpan<float> predictions, string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int index = Description.IndexOfOutput(output);
        if (index < 0)
            throw new ArgumentException($"The network {Description.Name} has no output '{output}': its outputs are {Description.DescribeOutputs()}.", nameof(output));
        if (predictions.Length % OutputSize != 0)
            throw new ArgumentException($"Expected whole output rows of {OutputSize} values; found {predictions.Length} values.", nameof(predictions));
        IReadOnlyList<OutputInfo> outputs = Description.Outputs;
        int offset = 0;
        for (int k = 0; k < index; k++) offset += outputs[k].Size;
        int size = outputs[index].Size, rows = predictions.Length / OutputSize;
        var values = new float[rows * size];
        for (int b = 0; b < rows; b++) predictions.Slice(b * OutputSize + offset, size).CopyTo(values.AsSpan(b * size));
        return values;
    }

    // The augmentation of the current (or last) Fit, whose random stream training checkpoints save, and the stream
    // state a loaded checkpoint holds for the next Fit's augmentation.
    private ImageAugmentation? _augmentation;
    private ulong[]? _restoredAugmentationState;

    /// <summary>Makes the current (or next) <see cref="Fit"/> call start at <paramref name="epoch"/>; see <see cref="BackupAndRestore"/>.</summary>
    internal void ResumeAtEpoch(int epoch) => _resumeEpoch = epoch;

    /// <summary>Computes the loss and metrics on <paramref name="data"/> in inference mode (Keras's <c>evaluate</c>).</summary>
    /// <param name="data">The samples and their labels.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    /// <param name="verbose">
    /// <see cref="Verbosity.ProgressBar"/> or <see cref="Verbosity.OneLinePerEpoch"/> print Keras's line when done
    /// (<c>313/313 [====…] - 1s 3ms/step - loss: 0.3553 - accuracy: 0.8740</c>); silent by default, unlike Keras, so
    /// that existing callers print nothing new.
    /// </param>
    /// <param name="output">Where that line goes (standard output when null).</param>
    /// <exception cref="ArgumentException">The data does not match the network.</exception>
    public EvaluationResult Evaluate(DataSet data, int batchSize = 32, Verbosity verbose = Verbosity.Silent, TextWriter? output = null)
    {
        ThrowIfInferenceOnly(nameof(Evaluate));
        ArgumentNullException.ThrowIfNull(data);
        CheckBatchSize(batchSize);
        if (verbose is < Verbosity.Silent or > Verbosity.OneLinePerEpoch)
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "Expected Verbosity.Silent, ProgressBar or OneLinePerEpoch.");
        int[] inputs = CheckDataSet(ref data, nameof(data));
        if (verbose == Verbosity.Silent) return EvaluateCore(data, inputs, batchSize);

        // Keras's evaluate reports through the same progress bar as fit, as one epoch of ceil(N / batch) steps.
        var logger = new ProgressLogger(output ?? Console.Out, (int)verbose, live: false)
        {
            Parameters = new TrainingParameters(1, (data.Count + batchSize - 1) / batchSize, batchSize, data.Count, (int)verbose),
        };
        logger.OnEpochBegin(0, new Dictionary<string, double>());
        EvaluationResult result = EvaluateCore(data, inputs, batchSize);
        var logs = new Dictionary<string, double> { ["loss"] = result.Loss };
        foreach (var (name, value) in result.OutputLosses) logs[name] = value;
        foreach (var (name, value) in result.Metrics) logs[name] = value;
        logger.OnEpochEnd(0, logs);
        return result;
    }

    /// <summary>
    /// Runs the network in inference mode on every sample of <paramref name="inputs"/> (row-major, a whole number of
    /// samples) and returns the outputs, <see cref="OutputSize"/> values per sample (Keras's <c>predict</c>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The length is not a positive multiple of <see cref="InputSize"/>, or the network has several inputs (use
    /// <see cref="Predict(IReadOnlyList{ValueTuple{string, float[]}}, int)"/>).
    /// </exception>
    public float[] Predict(ReadOnlySpan<float> inputs, int batchSize = 32)
    {
        ThrowIfSeveralInputs(nameof(inputs), "Predict(IReadOnlyList<(string Name, float[] Values)> inputs, int batchSize) with one named array per input");
        int count = CheckSampleCount(inputs.Length, nameof(inputs));
        var outputs = new float[count * OutputSize];
        Predict(inputs, outputs, batchSize);
        return outputs;
    }

    /// <summary>Like <see cref="Predict(ReadOnlySpan{float}, int)"/>, writing into <paramref name="outputs"/> without allocating.</summary>
    /// <exception cref="ArgumentException">The lengths do not match the network, or it has several inputs.</exception>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize = 32)
    {
        ThrowIfSeveralInputs(nameof(inputs), "Predict(IReadOnlyList<(string Name, float[] Values)> inputs, int batchSize) with one named array per input");
        CheckBatchSize(batchSize);
        int count = CheckSampleCount(inputs.Length, nameof(inputs));
        if (outputs.Length != count * OutputSize)
            throw new ArgumentException($"Expected room for {count} outputs of {OutputSize} values; found {outputs.Length}.", nameof(outputs));
        for (int start = 0; start < count; start += batchSize)
        {
            int batch = Math.Min(batchSize, count - start);
            inputs.Slice(start * InputSize, batch * InputSize).CopyTo(PrepareInputs(batch));
            ForwardPrepared(batch, training: false).CopyTo(outputs.Slice(start * OutputSize, batch * OutputSize));
        }
    }

    /// <summary>
    /// Runs the network in inference mode on samples given as one named array per input (row-major, the same number of
    /// samples in each) and returns the outputs, <see cref="OutputSize"/> values per sample (Keras's <c>predict</c> on a
    /// dict of inputs). The arrays are matched to the network's inputs by name; for a network with one input, the single
    /// array feeds it whatever its name.
    /// </summary>
    /// <param name="inputs">One (name, values) pair per input, in any order.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    /// <exception cref="ArgumentException">
    /// An input is missing, extra, named twice or null, an array is not a whole positive number of its input's samples,
    /// or the arrays hold different numbers of samples; the message names the input.
    /// </exception>
    public float[] Predict(IReadOnlyList<(string Name, float[] Values)> inputs, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckBatchSize(batchSize);
        (float[][] arrays, int count) = MatchPredictInputs(inputs);
        var outputs = new float[checked(count * OutputSize)];
        for (int start = 0; start < count; start += batchSize)
        {
            int batch = Math.Min(batchSize, count - start);
            PrepareInputs(batch);
            for (int i = 0; i < arrays.Length; i++)
            {
                int size = _inputSizes[i];
                arrays[i].AsSpan(start * size, batch * size).CopyTo(PreparedInput(i, batch));
            }
            ForwardPrepared(batch, training: false).CopyTo(outputs.AsSpan(start * OutputSize, batch * OutputSize));
        }
        return outputs;
    }

    /// <summary>The arrays of <see cref="Predict(IReadOnlyList{ValueTuple{string, float[]}}, int)"/> in the network's input order, and their sample count.</summary>
    private (float[][] Arrays, int Count) MatchPredictInputs(IReadOnlyList<(string Name, float[] Values)> inputs)
    {
        const string parameter = nameof(inputs);
        IReadOnlyList<InputInfo> declared = Description.Inputs;
        var arrays = new float[declared.Count][];
        if (declared.Count == 1)
        {
            if (inputs.Count != 1)
                throw new ArgumentException(
                    $"The network {Description.Name} has one input; found {inputs.Count} arrays{(inputs.Count == 0 ? "" : $" ({DescribeNames(inputs)})")}.", parameter);
            arrays[0] = inputs[0].Values ?? throw new ArgumentException($"The values of input '{inputs[0].Name}' are null.", parameter);
        }
        else
        {
            for (int j = 0; j < inputs.Count; j++)
            {
                var (name, values) = inputs[j];
                int i = name is null ? -1 : IndexOfInput(name);
                if (i < 0)
                    throw new ArgumentException(
                        $"The network {Description.Name} has no input '{name}': its inputs are {DescribeInputs()}.", parameter);
                if (arrays[i] is not null)
                    throw new ArgumentException($"The input '{name}' is given twice.", parameter);
                arrays[i] = values ?? throw new ArgumentException($"The values of input '{name}' are null.", parameter);
            }
            for (int i = 0; i < arrays.Length; i++)
            {
                if (arrays[i] is null)
                    throw new ArgumentException(
                        $"The network {Description.Name}'s input '{declared[i].Name}' {DataSet.FormatShape(declared[i].Shape)} is missing: found {DescribeNames(inputs)}.",
                        parameter);
            }
        }

        int count = -1, first = -1;
        for (int i = 0; i < arrays.Length; i++)
        {
            int size = _inputSizes[i], length = arrays[i].Length;
            if (length == 0 || length % size != 0)
                throw new ArgumentException(
                    $"Input '{declared[i].Name}' expects samples of shape {DataSet.FormatShape(declared[i].Shape)} ({size} values each): expected a positive multiple of {size} values; found {length}.",
                    parameter);
            if (count < 0)
            {
                count = length / size;
                first = i;
            }
            else if (length / size != count)
                throw new ArgumentException(
                    $"Input '{declared[i].Name}' holds {length / size} samples; input '{declared[first].Name}' holds {count}. Every input needs the same number of samples.",
                    parameter);
        }
        return (arrays, count);
    }

    private static string DescribeNames(IReadOnlyList<(string Name, float[] Values)> inputs)
    {
        var names = new string[inputs.Count];
        for (int i = 0; i < names.Length; i++) names[i] = $"'{inputs[i].Name}'";
        return string.Join(", ", names);
    }

    /// <summary>
    /// Copies the shuffled samples order[start .. start + batch) into the input buffer and their labels into
    /// <paramref name="labels"/>, split over the threads by the same rows as the forward pass, so that each core
    /// finds its rows in its own cache.
    /// </summary>
    /// <remarks>
    /// <paramref name="dataInputs"/>[i] is the data set's input that feeds the network's input i (see
    /// <see cref="CheckDataSet"/>). The split by features serves only a network with one input, whose first layer alone
    /// reads the buffer; several inputs are gathered by rows.
    /// </remarks>
    private void GatherBatch(DataSet data, int[] dataInputs, int[] order, int start, int batch, float[] labels)
    {
        PrepareInputs(batch);
        bool byFeatures = _inputs.Length == 1 && SplitsInput(batch);
        _gather = (data, dataInputs, order, start, batch, labels, byFeatures);
        // Split like the first layer's product it feeds, so that each core finds its part of the batch in its own
        // cache: by blocks of features when that layer splits by inputs, else by rows (a copied float weighs as 128
        // multiply-adds, a typical first Dense).
        if (byFeatures) RunInputBlocks(GatherTask);
        else RunParallel(GatherTask, (long)batch * _totalInputSize * 128);
        _gather = default;
    }

    private (DataSet Data, int[] DataInputs, int[] Order, int Start, int Batch, float[] Labels, bool ByFeatures) _gather;

    /// <summary>
    /// Part <paramref name="part"/> of <see cref="GatherBatch"/>: rows cut like the forward pass's (multiples of 4), or
    /// every row's block of features cut like the first layer's input blocks.
    /// </summary>
    private void GatherPart(int part, int parts)
    {
        if (_inputs.Length > 1)
        {
            GatherRowsOfEveryInput(part, parts);
            return;
        }
        var (data, dataInputs, order, start, batch, labels, byFeatures) = _gather;
        int source = dataInputs[0];
        (int firstRow, int rows) = byFeatures ? (0, batch) : Partition(batch, part, parts, 4);
        (int from, int features) = byFeatures ? Partition(InputSize, part, parts, InputBlockGranule) : (0, InputSize);
        Span<float> inputs = PreparedInputs(0);
        int width = data.LabelWidth;
        bool copiesLabels = !byFeatures || part == 0;
        for (int b = firstRow; b < firstRow + rows; b++)
        {
            int sample = order[start + b];
            data.GetFeatures(source, sample).Slice(from, features).CopyTo(inputs.Slice(b * InputSize + from, features));
            if (copiesLabels) data.GetLabel(sample).CopyTo(labels.AsSpan(b * width, width));
        }
        // The same rows of the next batch are random samples too, far apart in a large data set: ask for them now, so
        // that they arrive while this step computes instead of stalling the next gather on memory.
        int next = start + batch;
        for (int b = firstRow; b < firstRow + rows && next + b < order.Length; b++)
            PrefetchToOuterCache(data.GetFeatures(source, order[next + b]).Slice(from, features));
    }

    /// <summary>Part <paramref name="part"/> of <see cref="GatherBatch"/> for several inputs: its rows (multiples of 4) of every input, and their labels.</summary>
    private void GatherRowsOfEveryInput(int part, int parts)
    {
        var (data, dataInputs, order, start, batch, labels, _) = _gather;
        (int firstRow, int rows) = Partition(batch, part, parts, 4);
        int width = data.LabelWidth;
        for (int input = 0; input < _inputs.Length; input++)
        {
            Span<float> buffer = PreparedInputs(input);
            int size = _inputSizes[input], source = dataInputs[input];
            for (int b = firstRow; b < firstRow + rows; b++)
                data.GetFeatures(source, order[start + b]).CopyTo(buffer.Slice(b * size, size));
        }
        for (int b = firstRow; b < firstRow + rows; b++)
            data.GetLabel(order[start + b]).CopyTo(labels.AsSpan(b * width, width));
        int next = start + batch;
        for (int input = 0; input < _inputs.Length; input++)
        {
            for (int b = firstRow; b < firstRow + rows && next + b < order.Length; b++)
                PrefetchToOuterCache(data.GetFeatures(dataInputs[input], order[next + b]));
        }
    }

    /// <summary>
    /// Hints the processor to bring <paramref name="values"/> towards the core (x64; a no-op elsewhere). The T2 hint
    /// (outer cache levels): measured on the MLP at batch 32, a T0 or T1 prefetch pushes the weights and optimizer state
    /// out of L1/L2 and gains nothing, while T2 cuts the gather from 26 to 16 µs per step and the epoch by 4 %
    /// (0.254 → 0.243 s; `Bench -- epochs --model mlp`); larger batches are unchanged.
    /// </summary>
    private static unsafe void PrefetchToOuterCache(ReadOnlySpan<float> values)
    {
        if (!Sse.IsSupported) return;
        fixed (float* start = values)
        {
            for (int offset = 0; offset < values.Length; offset += 16) Sse.Prefetch2(start + offset); // a 64-byte line each
        }
    }

    private EvaluationResult EvaluateCore(DataSet data, int[] dataInputs, int batchSize)
    {
        double lossSum = 0;
        var metrics = new ModelMetrics(Description);
        double[] outputLossSums = new double[Description.HasSeveralOutputs ? Description.Outputs.Count : 0];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int batch = Math.Min(batchSize, data.Count - start);
            PrepareInputs(batch);
            for (int i = 0; i < _inputs.Length; i++)
            {
                int size = _inputSizes[i];
                data.Inputs[dataInputs[i]].Values.AsSpan(start * size, batch * size).CopyTo(PreparedInput(i, batch));
            }
            ReadOnlySpan<float> labels = data.Labels.AsSpan(start * data.LabelWidth, batch * data.LabelWidth);
            ReadOnlySpan<float> outputs = ForwardPrepared(batch, training: false);
            metrics.Update(outputs, labels, batch, data.LabelWidth);
            lossSum += LossCore(labels, batch) * batch;
            for (int k = 0; k < outputLossSums.Length; k++) outputLossSums[k] += _outputLosses[k] * batch;
        }
        var results = new Dictionary<string, double>();
        metrics.WriteTo(results);
        var outputLosses = new Dictionary<string, double>();
        for (int k = 0; k < outputLossSums.Length; k++) outputLosses[OutputLossKey(k)] = outputLossSums[k] / data.Count;
        return new EvaluationResult(lossSum / data.Count, results, outputLosses);
    }

    private int CheckSampleCount(int length, string parameter)
    {
        if (length == 0 || length % InputSize != 0)
            throw new ArgumentException(
                $"Expected a positive multiple of {InputSize} values (input shape {DataSet.FormatShape(Description.InputShape)}); found {length}.", parameter);
        return length / InputSize;
    }

    /// <summary>
    /// Checks <paramref name="data"/> against the network and returns, for each network input in declaration order, the
    /// index of the data set's input that feeds it: by name when the network has several inputs, the data set's only
    /// input (whatever its name) when the network has one.
    /// </summary>
    /// <exception cref="ArgumentException">An input is missing, extra or of another sample shape, or the labels do not fit.</exception>
    /// <remarks>
    /// Labels given per output (<see cref="OutputLabels"/>) are matched to the network's outputs by name and
    /// <paramref name="data"/> becomes the same samples with label rows in the network's output order.
    /// </remarks>
    private int[] CheckDataSet(ref DataSet data, string parameter)
    {
        int[] sources = MatchDataSetInputs(data, parameter);
        data = MatchDataSetLabels(data, parameter);
        int width = Description.LabelWidth;
        if (data.LabelWidth != width)
            throw new ArgumentException(
                Description.HasSeveralOutputs
                    ? $"The network {Description.Name} has {Description.Outputs.Count} outputs ({Description.DescribeOutputs()}), whose labels make rows of {width} values; {parameter} has labels of width {data.LabelWidth}. Give each output's labels by name with OutputLabels."
                    : Description.UsesClassIndexLabels
                    ? $"{Description.Loss} expects one class index per sample; {parameter} has labels of width {data.LabelWidth}."
                    : $"{Description.Loss} expects labels of width {width} (the output size); {parameter} has labels of width {data.LabelWidth}.",
                parameter);
        CheckClassIndexLabels(data.Labels, data.Count, parameter, parameter);
        return sources;
    }

    /// <summary>
    /// Labels given per output, matched to the network's outputs by name and laid out in their order (the data set
    /// itself when they already are, or when its labels are one unnamed array); a network with one output takes the
    /// labels of one output whatever its name.
    /// </summary>
    /// <exception cref="ArgumentException">An output's labels are missing, of the wrong width, or of no output; the message names it.</exception>
    private DataSet MatchDataSetLabels(DataSet data, string parameter)
    {
        IReadOnlyList<LabelPart>? parts = data.LabelParts;
        if (parts is null) return data;
        IReadOnlyList<OutputInfo> outputs = Description.Outputs;
        var quoted = new string[parts.Count];
        for (int k = 0; k < quoted.Length; k++) quoted[k] = $"'{parts[k].Name}'";
        string given = string.Join(", ", quoted);
        if (outputs.Count == 1)
        {
            if (parts.Count != 1)
                throw new ArgumentException(
                    $"The network {Description.Name} has one output ('{outputs[0].Name}'); {parameter} has labels of {parts.Count} outputs ({given}).", parameter);
            return data;
        }
        foreach (LabelPart part in parts)
        {
            if (Description.IndexOfOutput(part.Name) < 0)
                throw new ArgumentException(
                    $"{parameter} has labels of '{part.Name}', which is not an output of the network {Description.Name}: its outputs are {Description.DescribeOutputs()}.", parameter);
        }
        var ordered = new LabelPart[outputs.Count];
        bool inOrder = parts.Count == outputs.Count;
        int width = 0;
        for (int k = 0; k < outputs.Count; k++)
        {
            OutputInfo output = outputs[k];
            LabelPart? found = null;
            foreach (LabelPart part in parts)
            {
                if (string.Equals(part.Name, output.Name, StringComparison.Ordinal)) found = part;
            }
            if (found is not { } match)
                throw new ArgumentException(
                    $"The network {Description.Name}'s output '{output.Name}' has no labels in {parameter}: the network's outputs are {Description.DescribeOutputs()}; {parameter} has labels of {given}.",
                    parameter);
            if (match.Width != output.LabelWidth)
                throw new ArgumentException(
                    output.UsesClassIndexLabels
                        ? $"Output '{output.Name}' ({output.Loss}) expects one class index per sample; {parameter}'s labels of '{output.Name}' have width {match.Width}."
                        : $"Output '{output.Name}' ({output.Loss}) expects labels of width {output.LabelWidth} (its size); {parameter}'s labels of '{output.Name}' have width {match.Width}.",
                    parameter);
            inOrder &= match.Offset == width;
            ordered[k] = new LabelPart(output.Name, width, match.Width);
            width += match.Width;
        }
        if (inOrder) return data;
        var labels = new float[checked(data.Count * width)];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> row = data.GetLabel(i);
            for (int k = 0; k < ordered.Length; k++)
            {
                LabelPart source = FindPart(parts, ordered[k].Name);
                row.Slice(source.Offset, source.Width).CopyTo(labels.AsSpan(i * width + ordered[k].Offset, source.Width));
            }
        }
        return data.WithLabels(labels, width, ordered);
    }

    private static LabelPart FindPart(IReadOnlyList<LabelPart> parts, string name)
    {
        foreach (LabelPart part in parts)
        {
            if (string.Equals(part.Name, name, StringComparison.Ordinal)) return part;
        }
        throw new KeyNotFoundException(name);
    }

    private int[] MatchDataSetInputs(DataSet data, string parameter)
    {
        IReadOnlyList<InputInfo> inputs = Description.Inputs;
        IReadOnlyList<DataSetInput> given = data.Inputs;
        if (inputs.Count == 1)
        {
            if (given.Count != 1)
                throw new ArgumentException(
                    $"The network {Description.Name} has one input; {parameter} has {given.Count} inputs ({DescribeDataInputs(given)}).", parameter);
            if (!SameShape(data.SampleShape, Description.InputShape))
                throw new ArgumentException(
                    $"The network {Description.Name} expects samples of shape {DataSet.FormatShape(Description.InputShape)}; {parameter} has samples of shape {DataSet.FormatShape(data.SampleShape)}.",
                    parameter);
            return [0];
        }

        var sources = new int[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            int found = data.IndexOfInput(inputs[i].Name);
            if (found < 0)
                throw new ArgumentException(
                    $"The network {Description.Name} has an input '{inputs[i].Name}' that {parameter} lacks: the network's inputs are {DescribeInputs()}; {parameter} has {DescribeDataInputs(given)}.",
                    parameter);
            if (!SameShape(given[found].SampleShape, inputs[i].Shape))
                throw new ArgumentException(
                    $"The network {Description.Name}'s input '{inputs[i].Name}' expects samples of shape {DataSet.FormatShape(inputs[i].Shape)}; {parameter}'s input '{inputs[i].Name}' has samples of shape {DataSet.FormatShape(given[found].SampleShape)}.",
                    parameter);
            sources[i] = found;
        }
        if (given.Count != inputs.Count)
        {
            foreach (DataSetInput input in given)
            {
                if (IndexOfInput(input.Name) < 0)
                    throw new ArgumentException(
                        $"{parameter} has an input '{input.Name}' that the network {Description.Name} does not: the network's inputs are {DescribeInputs()}.",
                        parameter);
            }
        }
        return sources;
    }

    /// <summary>The index of the network's input named <paramref name="name"/>, or −1.</summary>
    private int IndexOfInput(string name)
    {
        IReadOnlyList<InputInfo> inputs = Description.Inputs;
        for (int i = 0; i < inputs.Count; i++)
        {
            if (string.Equals(inputs[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    private static string DescribeDataInputs(IReadOnlyList<DataSetInput> inputs)
    {
        var parts = new string[inputs.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = $"'{inputs[i].Name}' {DataSet.FormatShape(inputs[i].SampleShape)}";
        return string.Join(", ", parts);
    }

    private static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }
}
