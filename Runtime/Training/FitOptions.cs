using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace NetGen;

/// <summary>
/// The options of <c>Fit</c> beyond the data, with Keras's names and defaults (<c>batch_size</c> → <see cref="BatchSize"/>,
/// <c>validation_data</c> → <see cref="ValidationData"/>, …), so that new options do not grow <c>Fit</c>'s parameter list.
/// </summary>
/// <example>
/// <code>
/// model.Fit(x, y, new FitOptions { Epochs = 5, BatchSize = 64, ValidationSplit = 0.1, Verbose = Verbosity.OneLinePerEpoch });
/// </code>
/// </example>
public sealed class FitOptions
{
    /// <summary>The number of epochs (Keras's <c>epochs</c>, default 1); with <see cref="InitialEpoch"/>, the index of the last.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per gradient update (Keras's <c>batch_size</c>, default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How much to print (Keras's <c>verbose</c>, default <see cref="Verbosity.ProgressBar"/>).</summary>
    public Verbosity Verbose { get; init; } = Verbosity.ProgressBar;

    /// <summary>Callbacks, called in this order before <see cref="History"/> and the progress bar (Keras's <c>callbacks</c>).</summary>
    public IReadOnlyList<Callback>? Callbacks { get; init; }

    /// <summary>The fraction of the training data held out for validation, from its end (Keras's <c>validation_split</c>).</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Data evaluated after each epoch (Keras's <c>validation_data</c>); takes precedence over <see cref="ValidationSplit"/>.</summary>
    public DataSet? ValidationData { get; init; }

    /// <summary>Whether to reshuffle the training data every epoch (Keras's <c>shuffle</c>, default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Weights per class index (Keras's <c>class_weight</c>).</summary>
    public IReadOnlyDictionary<int, double>? ClassWeight { get; init; }

    /// <summary>
    /// One weight per training sample (Keras's <c>sample_weight</c>), multiplying its loss and gradient; with
    /// <see cref="ValidationSplit"/>, the held-out samples' weights are dropped, as in Keras. Combined with
    /// <see cref="ClassWeight"/> by multiplication.
    /// </summary>
    public float[]? SampleWeight { get; init; }

    /// <summary>The epoch to start at, e.g. to resume (Keras's <c>initial_epoch</c>).</summary>
    public int InitialEpoch { get; init; }

    /// <summary>Validate after every this many epochs (Keras's <c>validation_freq</c>, default 1).</summary>
    public int ValidationFreq { get; init; } = 1;

    /// <summary>Samples per validation batch (Keras's <c>validation_batch_size</c>); <see cref="BatchSize"/> when null.</summary>
    public int? ValidationBatchSize { get; init; }

    /// <summary>
    /// Training batches (optimizer steps) per epoch (Keras's <c>steps_per_epoch</c>); when null, one pass over the
    /// training data: ceil(samples / <see cref="BatchSize"/>) batches, the last one partial. With fewer, an epoch ends
    /// after that many batches and the next epoch continues the pass where it stopped, so every sample is still seen
    /// once per pass; when a pass ends inside an epoch, the epoch goes on with the next pass, shuffled anew. Epoch-end
    /// callbacks and validation then run every <see cref="StepsPerEpoch"/> batches; the progress bar and
    /// <see cref="TrainingParameters.Steps"/> count these steps, and validation still evaluates all of
    /// <see cref="ValidationData"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Must be between 1 and the batches of one pass, counted after <see cref="ValidationSplit"/> has held samples out
    /// (e.g. 1 to 1875 for 60 000 samples in batches of 32); otherwise <c>Fit</c> throws an
    /// <see cref="ArgumentOutOfRangeException"/> naming both before anything is trained. Keras accepts more and, when the
    /// data runs out, warns "Your input ran out of data; interrupting training" and cuts the epoch or the run short.
    /// </para>
    /// <para>
    /// The order of batches is tf.keras 2's for arrays: one stream of shuffled passes, read on from epoch to epoch (its
    /// data adapter repeats the permutation once per epoch and never restarts the iterator). Keras 3 reads on across
    /// epochs too, but ends an epoch early, with the same warning, when it reaches the end of a pass, so it differs only
    /// when <see cref="StepsPerEpoch"/> does not divide the batches of a pass. Shuffling stays seeded: the same seed and
    /// data give the same batches. Each <c>Fit</c> starts a new pass, as each Keras <c>fit</c> builds a new iterator,
    /// except after a training checkpoint is loaded: checkpoints record the position inside a pass, so
    /// <see cref="BackupAndRestore"/> resumes exactly where the interrupted run was.
    /// </para>
    /// </remarks>
    public int? StepsPerEpoch { get; init; }

    /// <summary>Random image transforms of each training batch.</summary>
    public ImageAugmentation? Augmentation { get; init; }

    /// <summary>Where progress goes (default <see cref="Console.Out"/>).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Stops training between batches by throwing <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}
