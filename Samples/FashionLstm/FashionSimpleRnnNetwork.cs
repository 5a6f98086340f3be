using NetGen;

namespace NetGen.Samples.FashionLstm;

/// <summary><see cref="FashionLstmNetwork"/> with plain tanh cells (SimpleRNN): <c>--cell simple</c>.</summary>
[Network]
[Input(28, 28)]
[SimpleRNN(32, ReturnSequences = true)]
[SimpleRNN(32, ReturnSequences = true)]
[SimpleRNN(32)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class FashionSimpleRnnNetwork;
