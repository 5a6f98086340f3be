using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen;

/// <summary>
/// The base of every generated network (Keras's <c>Model</c>): owns the flat parameter, gradient and optimizer-state
/// buffers and runs training, evaluation and prediction. The generated part of a network class supplies the
/// shape-specialized forward, backward and optimizer code.
/// </summary>
public abstract partial class Model : INetwork
{
    private readonly AlignedBuffer _parameters;
    private readonly AlignedBuffer _gradients;
    private readonly AlignedBuffer _optimizerState;
    private readonly float[] _optimizerScalars;
    // One buffer per input (declaration order), each sized for _capacity samples, and the inputs' sample sizes.
    private readonly float[][] _inputs;
    private readonly int[] _inputSizes;
    private readonly long _totalInputSize;
    private int _capacity;
    private int _lastBatch;
    private bool _lastForwardWasTraining;
    private int _threads = Environment.ProcessorCount;
    private int _threadsInUse = Environment.ProcessorCount;

    /// <summary>
    /// The least work (multiply-adds) worth splitting over threads; below it one thread is faster. What a split costs is
    /// mostly the data that then crosses between the cores' caches (the other half of the activations, the weights the
    /// other core updated), not the hand-off itself (~0.1 µs), so the break-even is a time: measured with
    /// `Bench -- profile` on Vector512, a 784 × 128 product at batch 32 (3.2 M) is slower on two cores, at batch 64
    /// (6.4 M) faster. Narrower vectors take proportionally longer for the same work, so they split sooner.
    /// </summary>
    private static readonly long MinParallelWork =
        Vector512.IsHardwareAccelerated ? 1L << 22 : Vector256.IsHardwareAccelerated ? 1L << 21 : 1L << 20;

    /// <summary>Each output's loss of the last <see cref="LossCore"/> (several outputs only; see <see cref="SetOutputLoss"/>).</summary>
    private readonly double[] _outputLosses;

    /// <summary>Whether a kernel of the current training step ran split over threads (the optimizer then splits too).</summary>
    private bool _stepRanParallel;

