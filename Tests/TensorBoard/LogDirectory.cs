using System;
using System.IO;
using System.Linq;

namespace NetGen.Tests.TensorBoard;

/// <summary>A fresh, not yet created log folder under the system temp folder; deleted (with its parent) on dispose.</summary>
internal sealed class LogDirectory : IDisposable
{
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-tensorboard-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The log folder itself, which the code under test must create.</summary>
    public string Path => System.IO.Path.Combine(_root, "logs");

    public string Train => System.IO.Path.Combine(Path, "train");

    public string Validation => System.IO.Path.Combine(Path, "validation");

    /// <summary>The event files of a run folder, in creation order (by the per-process counter before <c>.v2</c>).</summary>
    public static string[] EventFiles(string run) =>
        Directory.GetFiles(run, "events.out.tfevents.*").OrderBy(file => long.Parse(file.Split('.')[^2])).ToArray();

    /// <summary>The single event file of a run folder.</summary>
    public static string SingleEventFile(string run) => Assert.Single(EventFiles(run));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
