namespace NetGen.Generator.Model;

/// <summary>Keras's <c>Embedding</c>: y[b, t, :] = E[ids[b, t], :], E of shape (InputDim, OutputDim).</summary>
internal sealed record EmbeddingSpec : LayerSpec
{
    public required int InputDim { get; init; }

    public required int OutputDim { get; init; }

    public required InitializerKind EmbeddingsInitializer { get; init; }

    /// <summary>The initializer's arguments, or null when it takes none.</summary>
    public InitializerArgumentsSpec? EmbeddingsInitializerArguments { get; init; }

    /// <summary>Keras's embeddings_regularizer, or null.</summary>
    public RegularizerSpec? EmbeddingsRegularizer { get; init; }

    public override string KerasType => "Embedding";

    /// <summary>The tokens per sample: the input's size (ids of any rank are looked up one by one).</summary>
    public int Tokens => InputShape.Size;
}

/// <summary>The recurrent cells NetGen emits.</summary>
internal enum RecurrentKind
{
    /// <summary>Keras's LSTM: gates i, f, c, o.</summary>
    Lstm,

    /// <summary>Keras's GRU with reset_after=True: gates z, r, h; bias (2, 3u).</summary>
    Gru,

    /// <summary>Keras's SimpleRNN: h = activation(x·W + h·U + b).</summary>
    SimpleRnn,
}

/// <summary>
/// Keras's <c>LSTM</c>, <c>GRU</c> (reset_after=True) and <c>SimpleRNN</c> over a (B, T, features) input with T a
/// compile-time constant: one spec, the cell chosen by <see cref="Kind"/>.
/// </summary>
internal sealed record RecurrentSpec : LayerSpec
{
    public required RecurrentKind Kind { get; init; }

    public required int Units { get; init; }

    public required ActivationKind Activation { get; init; }

    /// <summary>The gates' activation (LSTM, GRU); Linear and unused for SimpleRNN.</summary>
    public required ActivationKind RecurrentActivation { get; init; }

    public required bool UseBias { get; init; }

    public required bool ReturnSequences { get; init; }

    public required bool GoBackwards { get; init; }

    /// <summary>Keras's unit_forget_bias (LSTM): the forget block of the bias starts at ones.</summary>
    public required bool UnitForgetBias { get; init; }

    public required InitializerKind KernelInitializer { get; init; }

    public required InitializerKind RecurrentInitializer { get; init; }

    public required InitializerKind BiasInitializer { get; init; }

    public InitializerArgumentsSpec? KernelInitializerArguments { get; init; }

    public InitializerArgumentsSpec? RecurrentInitializerArguments { get; init; }

    public InitializerArgumentsSpec? BiasInitializerArguments { get; init; }

    public RegularizerSpec? KernelRegularizer { get; init; }

    public RegularizerSpec? RecurrentRegularizer { get; init; }

    public RegularizerSpec? BiasRegularizer { get; init; }

    public override string KerasType => Kind switch
    {
        RecurrentKind.Lstm => "LSTM",
        RecurrentKind.Gru => "GRU",
        _ => "SimpleRNN",
    };

    /// <summary>Keras's cell name, the middle of the weight names: <c>lstm/lstm_cell/kernel</c>.</summary>
    public string CellName => Kind switch
    {
        RecurrentKind.Lstm => "lstm_cell",
        RecurrentKind.Gru => "gru_cell",
        _ => "simple_rnn_cell",
    };

    /// <summary>Gate blocks: 4 (LSTM), 3 (GRU), 1 (SimpleRNN).</summary>
    public int Gates => Kind switch
    {
        RecurrentKind.Lstm => 4,
        RecurrentKind.Gru => 3,
        _ => 1,
    };

    /// <summary>The time steps T.</summary>
    public int Steps => InputShape.Dimensions[0];

    /// <summary>The features per step.</summary>
    public int Features => InputShape.Last;

    /// <summary>Columns of the gate pre-activations: Gates · Units.</summary>
    public int GateWidth => Gates * Units;

    public override long MultiplyAddsPerSample => (long)Steps * (Features + Units) * GateWidth;

    /// <summary>The kernel class of the input projection x·W (+ b): a Dense shape Features → GateWidth.</summary>
    public string InputKernelName => "Dense_" + Features + "x" + GateWidth + (UseBias ? "" : "_NoBias");

    /// <summary>
    /// The kernel class of the recurrent product h·U: Units → GateWidth, with a bias only for the GRU (its recurrent
    /// bias row, which the reset gate multiplies and so cannot be folded into the input projection).
    /// </summary>
    public string RecurrentKernelName => "Dense_" + Units + "x" + GateWidth + (RecurrentHasBias ? "" : "_NoBias");

    /// <summary>Whether the recurrent product adds a bias (the GRU's second bias row).</summary>
    public bool RecurrentHasBias => Kind == RecurrentKind.Gru && UseBias;
}
