using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian magic number
/// (<c>0x00000803</c> for 3-D unsigned-byte images, <c>0x00000801</c> for 1-D unsigned-byte labels),
/// one big-endian int32 per dimension, then the data.
/// </summary>
/// <remarks>
/// Files may be gzip-compressed or raw; compression is detected from the content (the gzip magic bytes
/// <c>1F 8B</c>), not from the file name. The data after the header must have exactly the size the header
/// announces. Every problem with the content is reported as an <see cref="InvalidDataException"/> whose
/// message names the file and what is wrong.
/// </remarks>
public static class IdxReader
{
    /// <summary>The magic number of an IDX file of 3-D unsigned-byte data (images).</summary>
    public const uint ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of 1-D unsigned-byte data (labels).</summary>
    public const uint LabelsMagic = 0x00000801;

    /// <summary>Reads an IDX image file (magic <c>0x00000803</c>), gzip-compressed or raw.</summary>
    /// <param name="path">The file to read.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The content is not a valid IDX image file.</exception>
    public static IdxImages ReadImages(string path)
    {
        using FileStream stream = OpenFile(path);
        return ReadImages(stream, path);
    }

    /// <summary>Reads IDX image data (magic <c>0x00000803</c>), gzip-compressed or raw, from a stream.</summary>
    /// <param name="stream">The data, read from its current position. It is not disposed.</param>
    /// <param name="name">The name of the source (a path, a resource name) used in error messages.</param>
    /// <exception cref="InvalidDataException">The content is not a valid IDX image file.</exception>
    public static IdxImages ReadImages(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var source = new IdxSource(stream, name);
        Span<byte> header = stackalloc byte[16];
        source.ReadHeader(header, ImagesMagic, "magic, image count, rows, cols");
        int count = source.ReadDimension(header, 4, "image count");
        int rows = source.ReadDimension(header, 8, "row count");
        int cols = source.ReadDimension(header, 12, "column count");
        long size = (long)count * rows * cols;
        string detail = string.Create(CultureInfo.InvariantCulture, $"{count} images of {rows}×{cols}");
        byte[] pixels = source.ReadPayload(size, "pixel data", detail);
        return new IdxImages(count, rows, cols, pixels);
    }

    /// <summary>Reads an IDX label file (magic <c>0x00000801</c>), gzip-compressed or raw.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>One byte per label.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The content is not a valid IDX label file.</exception>
    public static byte[] ReadLabels(string path)
    {
        using FileStream stream = OpenFile(path);
        return ReadLabels(stream, path);
    }

    /// <summary>Reads IDX label data (magic <c>0x00000801</c>), gzip-compressed or raw, from a stream.</summary>
    /// <param name="stream">The data, read from its current position. It is not disposed.</param>
    /// <param name="name">The name of the source (a path, a resource name) used in error messages.</param>
    /// <returns>One byte per label.</returns>
    /// <exception cref="InvalidDataException">The content is not a valid IDX label file.</exception>
    public static byte[] ReadLabels(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var source = new IdxSource(stream, name);
        Span<byte> header = stackalloc byte[8];
        source.ReadHeader(header, LabelsMagic, "magic, label count");
        int count = source.ReadDimension(header, 4, "label count");
        string detail = string.Create(CultureInfo.InvariantCulture, $"{count} labels");
        return source.ReadPayload(count, "label data", detail);
    }

