using System;
using System.IO;

namespace NetGen.Tests.Data;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_RoundTripsRawAndGzipFiles(bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] pixels = IdxTestFiles.Pattern(3 * 4 * 5);
        string path = IdxTestFiles.Write(dir.Path, "images", IdxTestFiles.Images(3, 4, 5, pixels), gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal(3, images.Count);
        Assert.Equal(4, images.Rows);
        Assert.Equal(5, images.Cols);
        Assert.Equal(20, images.ImageSize);
        Assert.Equal(pixels, images.Pixels);
        Assert.Equal(pixels.AsSpan(40, 20).ToArray(), images.GetImage(2).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_RoundTripsRawAndGzipFiles(bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] labels = [3, 1, 4, 1, 5, 9, 2, 6];
        string path = IdxTestFiles.Write(dir.Path, "labels", IdxTestFiles.Labels(labels.Length, labels), gzip);

        Assert.Equal(labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Compression_IsDetectedFromTheContentNotTheExtension()
    {
        using var dir = new TempDirectory();
        byte[] labels = [7, 0, 7];
        byte[] raw = IdxTestFiles.Labels(3, labels);
        string gzipWithoutExtension = dir.File("labels-compressed");
        string rawWithGzExtension = dir.File("labels-raw.gz");
        File.WriteAllBytes(gzipWithoutExtension, IdxTestFiles.Gzip(raw));
        File.WriteAllBytes(rawWithGzExtension, raw);

        Assert.Equal(labels, IdxReader.ReadLabels(gzipWithoutExtension));
        Assert.Equal(labels, IdxReader.ReadLabels(rawWithGzExtension));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StreamOverloads_ReadSeekableAndNonSeekableStreams(bool gzip)
    {
        byte[] pixels = IdxTestFiles.Pattern(2 * 3 * 3);
        byte[] content = IdxTestFiles.Images(2, 3, 3, pixels);
        if (gzip) content = IdxTestFiles.Gzip(content);

        using var seekable = new MemoryStream(content);
        Assert.Equal(pixels, IdxReader.ReadImages(seekable, "memory").Pixels);

        using var nonSeekable = new NonSeekableStream(content);
        Assert.Equal(pixels, IdxReader.ReadImages(nonSeekable, "pipe").Pixels);
    }

    [Fact]
    public void StreamOverload_StartsAtTheCurrentPositionAndLeavesTheStreamOpen()
    {
        byte[] labels = [1, 2];
        byte[] content = [0xAA, 0xBB, .. IdxTestFiles.Gzip(IdxTestFiles.Labels(2, labels))];
        using var stream = new MemoryStream(content);
        stream.Position = 2;

        Assert.Equal(labels, IdxReader.ReadLabels(stream, "memory"));
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        using var dir = new TempDirectory();
        string path = dir.File("nope-idx3-ubyte.gz");

        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
        Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(path)).FileName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrongMagic_ImagesReadFromALabelFile_NamesExpectedAndFound(bool gzip)
    {
        using var dir = new TempDirectory();
        string path = IdxTestFiles.Write(dir.Path, "train-labels-idx1-ubyte", IdxTestFiles.Labels(20, new byte[20]), gzip);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("expected magic 0x00000803 (unsigned-byte images), found 0x00000801", e.Message);
    }

    [Fact]
    public void WrongMagic_LabelsReadFromAnImageFile_NamesExpectedAndFound()
    {
        using var dir = new TempDirectory();
        string path = IdxTestFiles.Write(dir.Path, "images", IdxTestFiles.Images(1, 2, 2, new byte[4]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("expected magic 0x00000801 (unsigned-byte labels), found 0x00000803", e.Message);
    }

    [Fact]
    public void WrongMagic_NotAnIdxFile_SaysSo()
    {
        using var dir = new TempDirectory();
        string path = dir.File("readme.txt");
        File.WriteAllText(path, "This is not an IDX file at all.");

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("expected magic 0x00000803", e.Message);
        Assert.Contains("not an IDX file", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedHeader_Throws(bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] header = IdxTestFiles.Images(1, 28, 28, [])[..10];
        string path = IdxTestFiles.Write(dir.Path, "images", header, gzip);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated header: expected 16 header bytes", e.Message);
        Assert.Contains("found 10", e.Message);
    }

    [Fact]
    public void EmptyFile_Throws()
    {
        using var dir = new TempDirectory();
        string path = dir.File("empty");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedPixelData_NamesExpectedAndFoundSizes(bool gzip)
    {
        using var dir = new TempDirectory();
        // The header announces 100 images of 28×28 = 78,400 bytes; only 1,200 follow.
        string path = IdxTestFiles.Write(dir.Path, "images", IdxTestFiles.Images(100, 28, 28, IdxTestFiles.Pattern(1200)), gzip);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("expected 78400 bytes of pixel data after the header, found 1200", e.Message);
    }

    [Fact]
    public void TruncatedGzipStream_IsReported()
    {
        using var dir = new TempDirectory();
        byte[] compressed = IdxTestFiles.Gzip(IdxTestFiles.Images(50, 28, 28, IdxTestFiles.Pattern(50 * 784)));
        string path = dir.File("images.gz");
        File.WriteAllBytes(path, compressed[..(compressed.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.True(e.Message.Contains("truncated", StringComparison.Ordinal) || e.Message.Contains("corrupt gzip", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void TruncatedLabelData_Throws()
    {
        using var dir = new TempDirectory();
        string path = IdxTestFiles.Write(dir.Path, "labels", IdxTestFiles.Labels(10, [1, 2, 3]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("expected 10 bytes of label data after the header, found 3", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingData_Throws(bool gzip)
    {
        using var dir = new TempDirectory();
        string path = IdxTestFiles.Write(dir.Path, "labels", IdxTestFiles.Labels(2, [1, 2, 3]), gzip);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("trailing data", e.Message);
    }

    [Fact]
    public void CorruptGzip_Throws()
    {
        using var dir = new TempDirectory();
        string path = dir.File("images.gz");
        // A valid gzip member header (magic, deflate, no flags) followed by bytes that are not valid deflate data.
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        File.WriteAllBytes(path, corrupt);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt gzip stream", e.Message);
    }

    [Fact]
    public void CorruptGzipHeader_Throws()
    {
        using var dir = new TempDirectory();
        string path = dir.File("labels.gz");
        // The gzip magic followed by an unknown compression method.
        File.WriteAllBytes(path, [0x1F, 0x8B, 0x63, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt gzip stream", e.Message);
    }

    [Theory]
    [InlineData(0, 28, 28, "image count", "0")]
    [InlineData(5, -1, 28, "row count", "-1")]
    [InlineData(5, 28, 0, "column count", "0")]
    public void NonPositiveImageDimensions_Throw(int count, int rows, int cols, string what, string found)
    {
        using var dir = new TempDirectory();
        string path = IdxTestFiles.Write(dir.Path, "images", IdxTestFiles.Images(count, rows, cols, []), gzip: false);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"the {what} in the header must be positive, found {found}", e.Message);
    }

    [Fact]
    public void NonPositiveLabelCount_Throws()
    {
        using var dir = new TempDirectory();
        string path = IdxTestFiles.Write(dir.Path, "labels", IdxTestFiles.Labels(-3, []), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("label count in the header must be positive, found -3", e.Message);
    }

    [Fact]
    public void HugeHeaderCount_IsReportedAsTruncationWithoutAllocatingIt()
    {
        using var dir = new TempDirectory();
        // 1,000,000 images of 28×28 = 784,000,000 bytes announced, 10 present.
        string path = IdxTestFiles.Write(dir.Path, "images", IdxTestFiles.Images(1_000_000, 28, 28, new byte[10]), gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("expected 784000000 bytes of pixel data after the header, found 10", e.Message);
    }

    [Fact]
    public void StreamErrors_NameTheDisplayName()
    {
        using var stream = new MemoryStream(IdxTestFiles.Labels(4, [1]));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(stream, "embedded resource X.gz"));
        Assert.Contains("embedded resource X.gz", e.Message);
    }

    [Theory]
    [InlineData(0x00000803u, "unsigned-byte images")]
    [InlineData(0x00000801u, "unsigned-byte labels")]
    [InlineData(0x00000D02u, "float32, 2-D")]
    [InlineData(0x1F8B0800u, "not an IDX file")]
    public void DescribeMagic_NamesTheFormat(uint magic, string expected) =>
        Assert.Equal(expected, IdxReader.DescribeMagic(magic));

    private sealed class NonSeekableStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
