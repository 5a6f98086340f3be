using System;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// A file that a callback appends to (<see cref="CSVLogger"/>'s log with <c>append: true</c>, <see cref="TensorBoard"/>'s
/// event files), as a <see cref="BackupAndRestore"/> backup keeps it: by its length when the backup was written, and the
/// CRC-32 of those bytes (so that a file edited or damaged since is an error, not a resumed run that continues it). On
/// restore, what was appended after the backup (the rows or events of an epoch that the resumed run repeats) is cut off,
/// so the resumed run appends them once.
/// </summary>
internal static class AppendedFile
{
    /// <summary>Cuts <paramref name="path"/> back to <paramref name="length"/> bytes.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is missing, or shorter than <paramref name="length"/> (it was replaced or shortened after the backup was
    /// written): the resumed run cannot continue it. The file is left as it is.
    /// </exception>
    public static void TruncateTo(string path, long length)
    {
        if (Check(path, length) == length) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Checks that <paramref name="path"/> can be cut back to <paramref name="length"/> bytes, and returns its length.</summary>
    /// <exception cref="InvalidDataException">The file is missing or shorter than <paramref name="length"/>.</exception>
    public static long Check(string path, long length)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new InvalidDataException($"the backup continues '{path}' at {length} bytes, but the file does not exist (was it moved or deleted?).");
        if (file.Length < length)
            throw new InvalidDataException($"the backup continues '{path}' at {length} bytes, but the file has {file.Length} (was it replaced or shortened?).");
        return file.Length;
    }

    /// <summary>
    /// <see cref="Check(string, long)"/>, and that the first <paramref name="length"/> bytes still have the
    /// <paramref name="crc32"/> (<see cref="Hash"/>) recorded with them; a backup without one (an older NetGen) is
    /// checked by length only.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is missing, shorter, or its first bytes changed.</exception>
    public static void Check(string path, long length, string? crc32)
    {
        Check(path, length);
        if (crc32 is not null && Hash(path, length) != crc32)
            throw new InvalidDataException($"the backup continues '{path}' at {length} bytes, but those bytes changed since the backup was written (was the file edited or damaged?).");
    }

    /// <summary>The CRC-32 (8 lowercase hex digits) of the first <paramref name="length"/> bytes of <paramref name="path"/>.</summary>
    public static string Hash(string path, long length)
    {
        // ReadWrite sharing: the callback's own writer may hold the file open.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        uint crc = 0;
        byte[] buffer = new byte[64 * 1024];
        for (long left = length; left > 0;)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new InvalidDataException($"'{path}' ended before {length} bytes.");
            crc = Crc32.Append(crc, buffer.AsSpan(0, read));
            left -= read;
        }
        return crc.ToString("x8", CultureInfo.InvariantCulture);
    }
}
