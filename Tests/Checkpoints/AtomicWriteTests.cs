using System;
using System.IO;

namespace NetGen.Tests.Checkpoints;

/// <summary>Saves are atomic: no temporary file is left behind, and a failed save never damages an existing file.</summary>
public sealed class AtomicWriteTests
{
    [Fact]
    public void Save_LeavesOnlyTheTargetFile_AndOverwritesAnOldOne()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.safetensors");
        File.WriteAllText(path, "an older file");
        var model = new CheckpointNet(seed: 1);

        model.SaveWeights(path);
        model.SaveCheckpoint(folder.File("model.ckpt.safetensors"));

        Assert.Equal(["model.ckpt.safetensors", "model.safetensors"], folder.Entries());
        Assert.Equal(CheckpointTestData.Bits(model.Parameters), CheckpointTestData.Bits(LoadInto(path)));
    }

    [Fact]
    public void FailureWhileWriting_LeavesTheExistingFile_AndNoTemporaryFile()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.safetensors");
        new CheckpointNet(seed: 1).SaveWeights(path);
        byte[] before = File.ReadAllBytes(path);
        string? temporary = null;

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            temporary = ((FileStream)stream).Name;
            stream.Write(new byte[100]);
            throw new IOException("simulated: the disk is full");
        }));

        // The error names the file the caller gave (issue 15), then the cause.
        Assert.Equal($"Cannot save '{path}': simulated: the disk is full", e.Message);
        Assert.Equal("simulated: the disk is full", e.InnerException?.Message);
        Assert.NotNull(temporary);
        Assert.StartsWith(path + ".tmp-", temporary);
        Assert.False(File.Exists(temporary), "the temporary file was deleted");
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], folder.Entries());
    }

    [Fact]
    public void TargetIsAFolder_FailsClearly_AndLeavesItAlone()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("taken");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "keep.txt"), "keep me");

        var e = Assert.Throws<IOException>(() => new CheckpointNet(seed: 1).SaveWeights(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("folder", e.Message);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(path, "keep.txt")));
        Assert.Equal(["taken"], folder.Entries());
    }

    [Fact]
    public void RenameFailure_LeavesNoTemporaryFile()
    {
        // The folder appears after the check and before the rename, so File.Move fails: the temporary file must go.
        using var folder = new TemporaryFolder();
        string path = folder.File("raced");

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[8]);
            Directory.CreateDirectory(path);
        }));

        Assert.Equal(["raced"], folder.Entries());
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void MissingFolder_IsDirectoryNotFound_NamingIt()
    {
        using var folder = new TemporaryFolder();
        string missing = folder.File("no-such-folder");
        var model = new CheckpointNet(seed: 1);

        var weights = Assert.Throws<DirectoryNotFoundException>(() => model.SaveWeights(Path.Combine(missing, "w.safetensors")));
        var checkpoint = Assert.Throws<DirectoryNotFoundException>(() => model.SaveCheckpoint(Path.Combine(missing, "c.safetensors")));

        Assert.Contains($"the folder '{missing}' does not exist", weights.Message);
        Assert.Contains($"the folder '{missing}' does not exist", checkpoint.Message);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void ReadOnlyFolder_FailsWithoutDamage_WhereTheOperatingSystemEnforcesIt()
    {
        // Root ignores directory permissions; the check is then that the save succeeds and the file is complete.
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TemporaryFolder();
        string path = folder.File("model.safetensors");
        new CheckpointNet(seed: 1).SaveWeights(path);
        byte[] before = File.ReadAllBytes(path);
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var model = new CheckpointNet(seed: 2);
            Exception? failure = Record.Exception(() => model.SaveWeights(path));
            if (failure is null)
            {
                Assert.Equal(CheckpointTestData.Bits(model.Parameters), CheckpointTestData.Bits(LoadInto(path)));
            }
            else
            {
                Assert.IsAssignableFrom<UnauthorizedAccessException>(failure);
                Assert.Equal(before, File.ReadAllBytes(path));
            }
        }
        finally
        {
            File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Assert.Equal(["model.safetensors"], folder.Entries());
    }

    private static float[] LoadInto(string path)
    {
        var model = new CheckpointNet(seed: 99);
        model.LoadWeights(path);
        return model.Parameters.ToArray();
    }
}
