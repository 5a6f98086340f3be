using System.IO;

namespace NetGen;

/// <summary>
/// A file that a callback appends to (<see cref="CSVLogger"/>'s log with <c>append: true</c>, <see cref="TensorBoard"/>'s
/// event files), as a <see cref="BackupAndRestore"/> backup keeps it: by its length when the backup was written. On
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
}
