namespace NetGen.Tests.Runtime;

// Small sequence networks for the gradient checks and the runtime tests of Embedding and the recurrent layers.

/// <summary>Token ids → Embedding → LSTM (every state) → LSTM (last state) → softmax: Embedding's scatter-add and dx through a recurrent layer.</summary>
[Network]
[Input(5, Type = InputType.TokenIds)]
[Embedding(7, 4)]
[LSTM(3, ReturnSequences = true)]
[LSTM(4)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class SqEmbeddingLstm;

/// <summary>An LSTM read backwards, without bias, with every regularizer and non-default activations.</summary>
[Network]
[Input(4, 3)]
[LSTM(5, GoBackwards = true, UseBias = false, Activation = Activation.Softplus, RecurrentActivation = Activation.Tanh, KernelL2 = 0.01, RecurrentL1 = 0.01)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class SqLstmOptions;

/// <summary>GRU (every state, read backwards) → GRU → sigmoid: both bias rows, the reset gate's product, dx.</summary>
[Network]
[Input(4, 3)]
[GRU(4, ReturnSequences = true, GoBackwards = true, BiasL2 = 0.01)]
[GRU(3)]
[Dense(2, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd)]
public partial class SqGru;

/// <summary>SimpleRNN (every state) → Flatten → Dense: a returned sequence's gradient at every step.</summary>
[Network]
[Input(5, 2)]
[SimpleRNN(3, ReturnSequences = true)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class SqSimpleRnn;

/// <summary>Token ids → Embedding (with an L2 regularizer) → GRU → one sigmoid unit.</summary>
[Network]
[Input(6, Type = InputType.TokenIds)]
[Embedding(5, 3, EmbeddingsL2 = 0.01)]
[GRU(4)]
[Dense(1, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class SqEmbeddingGru;

/// <summary>Dense over every step of a sequence (Keras applies it to the last axis), then an LSTM: a first layer of T·B rows.</summary>
[Network]
[Input(4, 3)]
[Dense(5, Activation.Tanh)]
[LSTM(3)]
[Dense(2, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class SqDenseOverSteps;

/// <summary>An LSTM's sequence through a regularized GELU Dense at every step: dx of a Dense over T·B rows flows back into the LSTM.</summary>
[Network]
[Input(4, 3)]
[LSTM(5, ReturnSequences = true)]
[Dense(3, Activation.Gelu, KernelL2 = 0.01, ActivityL1 = 0.01)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class SqStepsThroughDense;

/// <summary>Dense over every position of a feature map (a 1×1 convolution in Keras's terms), behind a Conv2D so its dx is needed.</summary>
[Network]
[Input(4, 4, 1)]
[Conv2D(3, 2)]
[Dense(4, Activation.Selu)]
[GlobalAveragePooling2D]
[Dense(2, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd)]
public partial class SqDenseOverMap;

/// <summary>Dense over the steps as the last layer before a Flatten output: its predictions are checked against x_t·W + b computed by the test.</summary>
[Network]
[Input(4, 3)]
[Dense(2, Activation.Tanh)]
[Flatten]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class SqDenseOnly;
