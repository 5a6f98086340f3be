using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen;

/// <summary>
/// Streams each epoch's logs to a CSV file (Keras's <c>CSVLogger</c>, tf.keras 2 format), one row per epoch:
/// <code>
/// epoch,accuracy,loss,val_accuracy,val_loss
/// 0,0.5,0.6931471805599453,0.625,0.68
/// </code>
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The columns are <c>epoch</c> followed by the log keys of the first epoch, <b>sorted</b> (ordinally, as Python
/// sorts). If that epoch has no <c>val_</c> key, a <c>val_&lt;key&gt;</c> column is appended for every key (Keras
/// does this for validation that starts later), and stays <c>NA</c> while there is no validation.</item>
/// <item>The epoch column is 0-based. A key missing from an epoch's logs is written as <c>NA</c>.</item>
/// <item>Numbers are written as Python's <c>str(float)</c> writes them: the shortest digits that round-trip
/// (<c>0.5</c>, <c>0.12345678901234568</c>, <c>1e-05</c>, <c>nan</c>, <c>inf</c>).</item>
/// <item>Rows end with <c>\r\n</c>, as Python's <c>csv</c> module (Keras's writer) ends them, and a field that contains
/// the separator, a quote or a line break is quoted with doubled quotes. The file is UTF-8 without a byte-order mark.</item>
/// <item>With <c>append: true</c> the rows are added to an existing file, and the header is skipped when the file is
/// not empty; otherwise the file is overwritten at the start of training.</item>
/// <item>Under <see cref="BackupAndRestore"/>, the backup records the file's length; with <c>append: true</c> a resumed run
/// cuts the file back to that length before it continues, so the rows of an epoch that was interrupted after its row
/// was written (and is repeated) are written once, and the file is byte for byte the uninterrupted run's. A file
/// missing or shorter than the backup recorded stops the resumed run with an <see cref="InvalidDataException"/>. With
/// <c>append: false</c> the file starts afresh, as in Keras. Keras's <c>BackupAndRestore</c> does not do this: a Keras
/// run resumed after such an interruption has the epoch's row twice.</item>
/// <item>The file is opened at the start of training (readable by others meanwhile), flushed after every row, and
/// closed at the end of training. If training ends with an exception, <see cref="Dispose"/> closes it.</item>
/// </list>
/// </remarks>
public sealed class CSVLogger : Callback, IDisposable, IResumableCallback
{
    private const string LineEnd = "\r\n";
    private StreamWriter? _writer;
    private List<string>? _keys;
    private bool _writeHeader;

    /// <summary>Creates the callback; the parameters and their defaults are Keras's.</summary>
    /// <param name="filename">The CSV file; its folder must exist.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="append">Whether to append to an existing file instead of overwriting it.</param>
    /// <exception cref="ArgumentException">The file name is empty, or the separator is a quote or a line break.</exception>
    public CSVLogger(string filename, char separator = ',', bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(filename);
        if (separator is '"' or '\r' or '\n')
            throw new ArgumentException("The separator cannot be a quote or a line break.", nameof(separator));
        Filename = filename;
        Separator = separator;
        Append = append;
    }

    /// <summary>The CSV file.</summary>
    public string Filename { get; }

    /// <summary>The field separator.</summary>
    public char Separator { get; }

    /// <summary>Whether rows are appended to an existing file.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    /// <exception cref="IOException">The file cannot be opened (for example, its folder does not exist).</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        Dispose();
        Open(Append ? FileMode.Append : FileMode.Create);
    }

    private void Open(FileMode mode)
    {
        _writeHeader = mode != FileMode.Append || !File.Exists(Filename) || new FileInfo(Filename).Length == 0;
        var stream = new FileStream(Filename, mode, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    string IResumableCallback.StateKind => "csv_logger";

    /// <summary>Records the file's length and the hash of its contents: every row so far is flushed.</summary>
    void IResumableCallback.SaveState(CallbackState state)
    {
        if (_writer is null) return;
        _writer.Flush();
        long length = _writer.BaseStream.Length;
        state.Set("length", length);
        state.Set("crc32", AppendedFile.Hash(Filename, length));
    }

    /// <summary>With <c>append: true</c>, checks that the file still begins with what the backup recorded.</summary>
    void IResumableCallback.CheckState(CallbackState state)
    {
        if (Append && state.Has("length"))
            AppendedFile.Check(Filename, state.GetLong("length"), state.Has("crc32") ? state.GetString("crc32") : null);
    }

    /// <summary>With <c>append: true</c>, cuts the file back to the recorded length and continues it.</summary>
    void IResumableCallback.RestoreState(CallbackState state)
    {
        if (!Append || !state.Has("length")) return;
        long length = state.GetLong("length");
        Dispose();
        AppendedFile.TruncateTo(Filename, length);
        Open(FileMode.Append);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Training has not begun (<see cref="OnTrainBegin"/> was not called).</exception>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        StreamWriter writer = _writer ?? throw new InvalidOperationException("CSVLogger.OnTrainBegin must run before the first epoch ends.");
        // Keras fixes the columns at the first epoch it sees, and keeps them for later fit calls of the same instance.
        _keys ??= Columns(logs);
        if (_writeHeader)
        {
            writer.Write("epoch");
            foreach (string key in _keys)
            {
                writer.Write(Separator);
                writer.Write(Quote(key));
            }
            writer.Write(LineEnd);
            _writeHeader = false;
        }

        writer.Write(epoch.ToString(CultureInfo.InvariantCulture));
        foreach (string key in _keys)
        {
            writer.Write(Separator);
            writer.Write(logs.TryGetValue(key, out double value) ? PythonFloat.Repr(value) : "NA");
        }
        writer.Write(LineEnd);
        writer.Flush();
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IDictionary<string, double> logs) => Dispose();

    /// <summary>Closes the file if it is open. The callback can be used again: the next training run reopens it.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private static List<string> Columns(IDictionary<string, double> logs)
    {
        var keys = new List<string>(logs.Keys);
        keys.Sort(StringComparer.Ordinal);
        bool hasValidation = keys.Exists(key => key.StartsWith("val_", StringComparison.Ordinal));
        if (!hasValidation)
        {
            int count = keys.Count;
            for (int i = 0; i < count; i++) keys.Add("val_" + keys[i]);
        }
        return keys;
    }

    /// <summary>Python's <c>csv.QUOTE_MINIMAL</c>: quote a field that holds the separator, a quote or a line break.</summary>
    private string Quote(string field) =>
        field.IndexOfAny([Separator, '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
