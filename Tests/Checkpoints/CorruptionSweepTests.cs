using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Tests.TensorBoard;
using Xunit.Abstractions;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// Issue 15's corruption sweep: every file the runtime reads when a run resumes or weights are loaded — the backup, the
/// final and best weights files, and the files a resumed run continues (the CSV log, the TensorBoard event files) — is
/// truncated at every 1/16 of its length and has bits flipped: in the safetensors files' header length, JSON, metadata
/// values and tensor data (the last two leave a well-formed file: NetGen's checksum finds them), and at the start, middle
/// and end of the appended files (the backup records their hashes). Each must give
/// an <see cref="InvalidDataException"/> that names the file, and leave every file of the run folder, the damaged one
/// included, byte for byte as it was (and the model unchanged).
/// </summary>
public sealed class CorruptionSweepTests(ITestOutputHelper output)
{
    private static readonly DataSet Train = CheckpointTestData.Classification(40, seed: 21);
    private static readonly DataSet Validation = CheckpointTestData.Classification(12, seed: 22);

    private const string Backup = "backup/" + BackupAndRestore.FileName;

    /// <summary>Trains with every file-writing callback and a backup that is kept, then saves the final weights.</summary>
    private static CheckpointDropoutNet TrainInto(string folder, int epochs)
    {
        var model = new CheckpointDropoutNet(3);
        using var csv = new CSVLogger(Path.Combine(folder, "training.csv"), append: true);
        using var tensorBoard = new NetGen.TensorBoard(Path.Combine(folder, "logs"));
        model.Fit(Train, epochs: epochs, batchSize: 8, verbose: 0, validationData: Validation, callbacks:
        [
            new BackupAndRestore(Path.Combine(folder, "backup"), deleteCheckpoint: false),
            new ModelCheckpoint(Path.Combine(folder, "best.weights.safetensors"), saveBestOnly: true, saveWeightsOnly: true),
            csv,
            tensorBoard,
            new TrainingReportWriter(Path.Combine(folder, "report.html")),
        ]);
        model.SaveWeights(Path.Combine(folder, "model.weights.safetensors"));
        return model;
    }

    /// <summary>Every file of the folder and its bytes.</summary>
    private static SortedDictionary<string, byte[]> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(folder, file).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    private static string? Changes(SortedDictionary<string, byte[]> before, SortedDictionary<string, byte[]> after)
    {
        if (!before.Keys.SequenceEqual(after.Keys))
            return $"the files were [{string.Join(", ", before.Keys)}], now [{string.Join(", ", after.Keys)}]";
        string[] changed = before.Keys.Where(name => !before[name].AsSpan().SequenceEqual(after[name])).ToArray();
        return changed.Length == 0 ? null : $"changed: {string.Join(", ", changed)}";
    }

    /// <summary>Truncations at every 1/16 (0/16: empty), then, for safetensors files, bit flips in their header.</summary>
    internal static IEnumerable<(string Name, byte[] Bytes)> Corruptions(byte[] good, bool safeTensors)
    {
        for (int k = 0; k < 16; k++) yield return ($"truncated at {k}/16", good[..(int)((long)good.Length * k / 16)]);
        if (!safeTensors)
        {
            // The backup records the SHA-256 of the bytes a resumed run continues (AppendedFile).
            yield return ("a bit flip in the first byte", Flip(good, 0, 1));
            yield return ("a bit flip in the middle", Flip(good, good.Length / 2, 0));
            yield return ("a bit flip in the last byte", Flip(good, good.Length - 1, 2));
            yield break;
        }
        yield return ("a bit flip in the header length's lowest byte", Flip(good, 0, 0));
        yield return ("a bit flip in the header length's highest byte", Flip(good, 7, 6));
        yield return ("a bit flip in the JSON's opening brace", Flip(good, 8, 1));
        yield return ("a bit flip in the __metadata__ key", Flip(good, IndexOf(good, "__metadata__") + 2, 0));
        yield return ("a bit flip in the format value", Flip(good, IndexOf(good, "\"netgen-") + 3, 0));
        // Damage that leaves a well-formed file, found by the checksum NetGen writes (SafeTensorsChecksum).
        yield return ("a bit flip in a metadata value (a digit of the seed)", Flip(good, IndexOf(good, "\"seed\":\"") + 8, 0));
        yield return ("a bit flip in a dtype", Flip(good, IndexOf(good, "\"F32\"") + 2, 0));
        yield return ("a bit flip in a data offset", Flip(good, IndexOf(good, "\"data_offsets\":[") + 16, 0));
        int data = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(good);
        yield return ("a bit flip in the first byte of tensor data", Flip(good, data, 0));
        yield return ("a bit flip in the middle of the tensor data", Flip(good, (data + good.Length) / 2, 5));
        yield return ("a bit flip in the last byte of tensor data (a sign)", Flip(good, good.Length - 1, 7));
    }

