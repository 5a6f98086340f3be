using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text.RegularExpressions;

namespace NetGen.Tests.TensorBoard;

/// <summary>The event file itself: name, TFRecord framing, the file_version record and scalar events, read back independently.</summary>
public sealed class EventFileWriterTests
{
    private static readonly Regex FileName = new(@"^events\.out\.tfevents\.(?<seconds>\d{10})\.(?<host>.+)\.(?<pid>\d+)\.(?<counter>\d+)\.v2$");

    [Fact]
    public void FileName_FollowsTensorFlow2_AndCreatesTheDirectory()
    {
        using var logs = new LogDirectory();
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var first = new EventFileWriter(logs.Train);
        using var second = new EventFileWriter(logs.Train);

        Assert.True(Directory.Exists(logs.Train));
        Assert.Equal(logs.Train, Path.GetDirectoryName(first.FilePath));
        Match a = FileName.Match(Path.GetFileName(first.FilePath));
        Match b = FileName.Match(Path.GetFileName(second.FilePath));
        Assert.True(a.Success, first.FilePath);
        Assert.True(b.Success, second.FilePath);
        Assert.InRange(long.Parse(a.Groups["seconds"].Value), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(Dns.GetHostName(), a.Groups["host"].Value);
        Assert.Equal(Environment.ProcessId.ToString(), a.Groups["pid"].Value);
        Assert.True(long.Parse(b.Groups["counter"].Value) > long.Parse(a.Groups["counter"].Value), "a new writer gets a new counter");
        Assert.Equal(2, LogDirectory.EventFiles(logs.Train).Length);
    }

    [Fact]
    public void FirstRecord_IsTheFileVersionEvent_ByteForByteLikeTensorFlow()
    {
        using var logs = new LogDirectory();
        double before = UnixSeconds();
        string path;
        using (var writer = new EventFileWriter(logs.Train))
            path = writer.FilePath;

        byte[] file = EventFileReader.ReadAllBytesShared(path);
        // [length 24][masked CRC 0x224B7FA3], as at the start of every TensorFlow event file; then the 24-byte event
        // (0x09 + 8-byte wall_time, 0x1A 0x0D "brain.Event:2"), then its masked CRC: 40 bytes in all.
        Assert.Equal("18-00-00-00-00-00-00-00-A3-7F-4B-22-09", BitConverter.ToString(file, 0, 13));
        Assert.Equal(8 + 4 + 24 + 4, file.Length);
        DecodedEvent header = Assert.Single(EventFileReader.DecodeRecords(file));
        Assert.Equal("brain.Event:2", header.FileVersion);
        Assert.InRange(header.WallTime, before - 1, UnixSeconds() + 1);
        Assert.False(header.HasStep);
        Assert.Empty(header.Values);
    }

    [Fact]
    public void Scalars_AreTensorFlow2ScalarSummaries()
    {
        using var logs = new LogDirectory();
        var written = new List<(string Tag, float Value, long Step)>
        {
            ("epoch_loss", 0.6931472f, 0),
            ("epoch_loss", 0.25f, 1),
            ("epoch_accuracy", 1f, 2),
            ("zero", 0f, 3),
            ("negative/tiny", -1.5e-30f, 4),
            ("huge", float.MaxValue, 1L << 40),
            ("not a number", float.NaN, 5),
            ("ünïcode", -0f, 6),
        };
        double before = UnixSeconds();
        string path;
        using (var writer = new EventFileWriter(logs.Train))
        {
            path = writer.FilePath;
            foreach (var (tag, value, step) in written) writer.WriteScalar(tag, value, step);
        }

        List<DecodedEvent> events = EventFileReader.ReadEvents(path);

        Assert.Equal(1 + written.Count, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        for (int i = 0; i < written.Count; i++)
        {
            DecodedEvent e = events[i + 1];
            Assert.Null(e.FileVersion);
            Assert.Equal(written[i].Step, e.Step);
            Assert.Equal(written[i].Step != 0, e.HasStep); // proto3 leaves out a zero step
            Assert.InRange(e.WallTime, before - 1, UnixSeconds() + 1);
            DecodedValue v = Assert.Single(e.Values);
            Assert.Equal(written[i].Tag, v.Tag);
            Assert.Equal("scalars", v.PluginName);
            Assert.Equal(1, v.DataClass);       // DATA_CLASS_SCALAR
            Assert.True(v.HasTensor);
            Assert.Equal(1, v.Dtype);           // DT_FLOAT
            Assert.True(v.HasShape);
            Assert.Equal(0, v.ShapeDims);       // rank 0
            Assert.Null(v.SimpleValue);         // simple_value and tensor share a oneof
            float value = Assert.Single(v.FloatVal);
            Assert.Equal(BitConverter.SingleToInt32Bits(written[i].Value), BitConverter.SingleToInt32Bits(value));
        }
    }

    [Fact]
    public void Flush_MakesEventsVisibleWhileTheFileIsOpen()
    {
        using var logs = new LogDirectory();
        using var writer = new EventFileWriter(logs.Train);
        writer.WriteScalar("epoch_loss", 0.5f, 1);

        writer.Flush();

        List<DecodedEvent> events = EventFileReader.ReadEvents(writer.FilePath);
        Assert.Equal(2, events.Count);
        Assert.Equal(0.5f, Assert.Single(events[1].Values[0].FloatVal));
    }

    [Theory]
    [InlineData(3, "Length CRC mismatch")]     // a byte of the first record's length
    [InlineData(9, "Length CRC mismatch")]     // a byte of the length's CRC
    [InlineData(20, "Data CRC mismatch")]      // inside the file_version event
    [InlineData(37, "Data CRC mismatch")]      // a byte of the data's CRC
    [InlineData(-10, "Data CRC mismatch")]     // inside the last scalar event
    public void CorruptedByte_IsDetectedByTheCrc(int offset, string expected)
    {
        using var logs = new LogDirectory();
        string path;
        using (var writer = new EventFileWriter(logs.Train))
        {
            path = writer.FilePath;
            writer.WriteScalar("epoch_loss", 0.5f, 1);
        }
        byte[] file = EventFileReader.ReadAllBytesShared(path);
        Assert.Equal(2, EventFileReader.DecodeRecords(file).Count);

        file[offset >= 0 ? offset : file.Length + offset] ^= 0x10;

        var error = Assert.Throws<InvalidDataException>(() => EventFileReader.SplitRecords(file));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void TruncatedFile_IsDetected()
    {
        using var logs = new LogDirectory();
        string path;
        using (var writer = new EventFileWriter(logs.Train))
        {
            path = writer.FilePath;
            writer.WriteScalar("epoch_loss", 0.5f, 1);
        }
        byte[] file = EventFileReader.ReadAllBytesShared(path);

        Assert.Throws<InvalidDataException>(() => EventFileReader.SplitRecords(file.AsSpan(0, file.Length - 1).ToArray()));
    }

    [Fact]
    public void Dispose_IsIdempotent_AndLaterWritesThrow()
    {
        using var logs = new LogDirectory();
        var writer = new EventFileWriter(logs.Train);

        writer.Dispose();
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.WriteScalar("epoch_loss", 1f, 0));
        Assert.Throws<ObjectDisposedException>(writer.Flush);
        Assert.Throws<ArgumentException>(() => new EventFileWriter(""));
    }

    private static double UnixSeconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
