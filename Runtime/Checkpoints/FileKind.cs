using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// What a path names, as lstat(2) says: saving must refuse anything but a regular file or a new path, because the
/// atomic rename would replace a device, a pipe or a socket with a regular file (and report success for /dev/full).
/// </summary>
internal static class FileKind
{
    // The S_IFMT bits of the .NET runtime's own stat wrapper (System.Native's FileStatus.Mode), the same on every Unix.
    private const int TypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000, CharacterDevice = 0x2000, BlockDevice = 0x6000,
        Pipe = 0x1000, Socket = 0xC000, SymbolicLink = 0xA000;

    /// <summary>
    /// Null when <paramref name="fullPath"/> is a regular file, does not exist, or cannot be examined (Windows, where
    /// device names are refused by the file APIs themselves); otherwise what it is, e.g. "a character device".
    /// </summary>
    public static string? NotRegular(string fullPath)
    {
        if (OperatingSystem.IsWindows()) return null;
        int mode;
        try
        {
            // Follows symbolic links: a link to a regular file is saved through (see AtomicFile), a link to a device is not.
            byte[] status = new byte[256]; // FileStatus is about 120 bytes; Flags and Mode are its first two ints
            if (Stat(NullTerminated(fullPath), status) != 0) return null; // missing (a new path) or not examinable
            mode = BitConverter.ToInt32(status, 4);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (mode & TypeMask) switch
        {
            Regular => null,
            Directory => "a folder",
            CharacterDevice => "a character device",
            BlockDevice => "a block device",
            Pipe => "a named pipe",
            Socket => "a socket",
            SymbolicLink => "a symbolic link",
            _ => "not a regular file",
        };
    }

    /// <summary>Whether <paramref name="fullPath"/> is known to be a regular file (false when it cannot be examined).</summary>
    public static bool IsRegularFile(string fullPath)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(fullPath);
        try
        {
            byte[] status = new byte[256];
            return Stat(NullTerminated(fullPath), status) == 0 && (BitConverter.ToInt32(status, 4) & TypeMask) == Regular;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static byte[] NullTerminated(string path)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat(byte[] path, [Out] byte[] status);
}
