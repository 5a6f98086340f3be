using System;
using System.IO;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// Saving refuses anything that is not a regular file or a new path (the atomic rename would replace it), and errors
/// name the path the user gave, never the temporary file (issue 15).
/// </summary>
public sealed class SaveTargetTests
{
    [Fact]
    public void SavingToDevFull_Fails_AndLeavesTheDevice()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/dev/full")) return;
        // Checked first, so that a broken check can never let the test replace the machine's /dev/full.
        Assert.Equal("a character device", FileKind.NotRegular("/dev/full"));
        var model = new CheckpointNet(1);
        var error = Assert.Throws<IOException>(() => model.SaveWeights("/dev/full"));
        Assert.Equal("Cannot save '/dev/full': it is a character device, not a regular file. NetGen saves by writing a new file and renaming it over the old one, which would replace it; give the path of a regular file or of a new one.", error.Message);
        Assert.Equal("a character device", FileKind.NotRegular("/dev/full"));
    }

    [Fact]
    public void ASymbolicLinkToADevice_IsRefused_AndTheDeviceStays()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/dev/full")) return;
        Assert.Equal("a character device", FileKind.NotRegular("/dev/full"));
        using var folder = new TemporaryFolder();
        string link = folder.File("weights.safetensors");
        File.CreateSymbolicLink(link, "/dev/full");

        var error = Assert.Throws<IOException>(() => new CheckpointNet(1).SaveWeights(link));

        Assert.StartsWith($"Cannot save '{link}': it is a character device", error.Message);
        Assert.Equal("a character device", FileKind.NotRegular("/dev/full"));
        Assert.False(FileKind.IsRegularFile("/dev/full"));
    }

    [Fact]
    public void SavingOverANamedPipe_Fails_AndLeavesThePipe()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TemporaryFolder();
        string pipe = folder.File("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        Assert.Equal("a named pipe", FileKind.NotRegular(pipe));

        var error = Assert.Throws<IOException>(() => new CheckpointNet(1).SaveCheckpoint(pipe));

        Assert.StartsWith($"Cannot save '{pipe}': it is a named pipe", error.Message);
        Assert.Equal("a named pipe", FileKind.NotRegular(pipe));
        Assert.Equal(["pipe"], folder.Entries());
    }

    [Fact]
    public void ARegularFileAndANewPath_AreNotRefused()
    {
        using var folder = new TemporaryFolder();
        Assert.Null(FileKind.NotRegular(folder.File("new")));
        File.WriteAllText(folder.File("old"), "x");
        Assert.Null(FileKind.NotRegular(folder.File("old")));
    }

    [Fact]
    public void SavingUnderProc_NamesTheUsersPath_NotTheTemporaryFile()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self")) return;
        var model = new CheckpointNet(1);
        const string path = "/proc/self/netgen-weights.safetensors";
        Exception error = Assert.ThrowsAny<Exception>(() => model.SaveWeights(path));
        Assert.True(error is IOException or UnauthorizedAccessException, error.ToString());
        Assert.StartsWith($"Cannot save '{path}'", error.Message);
        Assert.DoesNotContain(".tmp-", error.Message);
    }

    [Fact]
    public void ASymbolicLinkToARegularFile_IsSavedThrough_AndStaysALink()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TemporaryFolder();
        string target = folder.File("real.safetensors"), link = folder.File("link.safetensors");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);

        var model = new CheckpointNet(1);
        model.SaveWeights(link);

        Assert.NotNull(new FileInfo(link).LinkTarget);
        var loaded = new CheckpointNet(2);
        loaded.LoadWeights(target);
        Assert.Equal(CheckpointTestData.Bits(model.Parameters), CheckpointTestData.Bits(loaded.Parameters));
    }
}