    private static FileStream OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file not found: '{path}'.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
    }

    /// <summary>Describes an IDX magic number, e.g. "unsigned-byte, 3-D (images)".</summary>
    internal static string DescribeMagic(uint magic)
    {
        if (magic == ImagesMagic) return "unsigned-byte images";
        if (magic == LabelsMagic) return "unsigned-byte labels";
        if ((magic >> 16) != 0) return "not an IDX file";
        string type = ((magic >> 8) & 0xFF) switch
        {
            0x08 => "unsigned-byte",
            0x09 => "signed-byte",
            0x0B => "int16",
            0x0C => "int32",
            0x0D => "float32",
            0x0E => "float64",
            _ => "unknown element type",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{type}, {magic & 0xFF}-D");
    }

    private static string FormatMagic(uint magic) => "0x" + magic.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>The decoded byte stream of one IDX file, with error reporting that names the file.</summary>
    private sealed class IdxSource : IDisposable
    {
        private const int GrowthStep = 1 << 20;
        private readonly string _name;
        private readonly Stream _stream;
        private readonly GZipStream? _gzip;
        private readonly MemoryStream? _copy;

        public IdxSource(Stream stream, string name)
        {
            _name = name;
            if (!stream.CanRead)
                throw new ArgumentException($"The stream for '{name}' is not readable.", nameof(stream));
            if (!stream.CanSeek)
            {
                // Detection peeks at two bytes and rewinds; a non-seekable stream is copied first.
                _copy = new MemoryStream();
                stream.CopyTo(_copy);
                _copy.Position = 0;
                stream = _copy;
            }
            long start = stream.Position;
            Span<byte> magic = stackalloc byte[2];
            int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            stream.Position = start;
            if (read == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            {
                _gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
                _stream = _gzip;
            }
            else
            {
                _stream = stream;
            }
        }

        private bool IsGzip => _gzip is not null;

        public void ReadHeader(Span<byte> header, uint expectedMagic, string layout)
        {
            int read = Read(header);
            if (read == 0)
                throw Error(IsGzip ? "the gzip stream decompresses to nothing" : "the file is empty");
            if (read >= 4)
            {
                uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
                if (magic != expectedMagic)
                    throw Error($"expected magic {FormatMagic(expectedMagic)} ({DescribeMagic(expectedMagic)}), found {FormatMagic(magic)} ({DescribeMagic(magic)})");
            }
            if (read < header.Length)
                throw Error(string.Create(CultureInfo.InvariantCulture,
                    $"truncated header: expected {header.Length} header bytes ({layout}), found {read}"));
        }

        public int ReadDimension(ReadOnlySpan<byte> header, int offset, string what)
        {
            int value = BinaryPrimitives.ReadInt32BigEndian(header[offset..]);
            if (value <= 0)
                throw Error(string.Create(CultureInfo.InvariantCulture, $"the {what} in the header must be positive, found {value}"));
            return value;
        }

        public byte[] ReadPayload(long size, string what, string detail)
        {
            if (size > Array.MaxLength)
                throw Error(string.Create(CultureInfo.InvariantCulture,
                    $"the header announces {size} bytes of {what} ({detail}), more than one array can hold"));
            byte[] data;
            int filled;
            if (!IsGzip)
            {
                // Raw seekable data: the size is known before allocating.
                long remaining = _stream.Length - _stream.Position;
                if (remaining < size) throw Truncated(size, remaining, what, detail);
                if (remaining > size) throw Trailing(size, remaining, what, detail);
                data = new byte[size];
                filled = Read(data);
            }
            else
            {
                // Compressed data: grow the buffer as data arrives, so that a corrupt header cannot
                // allocate gigabytes before the truncation is seen.
                data = new byte[Math.Min(size, GrowthStep)];
                filled = 0;
                while (true)
                {
                    filled += Read(data.AsSpan(filled));
                    if (filled < data.Length || data.Length == size) break;
                    Array.Resize(ref data, (int)Math.Min(size, Math.Max((long)data.Length * 2, GrowthStep)));
                }
            }
            if (filled < size) throw Truncated(size, filled, what, detail);
            Span<byte> extra = stackalloc byte[1];
            if (Read(extra) != 0) throw Trailing(size, null, what, detail);
            return data;
        }

        private int Read(Span<byte> buffer)
        {
            try
            {
                return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e) when (IsGzip)
            {
                throw Error($"corrupt gzip stream ({e.Message.TrimEnd('.')})", e);
            }
        }

        private InvalidDataException Truncated(long expected, long found, string what, string detail) =>
            Error(string.Create(CultureInfo.InvariantCulture,
                $"truncated file: expected {expected} bytes of {what} after the header, found {found} (the header announces {detail}{(IsGzip ? "; the gzip stream ended early" : "")})"));

        private InvalidDataException Trailing(long expected, long? found, string what, string detail) =>
            Error(string.Create(CultureInfo.InvariantCulture,
                $"trailing data: expected {expected} bytes of {what} after the header, found {(found is long f ? f.ToString(CultureInfo.InvariantCulture) : "more")} (the header announces {detail}; is its count wrong?)"));

        private InvalidDataException Error(string problem, Exception? inner = null) =>
            new($"Cannot read IDX file '{_name}': {problem}.", inner);

        public void Dispose()
        {
            _gzip?.Dispose();
            _copy?.Dispose();
        }
    }
}
