namespace NetGen.Tests.Generator;

/// <summary>
/// The diagnostics of sequence networks: a recurrent layer on a flat input (NG0080), an Embedding not fed token ids
/// (NG0081), token ids read by another layer (NG0082), a recurrent layer after one that returns only its last state
/// (NG0083), an activation the cell cannot differentiate from its output (NG0084), and zero units or vocabulary (NG0007).
/// </summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void NG0080_LstmOnAFlatInput() =>
        AssertDiagnostic("NG0080", "LSTM(8)",
            $"[Network] [Input(12)] [LSTM(8)] [Dense(3)] {Mse} public partial class Net;", "shape (B, 12); LSTM reads a sequence of shape (B, T, features)");

    [Fact]
    public void NG0080_GruOnAnImage() =>
        AssertDiagnostic("NG0080", "GRU(8)",
            $"[Network] [Input(6, 6, 2)] [GRU(8)] [Dense(3)] {Mse} public partial class Net;", "shape (B, 6, 6, 2); GRU reads a sequence");

    [Fact]
    public void NG0081_EmbeddingOnFloatFeatures() =>
        AssertDiagnostic("NG0081", "Embedding(100, 8)",
            $"[Network] [Input(20)] [Embedding(100, 8)] [LSTM(4)] [Dense(3)] {Mse} public partial class Net;", "reads 'input', which is not an input of token ids");

    [Fact]
    public void NG0081_EmbeddingAfterALayer() =>
        AssertDiagnostic("NG0081", "Embedding(100, 8)",
            $"[Network] [Input(20, Type = InputType.TokenIds)] [Embedding(100, 4)] [Flatten] [Embedding(100, 8)] [Dense(3)] {Mse} public partial class Net;", "reads 'flatten'");

    [Fact]
    public void NG0082_DenseReadsTokenIds() =>
        AssertDiagnostic("NG0082", "Dense(3)",
            $"[Network] [Input(20, Type = InputType.TokenIds)] [Dense(3)] {Mse} public partial class Net;", "reads the token ids of 'input'");

    [Fact]
    public void NG0083_LstmAfterAnLstmReturningItsLastState() =>
        AssertDiagnostic("NG0083", "LSTM(4)",
            $"[Network] [Input(10, 3)] [LSTM(8)] [LSTM(4)] [Dense(3)] {Mse} public partial class Net;", "'lstm' returns only its last state (B, 8): set ReturnSequences = true on 'lstm'");

    [Fact]
    public void NG0084_SoftmaxInACell() =>
        AssertDiagnostic("NG0084", "LSTM(4, RecurrentActivation = Activation.Softmax)",
            $"[Network] [Input(10, 3)] [LSTM(4, RecurrentActivation = Activation.Softmax)] [Dense(3)] {Mse} public partial class Net;", "RecurrentActivation = Activation.Softmax is not supported");

    [Fact]
    public void NG0007_RecurrentWithZeroUnits() =>
        AssertDiagnostic("NG0007", "SimpleRNN(0)",
            $"[Network] [Input(10, 3)] [SimpleRNN(0)] [Dense(3)] {Mse} public partial class Net;", "units must be positive; found 0");

    [Fact]
    public void NG0007_EmbeddingWithZeroVocabulary() =>
        AssertDiagnostic("NG0007", "Embedding(0, 8)",
            $"[Network] [Input(20, Type = InputType.TokenIds)] [Embedding(0, 8)] [LSTM(4)] [Dense(3)] {Mse} public partial class Net;", "inputDim (the vocabulary size) must be positive; found 0");
}
