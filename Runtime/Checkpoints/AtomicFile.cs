using System;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the content goes to a temporary
/// file in the same folder, is flushed to disk, and replaces the target by a rename. On failure the temporary file is
/// deleted and an existing file is left untouched. A temporary file that a killed process left beside the target is
/// deleted by the next write of that target.
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
        if (FileKind.NotRegular(fullPath) is { } kind)
            throw new IOException(
                $"Cannot save '{path}': it is {kind}, not a regular file. NetGen saves by writing a new file and renaming it over the old one, " +
                "which would replace it; give the path of a regular file or of a new one.");
        // A symbolic link to a regular file is saved through: the rename replaces the file it points to, not the link.
        // Only when the target is known to be a regular file: otherwise the rename replaces the link itself, never a device.
        if (File.Exists(fullPath) && new FileInfo(fullPath).LinkTarget is not null && File.ResolveLinkTarget(fullPath, returnFinalTarget: true) is { } target
            && FileKind.IsRegularFile(target.FullName))
        {
            fullPath = target.FullName;
            folder = Path.GetDirectoryName(fullPath) ?? fullPath;
        }

        string temporary = fullPath + TemporaryInfix + Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        try
        {
            DeleteLeftovers(fullPath);
            using (FileStream stream = CreateTemporary(path, folder, temporary))
            {
                write(stream);
                if (FaultInjection.Reached("write")) KillHalfWritten(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
            FaultInjection.KillAt("written");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            // The user gave `path`: an error from the temporary file or the rename names it, not the temporary name.
            if (e.Message.Contains(temporary, StringComparison.Ordinal) || !e.Message.Contains(path, StringComparison.Ordinal))
                throw Renamed(e, $"Cannot save '{path}': {e.Message.Replace(temporary, "a temporary file beside it", StringComparison.Ordinal)}");
            throw;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>An exception of the same kind as <paramref name="e"/> with <paramref name="message"/>.</summary>
    private static Exception Renamed(Exception e, string message) => e switch
    {
        UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
        DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
        FileNotFoundException => new FileNotFoundException(message, e),
        PathTooLongException => new PathTooLongException(message, e),
        _ => new IOException(message, e),
    };

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

    /// <summary>
    /// Deletes the temporary files of <paramref name="fullPath"/> that a killed process left (<c>name.tmp-</c> and 16 hex
    /// digits, nothing else), so that a run folder does not keep them.
    /// </summary>
    private static void DeleteLeftovers(string fullPath)
    {
        string folder = Path.GetDirectoryName(fullPath)!;
        string prefix = Path.GetFileName(fullPath) + TemporaryInfix;
        foreach (string file in Directory.EnumerateFiles(folder, prefix + "*"))
        {
            string suffix = Path.GetFileName(file).Substring(prefix.Length);
            if (suffix.Length == 16 && long.TryParse(suffix, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)) TryDelete(file);
        }
    }

    /// <summary>Fault injection: half of the temporary file reaches the disk, then the process is killed before the rename.</summary>
    private static void KillHalfWritten(FileStream stream)
    {
        stream.Flush();
        stream.SetLength(stream.Length / 2);
        stream.Flush(flushToDisk: true);
        FaultInjection.Kill();
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
