using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// Saves the weights at the end of every epoch, or only when the monitored quantity improves (Keras's
/// <c>ModelCheckpoint</c> with <c>save_freq='epoch'</c>, tf.keras 2 semantics). The file path may contain Python
/// format fields filled with the 1-based epoch and the epoch's logs: <c>ckpt/weights.{epoch:02d}-{val_loss:.2f}.safetensors</c>
/// → <c>ckpt/weights.03-0.45.safetensors</c>.
/// </summary>
/// <remarks>
/// <para><b>Path templates.</b> Keras formats the path with <c>filepath.format(epoch=epoch + 1, **logs)</c>; NetGen
/// supports the same fields with the specs <c>d</c>, <c>0Nd</c>, <c>.Nf</c>, <c>.Ne</c>, <c>.Ng</c> (upper-case
/// variants too), a width, or none (Python's <c>str</c>: <c>0.5</c>, <c>1e-05</c>), with Python's exact rounding. The
/// template is checked when the callback is created; a field naming a key that the logs lack is a
/// <see cref="KeyNotFoundException"/> at the epoch end, naming the key and the available keys (Keras: KeyError).</para>
/// <para><b>Save best only.</b> The weights are saved iff the monitored value improves on the best so far with no
/// min_delta: cur &lt; best when minimizing, cur &gt; best when maximizing. The best starts at
/// <see cref="InitialValueThreshold"/> or ±∞, and, as in Keras, is kept across <see cref="Model.Fit"/> calls.
/// When the logs do not have the monitored key, nothing is saved and a warning is written (once per training run);
/// that is tf.keras 2's behaviour (Keras 3 saves anyway). The path is formatted before that check, so a template key
/// missing from the logs is an error even in epochs that save nothing (as in Keras).</para>
/// <para><b>Auto mode</b> (tf.keras 2's ModelCheckpoint rule): maximize when <c>acc</c> appears anywhere in the
/// monitored name or the name starts with <c>fmeasure</c>, else minimize. So <c>val_auc</c> is minimized, unlike in
/// <see cref="EarlyStopping"/>: pass <see cref="MonitorMode.Max"/> for it.</para>
/// <para><b>Folders.</b> A missing folder of the path is created before saving, as Keras's ModelCheckpoint does
/// (<c>tf.io.gfile.makedirs</c> in tf.keras 2, <c>os.makedirs</c> in Keras 3); a path that is an existing folder, a
/// folder that cannot be created, and a file that cannot be written are <see cref="IOException"/>s that name the path
/// (the original error is the inner exception).</para>
/// <para><b>Weights only, or the whole model.</b> With <c>saveWeightsOnly: true</c> the file holds the weights
/// (<see cref="Model.SaveWeights"/>), which <see cref="Model.LoadWeights"/> reads. With <c>saveWeightsOnly: false</c>,
/// Keras's default, it holds everything a NetGen model is beyond its class, as Keras's whole-model file holds the
/// weights and the optimizer: a training checkpoint (<see cref="Model.SaveCheckpoint"/>: weights, optimizer state,
/// step, epoch, random streams, architecture signature), which <see cref="Model.LoadCheckpoint"/> reads back into an
/// instance of the same network class to resume training (and <see cref="Model.LoadWeights"/> reads for its weights).
/// The architecture itself is not in the file: in NetGen it is the compiled network class, and loading checks that the
/// file's weights match it. Saving every N batches (an integer <c>save_freq</c>) is not supported.</para>
/// <para>Messages (when <see cref="Verbose"/> &gt; 0, Keras's wording) and warnings go to the writer given to the constructor.</para>
/// </remarks>
public sealed class ModelCheckpoint : Callback, IResumableCallback
{
    private readonly PathTemplate _template;
    private readonly MetricMonitor _monitor;
    private readonly TextWriter? _output;

