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
/// Like Keras, this restores the model and optimizer, not the state of other callbacks: an <see cref="EarlyStopping"/>
/// counts its patience again from the resumed epoch. The backup is written atomically, so a kill during the write
/// leaves the previous backup intact.
/// </remarks>
public sealed class BackupAndRestore : Callback
{
    /// <summary>The name of the checkpoint file inside <see cref="BackupDirectory"/>.</summary>
    public const string FileName = "training-checkpoint.safetensors";

    private readonly bool _deleteCheckpoint;

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
    /// <exception cref="InvalidDataException">The backup exists but is corrupt or from another network (it is left in place).</exception>
    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        RestoredEpoch = null;
        Directory.CreateDirectory(BackupDirectory);
        if (!File.Exists(BackupPath)) return;

        Model.LoadCheckpoint(BackupPath);
        Model.ResumeAtEpoch(Model.Epoch);
        RestoredEpoch = Model.Epoch;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => Model.SaveCheckpoint(BackupPath);

    /// <inheritdoc/>
    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        if (!_deleteCheckpoint) return;
        File.Delete(BackupPath);
        if (Directory.GetFileSystemEntries(BackupDirectory).Length == 0) Directory.Delete(BackupDirectory);
    }
}
