using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Saves a full training checkpoint to a safetensors file: every weight (as <see cref="SaveWeights"/>), the
    /// optimizer state of every trainable weight as tensors named <c>optimizer/&lt;weight&gt;/&lt;slot&gt;</c> with Keras's slot names
    /// (<see cref="ModelDescription.OptimizerSlotNames"/>: SGD <c>momentum</c>; Adam and AdamW <c>momentum</c>,
    /// <c>velocity</c> and with AMSGrad <c>velocity_hat</c>; Adagrad <c>accumulator</c>; RMSprop <c>velocity</c>, with
    /// momentum <c>momentum</c>, centered <c>average_gradient</c>; Adadelta <c>accumulated_grad</c>,
    /// <c>accumulated_delta_var</c>; Nadam <c>momentum</c>, <c>velocity</c>) and scalar state as <c>optimizer/&lt;name&gt;</c>
    /// of shape () (Nadam's <c>u_product</c>), and in the metadata the format
    /// (<c>netgen-checkpoint</c>), <see cref="Iterations"/>, <see cref="Epoch"/>, the optimizer hyperparameters
    /// (<see cref="OptimizerSettings"/>) and the states of the Dropout and shuffling random streams (and of the last
    /// <see cref="Fit"/>'s <see cref="ImageAugmentation"/>, if it had one). When training stopped inside a pass over the
    /// training data (<see cref="FitOptions.StepsPerEpoch"/> below a pass's batches), the metadata also holds the
    /// position in that pass (<c>pass_position</c>, <c>pass_samples</c>) and the shuffling state is the one the pass was
    /// drawn from, so that the next <see cref="Fit"/> draws it again and continues it. Loading it with
    /// <see cref="LoadCheckpoint"/> and training on reproduces the uninterrupted run bit for bit. The write is atomic,
    /// like <see cref="SaveWeights"/>'s.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or the write failed.</exception>
    public void SaveCheckpoint(string path) => SaveCheckpointWith(path, null, null);

    /// <summary>
    /// <see cref="SaveCheckpoint"/> with more state in the same file: <see cref="BackupAndRestore"/> adds the
    /// other callbacks' state (metadata keys and tensors under <c>callback/</c>), which <see cref="LoadCheckpoint"/> skips.
    /// </summary>
    internal void SaveCheckpointWith(string path, IReadOnlyDictionary<string, string>? extraMetadata, IReadOnlyList<SafeTensor>? extraTensors)
    {
        ThrowIfInferenceOnly("a training checkpoint");
        ArgumentException.ThrowIfNullOrEmpty(path);
        var tensors = new List<SafeTensor>(WeightTensors());
        IReadOnlyList<string> slots = Description.OptimizerSlotNames;
        foreach (WeightInfo weight in Description.Weights)
        {
            if (!weight.Trainable) continue; // no optimizer state
            for (int slot = 0; slot < slots.Count; slot++)
            {
                float[] state = OptimizerSlot(slot).Slice(weight.Offset, weight.Length).ToArray();
                tensors.Add(new SafeTensor(SlotTensorName(weight.Name, slots[slot]), weight.Shape, state));
            }
        }
        IReadOnlyList<string> scalars = Description.OptimizerScalarNames;
        for (int i = 0; i < scalars.Count; i++)
            tensors.Add(new SafeTensor(CheckpointMetadata.OptimizerPrefix + scalars[i], [], [_optimizerScalars[i]]));

        Dictionary<string, string> metadata = FileMetadata(CheckpointMetadata.CheckpointFormat);
        metadata[CheckpointMetadata.Optimizer] = Description.Optimizer.ToString();
        metadata[CheckpointMetadata.Iterations] = Iterations.ToString(CultureInfo.InvariantCulture);
        metadata[CheckpointMetadata.Epoch] = Epoch.ToString(CultureInfo.InvariantCulture);
        metadata[CheckpointMetadata.LearningRate] = FormatDouble(OptimizerSettings.LearningRate);
        metadata[CheckpointMetadata.Momentum] = FormatDouble(OptimizerSettings.Momentum);
        metadata[CheckpointMetadata.Beta1] = FormatDouble(OptimizerSettings.Beta1);
        metadata[CheckpointMetadata.Beta2] = FormatDouble(OptimizerSettings.Beta2);
        metadata[CheckpointMetadata.Epsilon] = FormatDouble(OptimizerSettings.Epsilon);
        metadata[CheckpointMetadata.Rho] = FormatDouble(OptimizerSettings.Rho);
        metadata[CheckpointMetadata.WeightDecay] = FormatDouble(OptimizerSettings.WeightDecay);
        metadata[CheckpointMetadata.ClipNorm] = FormatDouble(OptimizerSettings.ClipNorm);
        metadata[CheckpointMetadata.ClipValue] = FormatDouble(OptimizerSettings.ClipValue);
        metadata[CheckpointMetadata.GlobalClipNorm] = FormatDouble(OptimizerSettings.GlobalClipNorm);
        metadata[CheckpointMetadata.DropoutRandomState] = FormatState(Random.GetState());
        if (_passOffset > 0)
        {
            // Inside a pass (stepsPerEpoch below its batches): the pass's position and the shuffling state it was drawn
            // from, so that a resumed Fit draws the same permutation and continues it.
            metadata[CheckpointMetadata.ShuffleRandomState] = FormatState(_passShuffleState);
            metadata[CheckpointMetadata.PassPosition] = _passOffset.ToString(CultureInfo.InvariantCulture);
            metadata[CheckpointMetadata.PassSamples] = _passSamples.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            metadata[CheckpointMetadata.ShuffleRandomState] = FormatState(ShuffleRandom.GetState());
        }
        if (_augmentation is not null)
            metadata[CheckpointMetadata.AugmentationRandomState] = FormatState(_augmentation.GetRandomState());
        if (extraMetadata is not null)
        {
            foreach (var (key, value) in extraMetadata) metadata[key] = value;
        }
        if (extraTensors is not null) tensors.AddRange(extraTensors);
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(tensors, metadata));
    }

    /// <summary>
    /// Restores a checkpoint written by <see cref="SaveCheckpoint"/>: weights, optimizer state, <see cref="Iterations"/>, <see cref="Epoch"/>,
    /// the optimizer hyperparameters and both random streams, so that training continues exactly where the saved run
    /// was: the next <see cref="Fit"/> also continues the pass over the training data the saved run was inside (with
    /// <see cref="FitOptions.StepsPerEpoch"/>), if its training data has as many samples, else it starts a new pass. The network must have the same weight names and shapes and the same optimizer (its seed may differ: the
    /// random streams come from the file). Everything is checked before anything is changed: if anything is wrong, the
    /// model is unchanged.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is truncated or corrupt, is not a NetGen training checkpoint, was saved with another optimizer, its
    /// tensors do not match the network (the message lists them, expected versus found), it comes from a graph wired
    /// differently (the message lists the inputs and layers that differ; see <see cref="LoadWeights"/>), or a metadata
    /// value is missing or invalid.
    /// </exception>
    public void LoadCheckpoint(string path) => LoadCheckpointFile(path);

    /// <summary><see cref="LoadCheckpoint"/>, returning the file read, whose <c>callback/</c> entries <see cref="BackupAndRestore"/> reads.</summary>
    internal SafeTensorsFile LoadCheckpointFile(string path)
    {
        ThrowIfInferenceOnly("a training checkpoint");
        ArgumentException.ThrowIfNullOrEmpty(path);
        return LoadCheckpointFile(SafeTensorsReader.ReadFile(path), path);
    }

    /// <summary><see cref="LoadCheckpoint"/> of a <paramref name="file"/> already read from <paramref name="path"/>.</summary>
    internal SafeTensorsFile LoadCheckpointFile(SafeTensorsFile file, string path)
    {
        ThrowIfInferenceOnly("a training checkpoint");
        IReadOnlyDictionary<string, string> metadata = file.Metadata;

        metadata.TryGetValue(CheckpointMetadata.Format, out string? format);
        if (format != CheckpointMetadata.CheckpointFormat)
            throw new InvalidDataException(
                $"{path}: not a NetGen training checkpoint: its metadata format is {(format is null ? "missing" : $"'{format}'")}, expected '{CheckpointMetadata.CheckpointFormat}'" +
                (format == CheckpointMetadata.WeightsFormat ? "; it holds weights only, which LoadWeights reads." : "."));
        string optimizer = Required(metadata, CheckpointMetadata.Optimizer, path);
        if (optimizer != Description.Optimizer.ToString())
            throw new InvalidDataException(
                $"{path}: the checkpoint holds {optimizer} optimizer state; the network {Description.Name} uses {Description.Optimizer}. Nothing was loaded.");

        IReadOnlyList<string> slots = Description.OptimizerSlotNames;
        IReadOnlyList<string> scalars = Description.OptimizerScalarNames;
        List<(string Name, int[] Shape)> expected = ExpectedWeightTensors();
        foreach (WeightInfo weight in Description.Weights)
        {
            if (!weight.Trainable) continue;
            foreach (string slot in slots) expected.Add((SlotTensorName(weight.Name, slot), weight.Shape));
        }
        foreach (string scalar in scalars) expected.Add((CheckpointMetadata.OptimizerPrefix + scalar, []));
        SafeTensor[] tensors = MatchTensors(file, path, expected, ignoreOptimizerState: false);
        CheckTopology(file, path);

        string iterationsText = Required(metadata, CheckpointMetadata.Iterations, path);
        if (!long.TryParse(iterationsText, NumberStyles.None, CultureInfo.InvariantCulture, out long iterations))
            throw InvalidMetadata(path, CheckpointMetadata.Iterations, iterationsText, "a non-negative integer");
        string epochText = Required(metadata, CheckpointMetadata.Epoch, path);
        if (!int.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
            throw InvalidMetadata(path, CheckpointMetadata.Epoch, epochText, "a non-negative integer");
        double learningRate = ParseDouble(metadata, CheckpointMetadata.LearningRate, path, nonNegative: true);
        double momentum = ParseDouble(metadata, CheckpointMetadata.Momentum, path, nonNegative: false);
        double beta1 = ParseDouble(metadata, CheckpointMetadata.Beta1, path, nonNegative: false);
        double beta2 = ParseDouble(metadata, CheckpointMetadata.Beta2, path, nonNegative: false);
        double epsilon = ParseDouble(metadata, CheckpointMetadata.Epsilon, path, nonNegative: false);
        double rho = ParseDouble(metadata, CheckpointMetadata.Rho, path, nonNegative: true);
        if (rho >= 1) throw InvalidMetadata(path, CheckpointMetadata.Rho, metadata[CheckpointMetadata.Rho], "a number in [0, 1)");
        double weightDecay = ParseOptional(metadata, CheckpointMetadata.WeightDecay, path, allowZero: true);
        double clipNorm = ParseOptional(metadata, CheckpointMetadata.ClipNorm, path, allowZero: false);
        double clipValue = ParseOptional(metadata, CheckpointMetadata.ClipValue, path, allowZero: false);
        double globalClipNorm = ParseOptional(metadata, CheckpointMetadata.GlobalClipNorm, path, allowZero: false);
        ulong[] dropoutState = ParseState(metadata, CheckpointMetadata.DropoutRandomState, path);
        ulong[] shuffleState = ParseState(metadata, CheckpointMetadata.ShuffleRandomState, path);
        ulong[]? augmentationState = metadata.ContainsKey(CheckpointMetadata.AugmentationRandomState)
            ? ParseState(metadata, CheckpointMetadata.AugmentationRandomState, path)
            : null;
        (int Position, int Samples)? pass = ParsePass(metadata, path);

        // Everything is valid: nothing below can fail.
        CopyWeights(tensors);
        int next = Description.Weights.Count;
        foreach (WeightInfo weight in Description.Weights)
        {
            if (!weight.Trainable) continue;
            for (int slot = 0; slot < slots.Count; slot++)
                tensors[next++].Values.CopyTo(OptimizerSlot(slot).Slice(weight.Offset, weight.Length));
        }
        for (int i = 0; i < scalars.Count; i++) _optimizerScalars[i] = tensors[next++].Values[0];
        Iterations = iterations;
        Epoch = epoch;
        OptimizerSettings.LearningRate = learningRate;
        OptimizerSettings.Momentum = momentum;
        OptimizerSettings.Beta1 = beta1;
        OptimizerSettings.Beta2 = beta2;
        OptimizerSettings.Epsilon = epsilon;
        OptimizerSettings.Rho = rho;
        OptimizerSettings.WeightDecay = weightDecay;
        OptimizerSettings.ClipNorm = clipNorm;
        OptimizerSettings.ClipValue = clipValue;
        OptimizerSettings.GlobalClipNorm = globalClipNorm;
        Random.SetState(dropoutState);
        ShuffleRandom.SetState(shuffleState);
        _restoredAugmentationState = augmentationState;
        _passOffset = pass?.Position ?? 0;
        _passSamples = pass?.Samples ?? 0;
        if (pass is not null) shuffleState.CopyTo(_passShuffleState.AsSpan());
        _continueLoadedPass = pass is not null;
        return file;
    }

    /// <summary>
    /// The position inside a pass over the training data a checkpoint was saved at (both keys, 0 &lt; position &lt;
    /// samples), or null when it was saved at a pass boundary (neither key).
    /// </summary>
    /// <exception cref="InvalidDataException">One key without the other, or values that are not such integers.</exception>
    private static (int Position, int Samples)? ParsePass(IReadOnlyDictionary<string, string> metadata, string path)
    {
        bool hasPosition = metadata.TryGetValue(CheckpointMetadata.PassPosition, out string? positionText);
        bool hasSamples = metadata.TryGetValue(CheckpointMetadata.PassSamples, out string? samplesText);
        if (!hasPosition && !hasSamples) return null;
        if (!hasPosition || !hasSamples)
        {
            (string present, string missing) = hasPosition
                ? (CheckpointMetadata.PassPosition, CheckpointMetadata.PassSamples)
                : (CheckpointMetadata.PassSamples, CheckpointMetadata.PassPosition);
            throw new InvalidDataException($"{path}: the checkpoint's metadata has '{present}' but no '{missing}'; the two go together. Nothing was loaded.");
        }
        if (!int.TryParse(samplesText, NumberStyles.None, CultureInfo.InvariantCulture, out int samples) || samples < 2)
            throw InvalidMetadata(path, CheckpointMetadata.PassSamples, samplesText!, "an integer of at least 2");
        if (!int.TryParse(positionText, NumberStyles.None, CultureInfo.InvariantCulture, out int position) || position <= 0 || position >= samples)
            throw InvalidMetadata(path, CheckpointMetadata.PassPosition, positionText!, $"an integer from 1 to {samples - 1} ({CheckpointMetadata.PassSamples} − 1)");
        return (position, samples);
    }

    private static string SlotTensorName(string weight, string slot) => CheckpointMetadata.OptimizerPrefix + weight + "/" + slot;

    private static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string FormatState(ulong[] state)
    {
        var words = new string[state.Length];
        for (int i = 0; i < words.Length; i++) words[i] = state[i].ToString("x16", CultureInfo.InvariantCulture);
        return string.Join(",", words);
    }

    private static string Required(IReadOnlyDictionary<string, string> metadata, string key, string path) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw new InvalidDataException($"{path}: the checkpoint's metadata has no '{key}'. Nothing was loaded.");

    private static double ParseDouble(IReadOnlyDictionary<string, string> metadata, string key, string path, bool nonNegative)
    {
        string text = Required(metadata, key, path);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || (nonNegative && value < 0))
            throw InvalidMetadata(path, key, text, nonNegative ? "a finite, non-negative number" : "a finite number");
        return value;
    }

    /// <summary>A hyperparameter Keras may leave unset (None, written as NaN): NaN, or finite and positive (or zero when allowed).</summary>
    private static double ParseOptional(IReadOnlyDictionary<string, string> metadata, string key, string path, bool allowZero)
    {
        string text = Required(metadata, key, path);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !(double.IsNaN(value) || (double.IsFinite(value) && (value > 0 || (allowZero && value == 0)))))
            throw InvalidMetadata(path, key, text, allowZero ? "NaN (none) or a finite, non-negative number" : "NaN (none) or a finite, positive number");
        return value;
    }

    private static ulong[] ParseState(IReadOnlyDictionary<string, string> metadata, string key, string path)
    {
        string text = Required(metadata, key, path);
        string[] words = text.Split(',');
        var state = new ulong[words.Length];
        bool valid = words.Length == 4;
        for (int i = 0; valid && i < words.Length; i++)
            valid = words[i].Length is > 0 and <= 16 && ulong.TryParse(words[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out state[i]);
        if (!valid || (state[0] | state[1] | state[2] | state[3]) == 0)
            throw InvalidMetadata(path, key, text, "four comma-separated hexadecimal 64-bit words, not all zero");
        return state;
    }

    private static InvalidDataException InvalidMetadata(string path, string key, string value, string expected) =>
        new($"{path}: the checkpoint's metadata '{key}' is '{value}'; expected {expected}. Nothing was loaded.");
}
