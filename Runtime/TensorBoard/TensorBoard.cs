using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// Writes the epoch logs as TensorBoard scalars (Keras's <c>TensorBoard</c> callback with <c>update_freq='epoch'</c>), so
/// <c>tensorboard --logdir &lt;logDir&gt;</c> plots the training curves. Runs are <c>&lt;logDir&gt;/train</c> and
/// <c>&lt;logDir&gt;/validation</c>, each a folder with one event file per <see cref="Model.Fit"/> call.
/// </summary>
/// <remarks>
/// <para>At the end of epoch <c>e</c> (step = <c>e</c>, 0-based), as in tf.keras 2.x:</para>
/// <list type="bullet">
/// <item>every log without the <c>val_</c> prefix goes to <c>train</c> as <c>epoch_&lt;name&gt;</c> (<c>epoch_loss</c>,
/// <c>epoch_accuracy</c>, <c>epoch_lr</c> when a callback logged <c>lr</c>, …);</item>
/// <item>every <c>val_</c> log goes to <c>validation</c> as <c>epoch_&lt;name without val_&gt;</c> (<c>epoch_loss</c>, …);</item>
/// <item><c>epoch_learning_rate</c> = <see cref="Model.LearningRate"/> goes to <c>train</c>, always. This is Keras 3's
/// behaviour; Keras 2 writes it only for a <c>LearningRateSchedule</c>. A <c>learning_rate</c> log is replaced by this value,
/// as in Keras 3;</item>
/// <item>before those, the validation results also go to <c>validation</c> as <c>evaluation_&lt;name&gt;_vs_iterations</c> at
/// step <see cref="Model.Iterations"/> (what Keras writes at the end of each evaluation inside <c>fit</c>).</item>
/// </list>
/// <para>
/// The writers are created on first use: <c>train</c> when training begins (Keras makes it the current writer for the
/// whole <c>fit</c>), <c>validation</c> at the first epoch with validation logs, so a run without validation data has no
/// <c>validation</c> folder. Files are flushed at every epoch end and closed when training ends (or on <see cref="Dispose"/>);
/// another <see cref="Model.Fit"/> with the same callback starts new files.
/// </para>
/// <para>
/// Under <see cref="BackupAndRestore"/>, the backup records each event file's name and length. A resumed run continues
/// those files, cut back to the recorded length (the events of the interrupted epoch, which it repeats, are written once),
/// instead of starting new ones: the run folders hold what an uninterrupted run writes, except the wall times. An event
/// file missing or shorter than the backup recorded stops the resumed run with an <see cref="InvalidDataException"/>.
/// Keras's <c>BackupAndRestore</c> does not do this: a resumed Keras run starts new event files, and the interrupted
/// epoch's events are there twice. A run interrupted before its first backup starts afresh, and its first attempt's
/// event file stays (with at most the first epoch's events), as in Keras.
/// </para>
/// <para>
/// Not supported: histograms, the graph, images, embeddings, profiling, per-batch scalars (<c>update_freq</c>) and
/// <c>epoch_steps_per_second</c>.
/// </para>
/// </remarks>
public sealed class TensorBoard : Callback, IDisposable, IResumableCallback
{
    private const string ValidationPrefix = "val_";
    private const string EpochPrefix = "epoch_";
    private const string LearningRateKey = "learning_rate";

    private EventFileWriter? _trainWriter;
    private EventFileWriter? _validationWriter;
    private bool _disposed;

    /// <summary>Creates the callback; nothing is written to disk until training begins.</summary>
    /// <param name="logDir">The folder TensorBoard is pointed at (Keras's <c>log_dir</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="logDir"/> is empty.</exception>
    public TensorBoard(string logDir = "logs")
    {
        ArgumentException.ThrowIfNullOrEmpty(logDir);
        LogDir = logDir;
    }

    /// <summary>The folder TensorBoard is pointed at.</summary>
    public string LogDir { get; }

    /// <summary>The folder of the training run, <c>&lt;logDir&gt;/train</c>.</summary>
    public string TrainDirectory => Path.Combine(LogDir, "train");

    /// <summary>The folder of the validation run, <c>&lt;logDir&gt;/validation</c>.</summary>
    public string ValidationDirectory => Path.Combine(LogDir, "validation");

    private EventFileWriter TrainWriter => _trainWriter ??= new EventFileWriter(TrainDirectory);

