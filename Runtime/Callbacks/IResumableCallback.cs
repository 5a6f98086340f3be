using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// A callback whose state a <see cref="BackupAndRestore"/> backup keeps, so that a resumed run decides exactly what the
/// uninterrupted run decides: the best value seen, patience counters, a best-weights snapshot.
/// </summary>
internal interface IResumableCallback
{
    /// <summary>The kind in the backup's keys (<c>callback/&lt;kind&gt;/&lt;k&gt;/…</c>), e.g. <c>model_checkpoint</c>.</summary>
    string StateKind { get; }

    /// <summary>Writes the state as text values (doubles round-trip with "R") and, when needed, tensors.</summary>
    void SaveState(CallbackState state);

    /// <summary>
    /// Checks, before any callback's <see cref="Callback.OnTrainBegin"/> (which may write files), what
    /// <see cref="RestoreState"/> will need besides the backup, e.g. the files it continues. Nothing by default.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">The state cannot be restored.</exception>
    void CheckState(CallbackState state) { }

    /// <summary>Reads the state <see cref="SaveState"/> wrote; called after every callback's <see cref="Callback.OnTrainBegin"/>.</summary>
    void RestoreState(CallbackState state);
}
