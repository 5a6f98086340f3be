using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen;

/// <summary>
/// Keeps a <see cref="TrainingReport"/> of the current training run up to date: the HTML file is rewritten,
/// atomically, at the start of training and after every epoch, so it can be opened in a browser while the model trains.
/// During training the page reloads itself every <see cref="RefreshSeconds"/>; the final report, written when
/// training ends, does not.
/// </summary>
/// <remarks>
/// Each training run (each <see cref="Model.Fit"/> call) starts a new report. Logs that a callback placed after this
/// one in the list adds (for example <see cref="ReduceLROnPlateau"/>'s <c>lr</c>) reach the report only from the next
/// epoch; put this callback last.
/// </remarks>
public sealed class TrainingReportWriter : Callback
{
    private History _history = new();

    /// <summary>Creates the callback.</summary>
    /// <param name="path">The HTML file; its folder must exist when training starts.</param>
    /// <param name="title">The page title; default "Training report".</param>
    /// <param name="refreshSeconds">How often the page reloads itself during training; 0 never.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The refresh interval is negative.</exception>
    public TrainingReportWriter(string path, string? title = null, int refreshSeconds = 10)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(refreshSeconds);
        Path = path;
        Title = title;
        RefreshSeconds = refreshSeconds;
    }

    /// <summary>The HTML file.</summary>
    public string Path { get; }

    /// <summary>The page title, or <c>null</c> for the default.</summary>
    public string? Title { get; }

    /// <summary>How often the page reloads itself during training (seconds; 0 never).</summary>
    public int RefreshSeconds { get; }

    /// <inheritdoc/>
    /// <exception cref="DirectoryNotFoundException">The folder of <see cref="Path"/> does not exist.</exception>
    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        _history = new History();
        TrainingReport.Write(_history, Path, Title, RefreshSeconds);
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => _history.OnEpochBegin(epoch, logs);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        _history.OnEpochEnd(epoch, logs);
        TrainingReport.Write(_history, Path, Title, RefreshSeconds);
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(IDictionary<string, double> logs) => TrainingReport.Write(_history, Path, Title, refreshSeconds: 0);
}