    /// <summary>Creates the buffers and initializes every weight with its initializer, deterministically from <paramref name="seed"/>.</summary>
    protected Model(ModelDescription description, OptimizerSettings optimizer, int seed)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(optimizer);
        description.Validate();
        Description = description;
        OptimizerSettings = optimizer;
        Seed = seed;
        _parameters = new AlignedBuffer(description.ParameterCount);
        // An inference-only network never computes a gradient: it gets no gradient buffer (nor optimizer state, below).
        _gradients = new AlignedBuffer(description.InferenceOnly ? 0 : description.ParameterCount);
        if (description.OptimizerSlotNames.Count != description.OptimizerSlotCount)
            throw new ArgumentException(
                $"The description of {description.Name} names {description.OptimizerSlotNames.Count} optimizer slot(s) for {description.OptimizerSlotCount} slot buffer(s).", nameof(description));
        // The gradient buffer spans every parameter (the non-trainable tail stays zero, so every weight has a gradient
        // slice); the optimizer state covers only the trainable head.
        _optimizerState = new AlignedBuffer(description.InferenceOnly ? 0 : description.TrainableParameterCount * description.OptimizerSlotCount);
        _optimizerScalars = new float[description.OptimizerScalarNames.Count];
        IReadOnlyList<InputInfo> inputs = description.Inputs;
        _inputs = new float[inputs.Count][];
        _inputSizes = new int[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            _inputs[i] = [];
            _inputSizes[i] = inputs[i].Size;
            _totalInputSize += _inputSizes[i];
        }
        _outputLosses = new double[description.Outputs.Count];
        Random = new SeededRandom(seed);
        ShuffleRandom = new SeededRandom(unchecked(seed * 0x5DEECE66DL + 11));
        foreach (WeightInfo weight in description.Weights)
            Initializers.Fill(_parameters.Span.Slice(weight.Offset, weight.Length), weight, Random);
    }

    /// <inheritdoc/>
    public ModelDescription Description { get; }

    /// <inheritdoc/>
    /// <remarks>Not named <c>Optimizer</c>: inside a network class that name must keep meaning the <see cref="NetGen.Optimizer"/> enum of the attributes.</remarks>
    public OptimizerSettings OptimizerSettings { get; }

    /// <summary>The optimizer's learning rate (shortcut for <c>OptimizerSettings.LearningRate</c>; Keras's <c>model.optimizer.learning_rate</c>).</summary>
    /// <remarks>With a <see cref="LearningRateSchedule"/>, this is the rate of the last (or, before the first, the next) step and is not settable.</remarks>
    /// <exception cref="InvalidOperationException">Set while a <see cref="LearningRateSchedule"/> is in use (Keras raises a TypeError).</exception>
    public double LearningRate
    {
        get => OptimizerSettings.LearningRate;
        set
        {
            ThrowIfScheduled();
            OptimizerSettings.LearningRate = value;
        }
    }

    /// <summary>The seed the weights were initialized from.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public Span<float> Parameters => _parameters.Span;

    /// <inheritdoc/>
    public ReadOnlySpan<float> Gradients => _gradients.Span;

    /// <inheritdoc/>
    public long Iterations { get; private set; }

    /// <summary>
    /// The number of epochs trained so far: after <c>Fit(train, epochs: 5)</c> it is 5. <see cref="Fit"/> sets it as each
    /// epoch ends (before the callbacks see the epoch, so checkpoints written then record it); training checkpoints
    /// store it and <see cref="BackupAndRestore"/> resumes from it.
    /// </summary>
    public int Epoch { get; private set; }

    /// <summary>The number of values in one input sample (of the first input, when there are several).</summary>
    public int InputSize => Description.InputSize;

    /// <summary>The number of inputs (<see cref="ModelDescription.Inputs"/>): 1 unless the network was declared with several named inputs.</summary>
    public int InputCount => _inputs.Length;

    /// <summary>The number of output values per sample.</summary>
    public int OutputSize => Description.OutputSize;

    /// <summary>
    /// The number of threads the large kernels are split over (default: every core). The kernels partition their work
    /// the same way whatever the count, so the results are the same bits on any number of threads; the count changes
    /// only the speed. While <see cref="Fit"/> runs, <see cref="AdaptThreads"/> may use one thread instead.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Threads
    {
        get => _threads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _threads = value;
            _threadsInUse = value;
        }
    }

    /// <summary>
    /// Whether <see cref="Fit"/> times its steps on <see cref="Threads"/> threads and on one, from time to time, and runs
    /// on whichever is faster (default: true). On a virtual machine a second core can deliver much less than the first,
    /// or stall for a while, and a step split over it then waits for it; small networks may not gain from a second core
    /// at all. The results do not depend on it (see <see cref="Threads"/>). Set it to false to measure a fixed count.
    /// </summary>
    public bool AdaptThreads { get; set; } = true;

    /// <summary>
    /// The number of threads the kernels use now: <see cref="Threads"/>, or one while <see cref="Fit"/> has found one
    /// faster (see <see cref="AdaptThreads"/>).
    /// </summary>
    public int ThreadsInUse => _threadsInUse;

    /// <summary>How the last <see cref="Fit"/> chose its thread counts (null when it did not adapt them), for the benchmarks.</summary>
    internal ThreadCountTuner? LastThreadTuner { get; private set; }

    /// <summary>Set by a callback to stop <see cref="Fit"/> after the current batch (Keras's <c>model.stop_training</c>).</summary>
    public bool StopTraining { get; set; }

    /// <summary>The random stream of Dropout masks (seeded from <see cref="Seed"/>).</summary>
    protected SeededRandom Random { get; }

    /// <summary>The random stream of per-epoch shuffling, separate so that Dropout does not change the order.</summary>
    internal SeededRandom ShuffleRandom { get; }

    /// <summary>The gradient buffer the generated backward pass writes.</summary>
    protected Span<float> GradientBuffer => _gradients.Span;

    /// <summary>Optimizer state buffer <paramref name="slot"/> (e.g. Adam's m and v), with the layout of the trainable parameters.</summary>
    protected Span<float> OptimizerSlot(int slot) =>
        _optimizerState.Span.Slice(slot * Description.TrainableParameterCount, Description.TrainableParameterCount);

    /// <summary>The optimizer's scalar state, named by <see cref="ModelDescription.OptimizerScalarNames"/> (Nadam's u_product).</summary>
    protected Span<float> OptimizerScalars => _optimizerScalars;

    /// <summary>The current batch's values of the first input, where the generated forward pass reads them (<see cref="InputBufferOf"/>(0)).</summary>
    protected ReadOnlySpan<float> InputBuffer => _inputs[0];

    /// <summary>
    /// The current batch's values of input <paramref name="input"/> (declaration order), row-major, where the generated
    /// forward pass reads them; the buffer holds room for the largest batch so far, of which the current batch is the start.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="input"/> is not in [0, <see cref="InputCount"/>).</exception>
    protected ReadOnlySpan<float> InputBufferOf(int input)
    {
        if ((uint)input >= (uint)_inputs.Length)
            throw new ArgumentOutOfRangeException(nameof(input), input, $"{Description.Name} has {_inputs.Length} input(s).");
        return _inputs[input];
    }

    /// <inheritdoc/>
    /// <remarks>For a network with one input; a network with several takes one array per input: <see cref="Forward(IReadOnlyList{float[]}, int, bool)"/>.</remarks>
    /// <exception cref="ArgumentException">
    /// The network has several inputs, or <paramref name="inputs"/> does not hold <paramref name="batch"/> samples.
    /// </exception>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> inputs, int batch, bool training)
    {
        ThrowIfSeveralInputs(nameof(inputs), "Forward(IReadOnlyList<float[]> inputs, int batch, bool training) with one array per input, in that order");
        if (batch <= 0)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, "Expected at least one sample.");
        if (inputs.Length != (long)batch * InputSize)
            throw new ArgumentException(
                $"Expected {batch} samples of {InputSize} values ({(long)batch * InputSize} in all) for input shape {DataSet.FormatShape(Description.InputShape)}; found {inputs.Length} values.",
                nameof(inputs));
        Span<float> destination = PrepareInputs(batch);
        if (!Unsafe.AreSame(ref Unsafe.AsRef(in inputs[0]), ref destination[0]))
            inputs.CopyTo(destination);
        return ForwardPrepared(batch, training);
    }

    /// <summary>
    /// Runs the network on <paramref name="batch"/> samples given as one array per input, in the order of
    /// <see cref="ModelDescription.Inputs"/>, and returns the outputs (valid until the next call). Works for a network
    /// with one input as well.
    /// </summary>
    /// <param name="inputs">One array per input: <paramref name="batch"/> × that input's sample size values, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="training">Training mode (Dropout active) or inference mode.</param>
    /// <exception cref="ArgumentException">The number of arrays differs from <see cref="InputCount"/>, or an array's length does not match its input (the message names it).</exception>
    public ReadOnlySpan<float> Forward(IReadOnlyList<float[]> inputs, int batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (batch <= 0)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, "Expected at least one sample.");
        if (inputs.Count != InputCount)
            throw new ArgumentException(
                $"The network {Description.Name} has {InputCount} input(s) ({DescribeInputs()}); found {inputs.Count} array(s).", nameof(inputs));
        IReadOnlyList<InputInfo> declared = Description.Inputs;
        for (int i = 0; i < inputs.Count; i++)
        {
            long expected = (long)batch * _inputSizes[i];
            if (inputs[i] is null)
                throw new ArgumentException($"The array for input '{declared[i].Name}' (input {i}) is null.", nameof(inputs));
            if (inputs[i].Length != expected)
                throw new ArgumentException(
                    $"Input '{declared[i].Name}' (input {i}): expected {batch} samples of {_inputSizes[i]} values ({expected} in all) for shape {DataSet.FormatShape(declared[i].Shape)}; found {inputs[i].Length} values.",
                    nameof(inputs));
        }
        PrepareInputs(batch);
        for (int i = 0; i < inputs.Count; i++) inputs[i].CopyTo(PreparedInput(i, batch));
        return ForwardPrepared(batch, training);
    }

    /// <summary>The inputs as <c>'wide' (5,), 'deep' (6,)</c>, for messages.</summary>
    private string DescribeInputs()
    {
        IReadOnlyList<InputInfo> inputs = Description.Inputs;
        var parts = new string[inputs.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = $"'{inputs[i].Name}' {DataSet.FormatShape(inputs[i].Shape)}";
        return string.Join(", ", parts);
    }

    /// <summary>Refuses a one-array entry point on a network with several inputs, pointing to <paramref name="instead"/>.</summary>
    private void ThrowIfSeveralInputs(string parameter, string instead)
    {
        if (InputCount > 1)
            throw new ArgumentException(
                $"The network {Description.Name} has {InputCount} inputs ({DescribeInputs()}); one array of features cannot feed them. Use {instead}.",
                parameter);
    }

    /// <inheritdoc/>
    public double ComputeLoss(ReadOnlySpan<float> labels)
    {
        ThrowIfInferenceOnly(nameof(ComputeLoss));
        CheckLabels(labels);
        return LossCore(labels, _lastBatch);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> labels)
    {
        ThrowIfInferenceOnly(nameof(Backward));
        CheckLabels(labels);
        if (!_lastForwardWasTraining)
            throw new InvalidOperationException("Backward needs the activations of a training-mode Forward; the last Forward ran in inference mode.");
        BackwardCore(labels, _lastBatch);
    }

    /// <inheritdoc/>
    public void ApplyGradients()
    {
        ThrowIfInferenceOnly(nameof(ApplyGradients));
        ApplyLearningRateSchedule();
        ApplyGradientsCore();
        Iterations++;
    }

    /// <summary>One training step on a batch: forward (training mode), loss, backward, optimizer update. Returns the loss before the update.</summary>
    /// <exception cref="ArgumentException">The network has several inputs (use the overload with one array per input), or the sizes do not match.</exception>
    public double TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> labels, int batch)
    {
        ThrowIfSeveralInputs(nameof(inputs), "TrainStep(IReadOnlyList<float[]> inputs, ReadOnlySpan<float> labels, int batch) with one array per input, in that order");
        Forward(inputs, batch, training: true);
        return FinishTrainStep(labels);
    }

    /// <summary>
    /// One training step on a batch given as one array per input (in the order of <see cref="ModelDescription.Inputs"/>):
    /// forward (training mode), loss, backward, optimizer update. Returns the loss before the update.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays do not match the inputs, or the labels the batch.</exception>
    public double TrainStep(IReadOnlyList<float[]> inputs, ReadOnlySpan<float> labels, int batch)
    {
        Forward(inputs, batch, training: true);
        return FinishTrainStep(labels);
    }

    private double FinishTrainStep(ReadOnlySpan<float> labels)
    {
        double loss = ComputeLoss(labels);
        Backward(labels);
        ApplyGradients();
        return loss;
    }

    /// <summary>A copy of the weight with the given Keras name (e.g. <c>dense/kernel</c>), row-major in its Keras shape.</summary>
    public float[] GetWeights(string name)
    {
        WeightInfo weight = Description.GetWeight(name);
        return Parameters.Slice(weight.Offset, weight.Length).ToArray();
    }

    /// <summary>Replaces the weight with the given Keras name.</summary>
    /// <exception cref="ArgumentException">The number of values differs from the weight's size; nothing is changed.</exception>
    public void SetWeights(string name, ReadOnlySpan<float> values)
    {
        WeightInfo weight = Description.GetWeight(name);
        if (values.Length != weight.Length)
            throw new ArgumentException(
                $"The weight '{name}' has shape {DataSet.FormatShape(weight.Shape)} ({weight.Length} values); found {values.Length} values.",
                nameof(values));
        values.CopyTo(Parameters.Slice(weight.Offset, weight.Length));
    }

    /// <summary>
    /// Fills the keep-mask of the Dropout layer at <paramref name="layerIndex"/> for one training batch: 1 / (1 − rate)
    /// for kept values, 0 for dropped ones. The default draws from the seeded stream; override it to control the
    /// masks (for example to reproduce a reference computation).
    /// </summary>
    protected virtual void DrawDropoutMask(int layerIndex, Span<float> mask, float rate) => Kernels.Dropout.DrawMask(mask, rate, Random);

    /// <summary>
    /// Runs the generated task <paramref name="task"/> (one kernel call) split into <see cref="Threads"/> parts when
    /// <paramref name="work"/> multiply-adds are worth it, else as one part on this thread.
    /// </summary>
    protected void RunParallel(int task, long work)
    {
        if (_threadsInUse == 1 || work < MinParallelWork)
        {
            RunTaskPart(task, 0, 1);
            return;
        }
        _stepRanParallel = true;
        KernelWorkers.Run(this, task, _threadsInUse);
    }

    /// <summary>
    /// Runs the generated optimizer task split over threads when this step's products were: their gradient rows then
    /// sit in the caches of the cores whose slices of the flat buffers they are, so each core updates what it holds.
    /// After a step on one core a split would first move half of every buffer across, which costs more than it saves.
    /// After a step whose first layer split by inputs, it runs as the same <see cref="InputBlocks"/> parts, and the
    /// generated task gives each part that layer's rows (see <see cref="StepSplitOtherProducts"/> for the rest).
    /// </summary>
    protected void RunOptimizerParallel(int task)
    {
        bool inputSplit = StepSplitInput && _threadsInUse > 1;
        StepSplitOtherProducts = _stepRanParallel;
        bool split = inputSplit || (_stepRanParallel && _threadsInUse > 1);
        _stepRanParallel = false;
        if (split) KernelWorkers.Run(this, task, inputSplit ? InputBlocks : _threadsInUse);
        else RunTaskPart(task, 0, 1);
        StepSplitInput = false;
        StepSplitOtherProducts = false;
    }

    /// <summary>
    /// The blocks of input features that a first layer split by inputs sums over (see <see cref="SplitsInput"/>). A
    /// constant, not the thread count: one thread computes the same blocks one after the other, so the bits do not
    /// depend on the thread count.
    /// </summary>
    protected const int InputBlocks = 2;

    /// <summary>Input blocks start at multiples of 16 features: one 64-byte cache line, and whole optimizer vectors.</summary>
    protected const int InputBlockGranule = 16;

    /// <summary>
    /// The least work (multiply-adds) for which the first layer splits by input features. Splitting by inputs keeps
    /// each core's half of W, of its gradient and of the optimizer state in that core's cache across steps; only the
    /// two blocks' partial sums (batch × units) cross between the cores. On the MLP's 784 × 128 layer this pays from
    /// batch 32 (3.2 M; 0.244 → 0.201 s/epoch, `Bench -- epochs --model mlp`), where a split by rows lost. The bound
    /// itself (batch 11 there) is a guess: below it the hand-offs (~1 µs each) are a large part of the product.
    /// </summary>
    private const long MinInputSplitWork = 1L << 20;

    /// <summary>
    /// The largest batch for which the first layer splits by input features: beyond it the partial sums that cross
    /// between the cores outweigh the weights that a split by batch rows moves. Measured on the MLP at batch 128, three
    /// interleaved pairs: split by inputs 0.140 / 0.153 / 0.171 s/epoch, by rows 0.148 / 0.168 / 0.185; at batch 1024
    /// (above the bound) the rows split stays.
    /// </summary>
    private const int MaxInputSplitBatch = 256;

    /// <summary>
    /// Whether the first layer splits its products by blocks of input features for a batch of <paramref name="batch"/>
    /// (generated for a first Dense layer; no other layer's products need only its own rows of W). The data gather
    /// and the optimizer then split the same way, so each core's data stays in its cache.
    /// </summary>
    protected virtual bool SplitsInput(int batch) => false;

    /// <summary>The rule behind <see cref="SplitsInput"/>: a batch small enough, a product of <paramref name="work"/> multiply-adds big enough.</summary>
    protected static bool InputSplitPays(int batch, long work) => batch <= MaxInputSplitBatch && work >= MinInputSplitWork;

    /// <summary>Whether the current training step's first layer ran split by input features (set by <see cref="RunInputBlocks"/>).</summary>
    protected bool StepSplitInput { get; private set; }

    /// <summary>
    /// During the optimizer task of a step whose first layer split by inputs: whether the step's other products split
    /// over threads too. If not, every parameter but the first layer's rows stays with the calling thread, which
    /// computed those products and reads those weights again next step (a deep network's 19 other layers measured
    /// 374 → 482 µs per step when their update was split as well).
    /// </summary>
    protected bool StepSplitOtherProducts { get; private set; }

    /// <summary>
    /// Runs the generated task <paramref name="task"/> as its <see cref="InputBlocks"/> input blocks: in parallel when
    /// there are threads, else one after the other on this thread (same blocks, same bits).
    /// </summary>
    protected void RunInputBlocks(int task)
    {
        StepSplitInput = true;
        if (_threadsInUse == 1)
        {
            for (int part = 0; part < InputBlocks; part++) RunTaskPart(task, part, InputBlocks);
            return;
        }
        KernelWorkers.Run(this, task, InputBlocks);
    }

    /// <summary>The runtime's own parallel task (negative ids; the generated ones count from 0).</summary>
    private const int GatherTask = -1;

    /// <summary>The generated kernel calls that can be split: part <paramref name="part"/> of <paramref name="parts"/> of task <paramref name="task"/>.</summary>
    protected virtual void RunTask(int task, int part, int parts) =>
        throw new NotSupportedException($"{Description.Name} has no parallel task {task}.");

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of [0, <paramref name="total"/>), cut at multiples of <paramref name="granule"/>.</summary>
    protected static (int Start, int Count) Partition(int total, int part, int parts, int granule)
    {
        int granules = (total + granule - 1) / granule;
        int start = (int)Math.Min(total, (long)granules * part / parts * granule);
        int end = (int)Math.Min(total, (long)granules * (part + 1) / parts * granule);
        return (start, end - start);
    }

    internal void RunTaskPart(int task, int part, int parts)
    {
        if (task == GatherTask) GatherPart(part, parts);
        else RunTask(task, part, parts);
    }

    /// <summary>The whole buffer of input <paramref name="input"/>, as sized by the last <see cref="PrepareInputs"/>.</summary>
    private Span<float> PreparedInputs(int input) => _inputs[input];

    /// <summary>Grows the generated activation buffers to hold <paramref name="capacity"/> samples.</summary>
    protected abstract void AllocateBuffers(int capacity);

    /// <summary>The generated forward pass over the first <paramref name="batch"/> samples of each input buffer (<see cref="InputBufferOf"/>).</summary>
    protected abstract ReadOnlySpan<float> ForwardCore(int batch, bool training);

    /// <summary>The generated loss of the last forward pass (not generated for an inference-only network: the default throws).</summary>
    protected virtual double LossCore(ReadOnlySpan<float> labels, int batch) =>
        throw InferenceOnlyError("LossCore");

    /// <summary>
    /// Records output <paramref name="output"/>'s own loss (unweighted, without penalties) in the last
    /// <see cref="LossCore"/>: the generated loss of a network with several outputs calls it for each.
    /// </summary>
    protected void SetOutputLoss(int output, double loss) => _outputLosses[output] = loss;

    /// <summary>
    /// Each output's own loss (unweighted, without regularization penalties) in the last <see cref="ComputeLoss"/>,
    /// in <see cref="ModelDescription.Outputs"/> order: Keras's <c>{output}_loss</c>. For a network with one output,
    /// its single value is not kept: use the loss itself.
    /// </summary>
    public IReadOnlyList<double> OutputLosses => _outputLosses;

    /// <summary>The generated backward pass: writes every gradient of <see cref="GradientBuffer"/> (not generated for an inference-only network).</summary>
    protected virtual void BackwardCore(ReadOnlySpan<float> labels, int batch) =>
        throw InferenceOnlyError("BackwardCore");

    /// <summary>The generated optimizer update: one fused pass over the flat buffers (not generated for an inference-only network).</summary>
    protected virtual void ApplyGradientsCore() =>
        throw InferenceOnlyError("ApplyGradientsCore");

    /// <summary>Makes room for <paramref name="batch"/> samples in every input buffer and returns the first input's part to fill.</summary>
    internal Span<float> PrepareInputs(int batch)
    {
        if (batch > _capacity)
        {
            for (int i = 0; i < _inputs.Length; i++) _inputs[i] = new float[checked(batch * _inputSizes[i])];
            AllocateBuffers(batch);
            _capacity = batch;
        }
        return _inputs[0].AsSpan(0, batch * _inputSizes[0]);
    }

    /// <summary>The part of input <paramref name="input"/>'s buffer that holds <paramref name="batch"/> samples (after <see cref="PrepareInputs"/>).</summary>
    internal Span<float> PreparedInput(int input, int batch) => _inputs[input].AsSpan(0, batch * _inputSizes[input]);

    /// <summary>Runs the forward pass on inputs already written by <see cref="PrepareInputs"/>.</summary>
    internal ReadOnlySpan<float> ForwardPrepared(int batch, bool training)
    {
        if (training) ThrowIfInferenceOnly("a training-mode Forward");
        _lastBatch = batch;
        _lastForwardWasTraining = training;
        _stepRanParallel = false;
        StepSplitInput = false;
        return ForwardCore(batch, training);
    }

    private void CheckLabels(ReadOnlySpan<float> labels)
    {
        if (_lastBatch == 0)
            throw new InvalidOperationException("Call Forward before computing the loss or the gradients.");
        int width = Description.LabelWidth;
        if (labels.Length != _lastBatch * width)
            throw new ArgumentException(
                $"Expected {_lastBatch} labels of {width} value(s) for the last batch; found {labels.Length} values.", nameof(labels));
        CheckClassIndexLabels(labels, _lastBatch, nameof(labels), "");
    }

    /// <summary>
    /// Checks that the class-index labels of every output that takes them are integers in [0, units), in
    /// <paramref name="count"/> label rows of <see cref="ModelDescription.LabelWidth"/> values (the message names the output
    /// when there are several).
    /// </summary>
    private void CheckClassIndexLabels(ReadOnlySpan<float> labels, int count, string parameter, string where)
    {
        IReadOnlyList<OutputInfo> outputs = Description.Outputs;
        int width = Description.LabelWidth, offset = 0;
        for (int k = 0; k < outputs.Count; k++)
        {
            OutputInfo output = outputs[k];
            bool classIndices = outputs.Count == 1 ? Description.UsesClassIndexLabels : output.UsesClassIndexLabels;
            if (classIndices)
            {
                int units = outputs.Count == 1 ? OutputSize : output.Size;
                for (int i = 0; i < count; i++)
                {
                    float label = labels[i * width + offset];
                    if (label < 0 || label >= units || label != MathF.Floor(label))
                        throw new ArgumentException(
                            outputs.Count == 1
                                ? where.Length == 0
                                    ? $"Expected class labels that are integers in [0, {units}); found {label} at sample {i}."
                                    : $"Expected class labels that are integers in [0, {units}) for {units} output units; {where} has {label} at sample {i}."
                                : $"Output '{output.Name}' expects class labels that are integers in [0, {units}); {(where.Length == 0 ? "found" : where + " has")} {label} at sample {i}.",
                            parameter);
                }
            }
            offset += output.LabelWidth;
        }
    }
}