    private EventFileWriter ValidationWriter => _validationWriter ??= new EventFileWriter(ValidationDirectory);

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The callback was disposed.</exception>
    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = TrainWriter;
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The callback was disposed.</exception>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Keras's on_test_end (the validation inside fit) runs before on_epoch_end.
        long iterations = Model?.Iterations ?? 0;
        foreach (var (name, value) in logs)
        {
            if (IsValidation(name))
                ValidationWriter.WriteScalar($"evaluation_{name.Substring(ValidationPrefix.Length)}_vs_iterations", (float)value, iterations);
        }

        foreach (var (name, value) in logs)
        {
            if (IsValidation(name))
                ValidationWriter.WriteScalar(EpochPrefix + name.Substring(ValidationPrefix.Length), (float)value, epoch);
            else if (name != LearningRateKey)
                TrainWriter.WriteScalar(EpochPrefix + name, (float)value, epoch);
        }
        if (Model is not null)
            TrainWriter.WriteScalar(EpochPrefix + LearningRateKey, (float)Model.LearningRate, epoch);

        _trainWriter?.Flush();
        _validationWriter?.Flush();
    }

    string IResumableCallback.StateKind => "tensorboard";

    /// <summary>Records the name, length and content hash of each event file (both are flushed at every epoch end).</summary>
    void IResumableCallback.SaveState(CallbackState state)
    {
        Record(state, "train", _trainWriter);
        Record(state, "validation", _validationWriter);
    }

    private static void Record(CallbackState state, string run, EventFileWriter? writer)
    {
        if (writer is null) return;
        writer.Flush();
        state.Set(run + "_file", Path.GetFileName(writer.FilePath));
        state.Set(run + "_length", writer.Length);
        state.Set(run + "_crc32", AppendedFile.Hash(writer.FilePath, writer.Length));
    }

    /// <summary>Checks that the recorded event files still begin with what the backup recorded.</summary>
    void IResumableCallback.CheckState(CallbackState state)
    {
        if (RecordedFile(state, "train", TrainDirectory) is { } train) CheckRecorded(state, "train", train);
        if (RecordedFile(state, "validation", ValidationDirectory) is { } validation) CheckRecorded(state, "validation", validation);
    }

    private static void CheckRecorded(CallbackState state, string run, string path) =>
        AppendedFile.Check(path, state.GetLong(run + "_length"), state.Has(run + "_crc32") ? state.GetString(run + "_crc32") : null);

    /// <summary>
    /// Continues the recorded event files instead of the one <see cref="OnTrainBegin"/> started (which holds only its
    /// file-version event, and is deleted).
    /// </summary>
    void IResumableCallback.RestoreState(CallbackState state)
    {
        string? train = RecordedFile(state, "train", TrainDirectory);
        string? validation = RecordedFile(state, "validation", ValidationDirectory);
        if (train is not null)
        {
            EventFileWriter? started = _trainWriter;
            started?.Dispose();
            _trainWriter = null;
            _trainWriter = EventFileWriter.Continue(train, state.GetLong("train_length"));
            if (started is not null && started.FilePath != train) File.Delete(started.FilePath);
        }
        if (validation is not null)
        {
            _validationWriter?.Dispose();
            _validationWriter = null;
            _validationWriter = EventFileWriter.Continue(validation, state.GetLong("validation_length"));
        }
    }

    /// <summary>The path of the event file the backup recorded for <paramref name="run"/>, or null when it recorded none.</summary>
    private static string? RecordedFile(CallbackState state, string run, string directory)
    {
        if (!state.Has(run + "_file")) return null;
        string name = state.GetString(run + "_file");
        if (!name.StartsWith("events.out.tfevents.", StringComparison.Ordinal) || name != Path.GetFileName(name))
            throw new InvalidDataException($"the backup's TensorBoard {run} file is '{name}'; expected the name of an event file (events.out.tfevents.*).");
        return Path.Combine(directory, name);
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IDictionary<string, double> logs) => CloseWriters();

    /// <summary>Closes the event files if training did not end normally (an exception or a cancelled <see cref="Model.Fit"/>).</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseWriters();
    }

    private static bool IsValidation(string name) => name.StartsWith(ValidationPrefix, StringComparison.Ordinal);

    private void CloseWriters()
    {
        _trainWriter?.Dispose();
        _trainWriter = null;
        _validationWriter?.Dispose();
        _validationWriter = null;
    }
}
