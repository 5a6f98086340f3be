using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace NetGen;

/// <summary>
/// Writes a TensorBoard event file (TensorFlow's <c>EventsWriter</c>): a TFRecord stream of <c>Event</c> protocol buffers
/// that TensorBoard reads as one run. Creating a writer creates its directory and the file
/// <c>events.out.tfevents.&lt;unix seconds, 10 digits&gt;.&lt;hostname&gt;.&lt;pid&gt;.&lt;counter&gt;.v2</c>, and writes the
/// <c>file_version</c> record; each <see cref="WriteScalar"/> appends one event.
/// </summary>
/// <remarks>
/// <para>
/// Each record is framed as <c>[u64 length, little-endian][u32 masked CRC-32C of those 8 bytes][data][u32 masked CRC-32C of
/// data]</c>, so a reader can detect a torn or corrupted file.
/// </para>
/// <para>
/// The name follows TF2's <c>tf.summary.create_file_writer</c>: <c>events.out.tfevents.%010d.&lt;host&gt;</c> comes from
/// <c>EventsWriter</c>, and TF2 appends <c>.&lt;pid&gt;.&lt;uid&gt;.v2</c>. Here the uid is a per-process counter, so two writers
/// opened in the same second by one process get different files.
/// </para>
/// <para>Not thread-safe. The file is shared for reading, so TensorBoard can watch it while training runs.</para>
/// </remarks>
public sealed class EventFileWriter : IDisposable
{
    private static int s_fileCounter;
    private readonly FileStream _stream;
    private bool _disposed;

    /// <summary>Creates <paramref name="directory"/> if needed and starts a new event file in it.</summary>
    /// <param name="directory">The run directory, e.g. <c>logs/train</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    /// <exception cref="IOException">The directory or file cannot be created.</exception>
    public EventFileWriter(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        double now = WallTime();
        int counter = Interlocked.Increment(ref s_fileCounter);
        string name = string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{(long)now:D10}.{HostName()}.{Environment.ProcessId}.{counter}.v2");
        FilePath = Path.Combine(directory, name);
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        WriteRecord(EventEncoder.FileVersionEvent(now));
    }

    private EventFileWriter(string path, FileStream stream)
    {
        FilePath = path;
        _stream = stream;
    }

    /// <summary>
    /// Continues the event file <paramref name="path"/> after its first <paramref name="length"/> bytes (what a
    /// <see cref="BackupAndRestore"/> backup recorded): later bytes are cut off, new events are appended.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is missing or shorter than <paramref name="length"/>.</exception>
    internal static EventFileWriter Continue(string path, long length)
    {
        AppendedFile.TruncateTo(path, length);
        return new EventFileWriter(path, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    /// <summary>The file's length, including what is not flushed yet.</summary>
    internal long Length => _stream.Length;

    /// <summary>The path of the event file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Appends a scalar summary event (what <c>tf.summary.scalar(tag, value, step)</c> writes): the value is stored as a
    /// rank-0 <c>DT_FLOAT</c> tensor with the <c>"scalars"</c> plugin's metadata, stamped with the current wall time.
    /// </summary>
    /// <param name="tag">The series name, e.g. <c>epoch_loss</c>.</param>
    /// <param name="value">The value (TensorBoard scalars are 32-bit floats).</param>
    /// <param name="step">The x-axis position, e.g. the 0-based epoch.</param>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void WriteScalar(string tag, float value, long step)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteRecord(EventEncoder.ScalarEvent(WallTime(), step, tag, value));
    }

    /// <summary>Pushes everything written so far to the operating system, where readers see it.</summary>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
    }

    /// <summary>Flushes and closes the file. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stream.Dispose();
    }

    /// <summary>Appends one TFRecord: length, masked CRC of the length, data, masked CRC of the data.</summary>
    private void WriteRecord(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[sizeof(ulong) + sizeof(uint)];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.Slice(sizeof(ulong)), Crc32C.ComputeMasked(header.Slice(0, sizeof(ulong))));
        Span<byte> footer = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.ComputeMasked(data));
        _stream.Write(header);
        _stream.Write(data);
        _stream.Write(footer);
    }

    /// <summary>Seconds since the Unix epoch, with sub-second precision (TensorFlow's <c>Event.wall_time</c>).</summary>
    private static double WallTime() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>The host name as <c>gethostname</c> reports it (what TensorFlow's <c>port::Hostname</c> uses).</summary>
    private static string HostName()
    {
        try
        {
            return Dns.GetHostName();
        }
        catch (SocketException)
        {
            return Environment.MachineName;
        }
    }
}