    /// <summary>Creates the callback; the parameters and their defaults are Keras's.</summary>
    /// <param name="filePath">Where to save; may contain fields such as <c>{epoch:02d}</c> or <c>{val_loss:.4f}</c>.</param>
    /// <param name="monitor">The log key that decides what is best (only used with <paramref name="saveBestOnly"/>).</param>
    /// <param name="verbose">0 = silent, 1 = a message at every epoch end.</param>
    /// <param name="saveBestOnly">Whether to save only when the monitored value improves on the best so far.</param>
    /// <param name="saveWeightsOnly">
    /// True: save the weights only (<see cref="Model.SaveWeights"/>). False (Keras's default): save the whole training
    /// state, a checkpoint that <see cref="Model.LoadCheckpoint"/> resumes from (<see cref="Model.SaveCheckpoint"/>).
    /// </param>
    /// <param name="mode">Whether the quantity should decrease or increase; <see cref="MonitorMode.Auto"/> infers it from the name.</param>
    /// <param name="initialValueThreshold">The initial best value (default ±∞): with <paramref name="saveBestOnly"/>, only a better value is saved.</param>
    /// <param name="output">Where messages and warnings go (default <see cref="Console.Out"/>).</param>
    /// <exception cref="ArgumentException">The path or the monitor is empty, or the mode is undefined.</exception>
    /// <exception cref="FormatException">The path template is malformed or uses an unsupported format.</exception>
    public ModelCheckpoint(
        string filePath,
        string monitor = "val_loss",
        int verbose = 0,
        bool saveBestOnly = false,
        bool saveWeightsOnly = false,
        MonitorMode mode = MonitorMode.Auto,
        double? initialValueThreshold = null,
        TextWriter? output = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        _monitor = new MetricMonitor(monitor, mode, 0, AutoModeRule.ModelCheckpoint);
        _template = new PathTemplate(filePath);
        _output = output;
        FilePath = filePath;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        Mode = mode;
        InitialValueThreshold = initialValueThreshold;
        Best = initialValueThreshold ?? _monitor.InitialBest;
    }

    /// <summary>The path template as given.</summary>
    public string FilePath { get; }

    /// <summary>The monitored log key.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>0 = silent, 1 = messages.</summary>
    public int Verbose { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether only the weights are saved (else the whole training state: a <see cref="Model.SaveCheckpoint"/> file).</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>The mode as given (see <see cref="Maximize"/> for the resolved direction).</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether higher values of the monitored quantity are better (the mode, resolved).</summary>
    public bool Maximize => _monitor.Maximize;

    /// <summary>The initial best value given to the constructor, or null.</summary>
    public double? InitialValueThreshold { get; }

    /// <summary>The best monitored value saved so far (the initial threshold or ±∞ before the first save).</summary>
    public double Best { get; private set; }

    /// <summary>The path of the last file saved, or null.</summary>
    public string? LastSavedPath { get; private set; }

    private TextWriter Output => _output ?? Console.Out;

    /// <inheritdoc/>
    public override void OnTrainBegin(IDictionary<string, double> logs) => _monitor.ResetWarning();

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">The path template names a key the logs do not have.</exception>
    /// <exception cref="IOException">The path is a folder, its folder cannot be created, or the file cannot be written.</exception>
    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        string path = _template.Format(epoch + 1, logs);
        if (!SaveBestOnly)
        {
            if (Verbose > 0) Message($"\nEpoch {epoch + 1}: saving model to {path}");
            Save(path, epoch);
            return;
        }

        if (!_monitor.TryRead(logs, out double current))
        {
            _monitor.WarnOnce(Output, $"Can save best model only with {Monitor} available, skipping.");
            return;
        }
        if (_monitor.IsImprovement(current, Best))
        {
            if (Verbose > 0)
                Message($"\nEpoch {epoch + 1}: {Monitor} improved from {PythonFloat.Fixed(Best, 5)} to {PythonFloat.Fixed(current, 5)}, saving model to {path}");
            Best = current;
            Save(path, epoch);
        }
        else if (Verbose > 0)
        {
            Message($"\nEpoch {epoch + 1}: {Monitor} did not improve from {PythonFloat.Fixed(Best, 5)}");
        }
    }

    private void Save(string path, int epoch)
    {
        if (Directory.Exists(path))
            throw new IOException(
                $"Please specify a non-directory file path for ModelCheckpoint. The file path used is an existing directory: {path}");
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"ModelCheckpoint could not create the folder '{folder}' for '{path}': {e.Message}", e);
            }
        }
        try
        {
            if (SaveWeightsOnly) Model.SaveWeights(path);
            else Model.SaveCheckpoint(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                string.Create(CultureInfo.InvariantCulture, $"ModelCheckpoint could not save the {(SaveWeightsOnly ? "weights" : "model")} of epoch {epoch + 1} to '{path}': {e.Message}"), e);
        }
        LastSavedPath = path;
    }

    string IResumableCallback.StateKind => "model_checkpoint";

    // The best value so far: without it, a resumed run would save the first epoch's weights over a better file.
    void IResumableCallback.SaveState(CallbackState state) => state.Set("best", Best);

    void IResumableCallback.RestoreState(CallbackState state) => Best = state.GetDouble("best");

    private void Message(FormattableString text)
    {
        Output.WriteLine(FormattableString.Invariant(text));
        Output.Flush();
    }
}
