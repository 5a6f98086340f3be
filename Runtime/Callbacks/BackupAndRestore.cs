using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// Makes training survive interruption (Keras's <c>BackupAndRestore</c>): at the end of every epoch it writes a full
/// training checkpoint (<see cref="Model.SaveCheckpoint"/>: weights, optimizer state, step, epoch, random streams) to
/// <see cref="BackupDirectory"/>; when <see cref="Model.Fit"/> starts and a backup is there, it restores it and training
/// continues after the last completed epoch. A process killed mid-epoch and started again with the same arguments
/// repeats that epoch from its beginning and ends with bit-identical weights to a run that was never interrupted (for the
/// same thread count). When training completes, the backup is deleted (unless <c>deleteCheckpoint</c> is false); an
/// interrupted run (exception, cancellation, killed process) keeps it.
/// </summary>
/// <remarks>
/// Unlike Keras, the backup also keeps the state of the other callbacks that decide from what they have seen:
/// <see cref="ModelCheckpoint"/>'s best value, <see cref="EarlyStopping"/>'s and <see cref="ReduceLROnPlateau"/>'s best
/// value and counters (and EarlyStopping's best-weights snapshot), so a resumed run saves, stops and reduces exactly where
/// the uninterrupted run does. The backup is written after every callback's <see cref="Callback.OnEpochEnd"/>, atomically,
/// so a kill during the write leaves the previous backup intact. A backup that cannot be read (corrupt, truncated, from
/// another network) stops <see cref="Model.Fit"/> with an <see cref="InvalidDataException"/> that says to delete or move it;
/// it is never overwritten.
/// </remarks>
public sealed class BackupAndRestore : Callback
{
    /// <summary>The name of the checkpoint file inside <see cref="BackupDirectory"/>.</summary>
    public const string FileName = "training-checkpoint.safetensors";

    private readonly bool _deleteCheckpoint;
    private SafeTensorsFile? _backup;

    /// <summary>Creates the callback.</summary>
    /// <param name="backupDirectory">The folder for the backup (created if missing). Use one folder per training job.</param>
    /// <param name="deleteCheckpoint">Whether to delete the backup when training completes (Keras default true).</param>
    /// <exception cref="ArgumentException"><paramref name="backupDirectory"/> is null or empty.</exception>
    public BackupAndRestore(string backupDirectory, bool deleteCheckpoint = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(backupDirectory);
        BackupDirectory = backupDirectory;
        _deleteCheckpoint = deleteCheckpoint;
    }

    /// <summary>The folder the backup is kept in.</summary>
    public string BackupDirectory { get; }

    /// <summary>The backup file's full path.</summary>
    public string BackupPath => Path.Combine(BackupDirectory, FileName);

    /// <summary>The epoch training resumed after, or null when the last <see cref="Model.Fit"/> started afresh.</summary>
    public int? RestoredEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        RestoredEpoch = null;
        Directory.CreateDirectory(BackupDirectory);
    }

    /// <summary>
    /// Reads and checks the backup, if there is one, before any callback's <see cref="Callback.OnTrainBegin"/>: a backup
    /// that cannot be restored (truncated, corrupt, from another network, or the files it continues shortened) stops
    /// training before another callback creates or overwrites a file. The model is loaded from it here, and again after
    /// every <see cref="Callback.OnTrainBegin"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The backup exists but cannot be restored (it is left in place); the message says to delete or move it.</exception>
    internal override void OnTrainBeginBeforeAll(IReadOnlyList<Callback> callbacks)
    {
        _backup = null;
        if (!File.Exists(BackupPath)) return;
        try
        {
            SafeTensorsFile file = Model.LoadCheckpointFile(BackupPath);
            foreach (var (callback, prefix) in Resumable(callbacks))
            {
                var state = CallbackState.ForReading(prefix, BackupPath, file);
                if (state.Exists) callback.CheckState(state);
            }
            _backup = file;
        }
        catch (InvalidDataException e)
        {
            throw CannotResume(e);
        }
    }

    /// <summary>
    /// Restores the backup read by <see cref="OnTrainBeginBeforeAll"/>, after every callback's
    /// <see cref="Callback.OnTrainBegin"/> (which resets their state): the model, then each resumable callback's state.
    /// </summary>
    /// <exception cref="InvalidDataException">The backup cannot be restored (it is left in place); the message says to delete or move it.</exception>
    internal override void OnTrainBeginAfterAll(IReadOnlyList<Callback> callbacks)
    {
        if (_backup is not { } backup) return;
        _backup = null;
        try
        {
            SafeTensorsFile file = Model.LoadCheckpointFile(backup, BackupPath);
            foreach (var (callback, prefix) in Resumable(callbacks))
            {
                var state = CallbackState.ForReading(prefix, BackupPath, file);
                if (state.Exists) callback.RestoreState(state);
            }
        }
        catch (InvalidDataException e)
        {
            throw CannotResume(e);
        }
        Model.ResumeAtEpoch(Model.Epoch);
        RestoredEpoch = Model.Epoch;
    }

    private InvalidDataException CannotResume(InvalidDataException e) => new(
        $"Cannot resume training from the backup '{BackupPath}': {e.Message}\n" +
        "The backup was left as it is. To start this training afresh, delete or move the backup folder " +
        $"'{BackupDirectory}' (or the file); to resume, put back a good copy of the file.", e);

    /// <summary>Writes the backup after every callback's <see cref="Callback.OnEpochEnd"/>, with their state.</summary>
    internal override void OnEpochEndAfterAll(int epoch, IReadOnlyList<Callback> callbacks)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new List<SafeTensor>();
        foreach (var (callback, prefix) in Resumable(callbacks)) callback.SaveState(CallbackState.ForWriting(prefix, metadata, tensors));
        Model.SaveCheckpointWith(BackupPath, metadata, tensors);
    }

    /// <summary>The resumable callbacks with their key prefixes: <c>callback/&lt;kind&gt;/&lt;k&gt;/</c>, k counting per kind in list order.</summary>
    private static IEnumerable<(IResumableCallback Callback, string Prefix)> Resumable(IReadOnlyList<Callback> callbacks)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Callback callback in callbacks)
        {
            if (callback is not IResumableCallback resumable) continue;
            counts.TryGetValue(resumable.StateKind, out int k);
            counts[resumable.StateKind] = k + 1;
            yield return (resumable, CheckpointMetadata.CallbackPrefix + resumable.StateKind + "/" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/");
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        if (!_deleteCheckpoint) return;
        File.Delete(BackupPath);
        if (Directory.GetFileSystemEntries(BackupDirectory).Length == 0) Directory.Delete(BackupDirectory);
    }
}
