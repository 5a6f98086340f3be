using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NetGen.Tests.Data;

/// <summary>Writes small IDX files for tests, raw or gzip-compressed, with arbitrary (also wrong) headers.</summary>
internal static class IdxTestFiles
{
    /// <summary>An IDX image file: magic, count, rows, cols, then <paramref name="pixels"/> as given.</summary>
    public static byte[] Images(int count, int rows, int cols, byte[] pixels, uint magic = 0x00000803)
    {
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    /// <summary>An IDX label file: magic, count, then <paramref name="labels"/> as given.</summary>
    public static byte[] Labels(int count, byte[] labels, uint magic = 0x00000801)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Consistent image bytes: pixel i of the whole file is <c>(i * 7 + 3) % 256</c>.</summary>
    public static byte[] Pattern(int length)
    {
        var pixels = new byte[length];
        for (int i = 0; i < length; i++) pixels[i] = (byte)((i * 7 + 3) % 256);
        return pixels;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>Writes a complete four-file 28×28 data set (3 training and 2 test images) into <paramref name="directory"/>.</summary>
    public static void WriteDataSet(string directory, bool gzip, int trainCount = 3, int testCount = 2)
    {
        Write(directory, "train-images-idx3-ubyte", Images(trainCount, 28, 28, Pattern(trainCount * 784)), gzip);
        Write(directory, "train-labels-idx1-ubyte", Labels(trainCount, ClassSequence(trainCount)), gzip);
        Write(directory, "t10k-images-idx3-ubyte", Images(testCount, 28, 28, Pattern(testCount * 784)), gzip);
        Write(directory, "t10k-labels-idx1-ubyte", Labels(testCount, ClassSequence(testCount)), gzip);
    }

    /// <summary>Labels 9, 8, 7, ... (wrapping), so that every loaded label can be checked.</summary>
    public static byte[] ClassSequence(int count)
    {
        var labels = new byte[count];
        for (int i = 0; i < count; i++) labels[i] = (byte)(9 - i % 10);
        return labels;
    }

    /// <summary>Writes <paramref name="content"/> as <c>name</c> (raw) or <c>name.gz</c> (compressed); returns the path.</summary>
    public static string Write(string directory, string name, byte[] content, bool gzip)
    {
        string path = Path.Combine(directory, gzip ? name + ".gz" : name);
        File.WriteAllBytes(path, gzip ? Gzip(content) : content);
        return path;
    }
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
