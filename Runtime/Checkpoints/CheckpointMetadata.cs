namespace NetGen;

/// <summary>The <c>__metadata__</c> keys and values of NetGen's weight and checkpoint files.</summary>
internal static class CheckpointMetadata
{
    /// <summary>The kind of file: <see cref="WeightsFormat"/> or <see cref="CheckpointFormat"/>.</summary>
    public const string Format = "format";

    /// <summary>The <see cref="Format"/> of a file written by <see cref="Model.SaveWeights"/>.</summary>
    public const string WeightsFormat = "netgen-weights";

    /// <summary>The <see cref="Format"/> of a file written by <see cref="Model.SaveCheckpoint"/>.</summary>
    public const string CheckpointFormat = "netgen-checkpoint";

    /// <summary>The version of the NetGen library that wrote the file.</summary>
    public const string Version = "netgen_version";

    /// <summary>The network's class name.</summary>
    public const string ModelName = "model";

    /// <summary>The <see cref="ArchitectureSignature"/> of the weight table.</summary>
    public const string Architecture = "architecture";

    /// <summary>
    /// The wiring of a network declared as a graph (<see cref="ArchitectureSignature.Topology"/>), which its
    /// <see cref="Architecture"/> signature covers; absent for a sequential network.
    /// </summary>
    public const string Topology = "topology";

    /// <summary>The seed the weights were initialized from (informational).</summary>
    public const string Seed = "seed";

    /// <summary>The optimizer kind (<see cref="NetGen.Optimizer"/>'s name).</summary>
    public const string Optimizer = "optimizer";

    /// <summary>The number of optimizer steps taken (Keras's <c>optimizer.iterations</c>).</summary>
    public const string Iterations = "iterations";

    /// <summary>The number of completed epochs (<see cref="Model.Epoch"/>).</summary>
    public const string Epoch = "epoch";

    /// <summary>The learning rate.</summary>
    public const string LearningRate = "learning_rate";

    /// <summary>SGD momentum.</summary>
    public const string Momentum = "momentum";

    /// <summary>Adam's β1.</summary>
    public const string Beta1 = "beta_1";

    /// <summary>Adam's β2.</summary>
    public const string Beta2 = "beta_2";

    /// <summary>Adam's ε.</summary>
    public const string Epsilon = "epsilon";

    /// <summary>ρ of RMSprop and Adadelta.</summary>
    public const string Rho = "rho";

    /// <summary>The decoupled weight decay (NaN = none).</summary>
    public const string WeightDecay = "weight_decay";

    /// <summary>The per-tensor gradient norm limit (NaN = none).</summary>
    public const string ClipNorm = "clipnorm";

    /// <summary>The elementwise gradient limit (NaN = none).</summary>
    public const string ClipValue = "clipvalue";

    /// <summary>The global gradient norm limit (NaN = none).</summary>
    public const string GlobalClipNorm = "global_clipnorm";

    /// <summary>The state of the Dropout random stream: four 64-bit words in hex, comma-separated.</summary>
    public const string DropoutRandomState = "dropout_rng_state";

    /// <summary>
    /// The state of the shuffling random stream: four 64-bit words in hex, comma-separated. When the file has a
    /// <see cref="PassPosition"/>, the state before that pass's permutation was drawn, from which it is drawn again.
    /// </summary>
    public const string ShuffleRandomState = "shuffle_rng_state";

    /// <summary>
    /// How many samples of the current pass over the training data have been trained, when training stopped inside a
    /// pass (<see cref="FitOptions.StepsPerEpoch"/> below one pass's batches); absent at a pass boundary.
    /// </summary>
    public const string PassPosition = "pass_position";

    /// <summary>The training sample count of that pass; present with <see cref="PassPosition"/>.</summary>
    public const string PassSamples = "pass_samples";

    /// <summary>The state of the augmentation's random stream, when the last Fit augmented its batches.</summary>
    public const string AugmentationRandomState = "augmentation_rng_state";

    /// <summary>The prefix of optimizer-state tensors: <c>optimizer/&lt;weight&gt;/&lt;slot&gt;</c>.</summary>
    public const string OptimizerPrefix = "optimizer/";

    /// <summary>
    /// The prefix of the callbacks' state in a <see cref="BackupAndRestore"/> backup: metadata keys and tensors
    /// <c>callback/&lt;kind&gt;/&lt;k&gt;/&lt;field&gt;</c> (the k-th callback of that kind).
    /// </summary>
    public const string CallbackPrefix = "callback/";

    /// <summary>The layer table (<c>name Type output-shape</c> per line), which <see cref="Model.LoadWeights(string, bool)"/> compares.</summary>
    public const string Layers = "layers";
}
