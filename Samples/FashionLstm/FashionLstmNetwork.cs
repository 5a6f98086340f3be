using NetGen;

namespace NetGen.Samples.FashionLstm;

/// <summary>
/// Fashion-MNIST as sequences: each 28 × 28 image is 28 steps of 28 pixels (one row per step). Three stacked LSTMs of
/// 32 units (the first two return every state, the last its final state), then Dense(10, softmax); Adam with Keras's
/// defaults (learning rate 0.001).
/// </summary>
[Network]
[Input(28, 28)]
[LSTM(32, ReturnSequences = true)]
[LSTM(32, ReturnSequences = true)]
[LSTM(32)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class FashionLstmNetwork;
