using System;
using System.Collections.Generic;
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
    /// <param name="train">The training data; its sample shape and labels must match the network.</param>
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
    /// <exception cref="ArgumentException">The data does not match the network (shape, label width or class range).</exception>
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
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
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
        }
        CheckDataSet(train, nameof(train));
        if (validationData is not null) CheckDataSet(validationData, nameof(validationData));
        float[]? trainWeights = classWeight is null ? null : ClassSampleWeights(train, classWeight);
        if (augmentation is not null) ImageAugmentation.ImageShape(Description.InputShape, nameof(augmentation));
        _augmentation = augmentation;
        if (trainWeights is not null && _batchSampleWeights.Length < batchSize) _batchSampleWeights = new float[batchSize];

        var history = new History();
        // Keras 2's CallbackList order: the user's callbacks, then History, then the progress bar, so History and the
        // bar see what the user's callbacks wrote into the logs (ReduceLROnPlateau's "lr", for one).
        var all = new List<Callback>();
        if (callbacks is not null) all.AddRange(callbacks);
        all.Add(history);
        // A live bar only on a real terminal; redirected output (logs, CI) gets one line per epoch.
        if (verbose > 0) all.Add(new ProgressLogger(output ?? Console.Out, verbose, live: output is null && !Console.IsOutputRedirected));
        var parameters = new TrainingParameters(epochs, (train.Count + batchSize - 1) / batchSize, batchSize, train.Count, verbose);
        foreach (Callback callback in all)
        {
            callback.Model = this;
            callback.Parameters = parameters;
        }

        StopTraining = false;
        var trainLogs = new Dictionary<string, double>();
        foreach (Callback callback in all) callback.OnTrainBegin(trainLogs);
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
        float[] labels = new float[batchSize * train.LabelWidth];
        var metrics = new MetricSet(Description.Metrics, OutputSize);
        var batchLogs = new Dictionary<string, double>();

        for (int epoch = initialEpoch; epoch < epochs && !StopTraining; epoch++)
        {
            var logs = new Dictionary<string, double>();
            foreach (Callback callback in all) callback.OnEpochBegin(epoch, logs);
            // Every epoch's order is drawn from the identity, as Keras does, so Fit(1) twice equals Fit(2) once.
            for (int i = 0; i < order.Length; i++) order[i] = i;
            if (shuffle) ShuffleRandom.Shuffle(order);

            double lossSum = 0;
            int seen = 0;
            metrics.Reset();
            for (int step = 0, start = 0; start < train.Count; step++, start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int batch = Math.Min(batchSize, train.Count - start);
                foreach (Callback callback in all) callback.OnTrainBatchBegin(step, batchLogs);

                GatherBatch(train, order, start, batch, labels);
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

                lossSum += loss * batch;
                seen += batch;
                batchLogs["loss"] = lossSum / seen;
                metrics.WriteTo(batchLogs);
                foreach (Callback callback in all) callback.OnTrainBatchEnd(step, batchLogs);
                if (StopTraining) break;
            }

            Epoch = epoch + 1;
            logs["loss"] = lossSum / seen;
            metrics.WriteTo(logs);
            if (validationData is not null && (epoch + 1) % validationFreq == 0)
            {
                EvaluationResult validation = EvaluateCore(validationData, batchSize);
                logs["val_loss"] = validation.Loss;
                foreach (var (name, value) in validation.Metrics) logs["val_" + name] = value;
            }
            foreach (Callback callback in all) callback.OnEpochEnd(epoch, logs);
            trainLogs = logs; // Keras 2 passes the last epoch's logs to on_train_end
        }

        foreach (Callback callback in all) callback.OnTrainEnd(trainLogs);
        return history;
    }

    private int? _resumeEpoch;

    // The augmentation of the current (or last) Fit, whose random stream training checkpoints save, and the stream
    // state a loaded checkpoint holds for the next Fit's augmentation.
    private ImageAugmentation? _augmentation;
    private ulong[]? _restoredAugmentationState;

    /// <summary>Makes the current (or next) <see cref="Fit"/> call start at <paramref name="epoch"/>; see <see cref="BackupAndRestore"/>.</summary>
    internal void ResumeAtEpoch(int epoch) => _resumeEpoch = epoch;

    /// <summary>Computes the loss and metrics on <paramref name="data"/> in inference mode (Keras's <c>evaluate</c>).</summary>
    /// <exception cref="ArgumentException">The data does not match the network.</exception>
    public EvaluationResult Evaluate(DataSet data, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        CheckDataSet(data, nameof(data));
        return EvaluateCore(data, batchSize);
    }

    /// <summary>
    /// Runs the network in inference mode on every sample of <paramref name="inputs"/> (row-major, a whole number of
    /// samples) and returns the outputs, <see cref="OutputSize"/> values per sample (Keras's <c>predict</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of <see cref="InputSize"/>.</exception>
    public float[] Predict(ReadOnlySpan<float> inputs, int batchSize = 32)
    {
        int count = CheckSampleCount(inputs.Length, nameof(inputs));
        var outputs = new float[count * OutputSize];
        Predict(inputs, outputs, batchSize);
        return outputs;
    }

    /// <summary>Like <see cref="Predict(ReadOnlySpan{float}, int)"/>, writing into <paramref name="outputs"/> without allocating.</summary>
    /// <exception cref="ArgumentException">The lengths do not match the network.</exception>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize = 32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
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
    /// Copies the shuffled samples order[start .. start + batch) into the input buffer and their labels into
    /// <paramref name="labels"/>, split over the threads by the same rows as the forward pass, so that each core
    /// finds its rows in its own cache.
    /// </summary>
    private void GatherBatch(DataSet data, int[] order, int start, int batch, float[] labels)
    {
        PrepareInputs(batch);
        bool byFeatures = SplitsInput(batch);
        _gather = (data, order, start, batch, labels, byFeatures);
        // Split like the first layer's product it feeds, so that each core finds its part of the batch in its own
        // cache: by blocks of features when that layer splits by inputs, else by rows (a copied float weighs as 128
        // multiply-adds, a typical first Dense).
        if (byFeatures) RunInputBlocks(GatherTask);
        else RunParallel(GatherTask, (long)batch * InputSize * 128);
        _gather = default;
    }

    private (DataSet Data, int[] Order, int Start, int Batch, float[] Labels, bool ByFeatures) _gather;

    /// <summary>
    /// Part <paramref name="part"/> of <see cref="GatherBatch"/>: rows cut like the forward pass's (multiples of 4), or
    /// every row's block of features cut like the first layer's input blocks.
    /// </summary>
    private void GatherPart(int part, int parts)
    {
        var (data, order, start, batch, labels, byFeatures) = _gather;
        (int firstRow, int rows) = byFeatures ? (0, batch) : Partition(batch, part, parts, 4);
        (int from, int features) = byFeatures ? Partition(InputSize, part, parts, InputBlockGranule) : (0, InputSize);
        Span<float> inputs = PreparedInputs;
        int width = data.LabelWidth;
        bool copiesLabels = !byFeatures || part == 0;
        for (int b = firstRow; b < firstRow + rows; b++)
        {
            int sample = order[start + b];
            data.GetFeatures(sample).Slice(from, features).CopyTo(inputs.Slice(b * InputSize + from, features));
            if (copiesLabels) data.GetLabel(sample).CopyTo(labels.AsSpan(b * width, width));
        }
        // The same rows of the next batch are random samples too, far apart in a large data set: ask for them now, so
        // that they arrive while this step computes instead of stalling the next gather on memory.
        int next = start + batch;
        for (int b = firstRow; b < firstRow + rows && next + b < order.Length; b++)
            PrefetchToOuterCache(data.GetFeatures(order[next + b]).Slice(from, features));
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

    private EvaluationResult EvaluateCore(DataSet data, int batchSize)
    {
        double lossSum = 0;
        var metrics = new MetricSet(Description.Metrics, OutputSize);
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int batch = Math.Min(batchSize, data.Count - start);
            data.Features.AsSpan(start * InputSize, batch * InputSize).CopyTo(PrepareInputs(batch));
            ReadOnlySpan<float> labels = data.Labels.AsSpan(start * data.LabelWidth, batch * data.LabelWidth);
            ReadOnlySpan<float> outputs = ForwardPrepared(batch, training: false);
            metrics.Update(outputs, labels, batch, data.LabelWidth);
            lossSum += LossCore(labels, batch) * batch;
        }
        var results = new Dictionary<string, double>();
        metrics.WriteTo(results);
        return new EvaluationResult(lossSum / data.Count, results);
    }

    private int CheckSampleCount(int length, string parameter)
    {
        if (length == 0 || length % InputSize != 0)
            throw new ArgumentException(
                $"Expected a positive multiple of {InputSize} values (input shape {DataSet.FormatShape(Description.InputShape)}); found {length}.", parameter);
        return length / InputSize;
    }

    private void CheckDataSet(DataSet data, string parameter)
    {
        if (!SameShape(data.SampleShape, Description.InputShape))
            throw new ArgumentException(
                $"The network {Description.Name} expects samples of shape {DataSet.FormatShape(Description.InputShape)}; {parameter} has samples of shape {DataSet.FormatShape(data.SampleShape)}.",
                parameter);
        int width = Description.LabelWidth;
        if (data.LabelWidth != width)
            throw new ArgumentException(
                Description.UsesClassIndexLabels
                    ? $"{Description.Loss} expects one class index per sample; {parameter} has labels of width {data.LabelWidth}."
                    : $"{Description.Loss} expects labels of width {width} (the output size); {parameter} has labels of width {data.LabelWidth}.",
                parameter);
        if (Description.UsesClassIndexLabels)
        {
            for (int i = 0; i < data.Count; i++)
            {
                float label = data.Labels[i];
                if (label < 0 || label >= OutputSize || label != MathF.Floor(label))
                    throw new ArgumentException(
                        $"Expected class labels that are integers in [0, {OutputSize}) for {OutputSize} output units; {parameter} has {label} at sample {i}.",
                        parameter);
            }
        }
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
