using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// A hook into <see cref="Model.Fit"/>, with Keras's callback methods. <c>logs</c> maps metric names
/// (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, …) to values; at batch end they are the running epoch values.
/// Set <see cref="Model.StopTraining"/> to stop training.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained; set before <see cref="OnTrainBegin"/>.</summary>
    public Model Model { get; internal set; } = null!;

    /// <summary>The parameters of the current <see cref="Model.Fit"/> call.</summary>
    public TrainingParameters Parameters { get; internal set; } = null!;

    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin(IDictionary<string, double> logs) { }

    /// <summary>Called once after the last epoch, with the last epoch's logs (empty if no epoch ran), as Keras 2 does.</summary>
    public virtual void OnTrainEnd(IDictionary<string, double> logs) { }

    /// <summary>Called at the start of each epoch (0-based).</summary>
    public virtual void OnEpochBegin(int epoch, IDictionary<string, double> logs) { }

    /// <summary>Called at the end of each epoch (0-based), after validation, with the epoch's logs.</summary>
    public virtual void OnEpochEnd(int epoch, IDictionary<string, double> logs) { }

    /// <summary>Called before each training batch (0-based within the epoch).</summary>
    public virtual void OnTrainBatchBegin(int batch, IDictionary<string, double> logs) { }

    /// <summary>Called after each training batch with the running epoch values.</summary>
    public virtual void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) { }

    /// <summary>
    /// Called by <see cref="Model.Fit"/> before any callback's <see cref="OnTrainBegin"/> (which may create or overwrite
    /// files): a backup reads its file here, so that a damaged one stops training before anything is written.
    /// </summary>
    internal virtual void OnTrainBeginBeforeAll(IReadOnlyList<Callback> callbacks) { }

    /// <summary>Called by <see cref="Model.Fit"/> after every callback's <see cref="OnTrainBegin"/> (a backup restores the others' state here).</summary>
    internal virtual void OnTrainBeginAfterAll(IReadOnlyList<Callback> callbacks) { }

    /// <summary>Called by <see cref="Model.Fit"/> after every callback's <see cref="OnEpochEnd"/> (a backup then sees the epoch's final state).</summary>
    internal virtual void OnEpochEndAfterAll(int epoch, IReadOnlyList<Callback> callbacks) { }
}

/// <summary>What a callback knows about the <see cref="Model.Fit"/> call it serves (Keras's <c>callback.params</c>).</summary>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Steps">
/// Training batches per epoch: <see cref="FitOptions.StepsPerEpoch"/> when given, else ceil(<paramref name="Samples"/> /
/// <paramref name="BatchSize"/>) (Keras's <c>params["steps"]</c>, the progress bar's total).
/// </param>
/// <param name="BatchSize">The batch size.</param>
/// <param name="Samples">Training samples.</param>
/// <param name="Verbose">The verbosity.</param>
public sealed record TrainingParameters(int Epochs, int Steps, int BatchSize, int Samples, int Verbose);