    private static byte[] Flip(byte[] good, int index, int bit)
    {
        byte[] bytes = (byte[])good.Clone();
        bytes[index] ^= (byte)(1 << bit);
        return bytes;
    }

    private static int Find(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));

    private static int IndexOf(byte[] bytes, string text)
    {
        int index = Find(bytes, text);
        Assert.True(index >= 0, $"the file has no {text}");
        return index;
    }

    [Fact]
    public void EveryFileTheRuntimeReads_DamagedInEveryWay_IsAClearError_AndNothingSavedChanges()
    {
        using var folder = new TemporaryFolder();
        TrainInto(folder.Path, epochs: 2);
        string[] eventFiles =
        [
            .. LogDirectory.EventFiles(Path.Combine(folder.Path, "logs", "train")),
            .. LogDirectory.EventFiles(Path.Combine(folder.Path, "logs", "validation")),
        ];
        Assert.Equal(2, eventFiles.Length);
        var targets = new List<(string File, bool SafeTensors, bool ReadByResume)>
        {
            (Backup, true, true),
            ("best.weights.safetensors", true, false),
            ("model.weights.safetensors", true, false),
            ("training.csv", false, true),
        };
        targets.AddRange(eventFiles.Select(file => (Path.GetRelativePath(folder.Path, file).Replace('\\', '/'), false, true)));

        var failures = new List<string>();
        int tried = 0;
        foreach (var (name, safeTensors, readByResume) in targets)
        {
            string path = Path.Combine(folder.Path, name);
            byte[] good = File.ReadAllBytes(path);
            foreach (var (corruption, bytes) in Corruptions(good, safeTensors))
            {
                tried++;
                File.WriteAllBytes(path, bytes);
                var before = Snapshot(folder.Path);
                string? failure = readByResume ? Resume(folder.Path, path) : LoadWeights(path);
                if (Changes(before, Snapshot(folder.Path)) is { } changes) failure = (failure is null ? "" : failure + "; ") + changes;
                if (failure is not null) failures.Add($"{name}, {corruption}: {failure}");
                RestoreFolder(folder.Path, before);
                File.WriteAllBytes(path, good);
            }
        }

        output.WriteLine($"{tried} corruptions of {targets.Count} files tried.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The undamaged folder still resumes: the sweep itself left nothing behind.
        CheckpointDropoutNet resumed = TrainInto(folder.Path, epochs: 3);
        Assert.Equal(3, resumed.Epoch);
    }

    /// <summary>What was wrong with resuming from the damaged folder, or null when it was refused as it must be.</summary>
    private static string? Resume(string folder, string damaged)
    {
        CheckpointDropoutNet? model = null;
        try
        {
            model = TrainInto(folder, epochs: 3);
            return "training resumed";
        }
        catch (InvalidDataException e)
        {
            string backup = Path.Combine(folder, Backup);
            if (!e.Message.StartsWith($"Cannot resume training from the backup '{backup}'", StringComparison.Ordinal))
                return $"the message does not name the backup: {e.Message}";
            if (!e.Message.Contains($"'{damaged}'", StringComparison.Ordinal) && damaged != backup)
                return $"the message does not name the damaged file '{damaged}': {e.Message}";
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name} instead of InvalidDataException: {e.Message}";
        }
    }

    /// <summary>What was wrong with loading the damaged weights, or null when they were refused as they must be.</summary>
    private static string? LoadWeights(string damaged)
    {
        var model = new CheckpointDropoutNet(3);
        int[] before = CheckpointTestData.Bits(model.Parameters);
        try
        {
            model.LoadWeights(damaged);
            return "the weights loaded";
        }
        catch (InvalidDataException e)
        {
            if (!e.Message.Contains(damaged, StringComparison.Ordinal)) return $"the message does not name the file: {e.Message}";
            return CheckpointTestData.Bits(model.Parameters).SequenceEqual(before) ? null : "the model changed";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name} instead of InvalidDataException: {e.Message}";
        }
    }

    /// <summary>Puts the folder back as it was (a failed check may have left it changed), so later corruptions start clean.</summary>
    private static void RestoreFolder(string folder, SortedDictionary<string, byte[]> snapshot)
    {
        foreach (string file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (!snapshot.ContainsKey(Path.GetRelativePath(folder, file).Replace('\\', '/'))) File.Delete(file);
        }
        foreach (var (name, bytes) in snapshot) File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
