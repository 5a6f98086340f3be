using System;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the content goes to a temporary
/// file in the same folder, is flushed to disk, and replaces the target by a rename. On failure the temporary file is
/// deleted and an existing file is left untouched.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The infix of temporary file names: <c>path + ".tmp-" + random hex</c>.</summary>
    internal const string TemporaryInfix = ".tmp-";

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, atomically.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or writing failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? fullPath;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot save '{path}': the folder '{folder}' does not exist.");
        if (Directory.Exists(fullPath))
            throw new IOException($"Cannot save '{path}': a folder of that name exists.");

        string temporary = fullPath + TemporaryInfix + Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        try
        {
            using (FileStream stream = CreateTemporary(path, folder, temporary))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Creates the temporary file; a folder the process may not write into (permissions, a read-only file system) is an
    /// error that names the file to save and its folder rather than the temporary name.
    /// </summary>
    private static FileStream CreateTemporary(string path, string folder, string temporary)
    {
        try
        {
            return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Cannot save '{path}': the folder '{folder}' cannot be written to ({e.Message}).", e);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new IOException($"Cannot save '{path}': the folder '{folder}' cannot be written to ({e.Message}).", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original exception matters more; a leftover temporary file is named so that it is recognizable.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
