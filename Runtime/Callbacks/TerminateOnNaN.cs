using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// Stops training when the loss becomes NaN or infinite (Keras's <c>TerminateOnNaN</c>). After each training batch,
/// if <c>logs["loss"]</c> (the running mean of the epoch) is NaN or ±∞, it writes
/// <c>Batch {b}: Invalid loss, terminating training</c> and sets <see cref="Model.StopTraining"/>. The batch loop
/// stops, but the epoch still ends normally: validation and <see cref="Callback.OnEpochEnd"/> run.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    private readonly TextWriter? _output;

    /// <summary>Creates the callback.</summary>
    /// <param name="output">Where the message goes (default <see cref="Console.Out"/>).</param>
    public TerminateOnNaN(TextWriter? output = null) => _output = output;

    /// <summary>The 0-based batch (within its epoch) at which the invalid loss was seen in the last training run, or null.</summary>
    public int? TerminatedBatch { get; private set; }

    private TextWriter Output => _output ?? Console.Out;

    /// <inheritdoc/>
    public override void OnTrainBegin(IDictionary<string, double> logs) => TerminatedBatch = null;

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
    {
        if (!logs.TryGetValue("loss", out double loss) || double.IsFinite(loss)) return;
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Batch {batch}: Invalid loss, terminating training"));
        Output.Flush();
        TerminatedBatch = batch;
        Model.StopTraining = true;
    }
}
