using NetGen;

namespace NetGen.Samples.FashionLstm;

/// <summary><see cref="FashionLstmNetwork"/> with GRU cells (reset_after, Keras 2's default): <c>--cell gru</c>.</summary>
[Network]
[Input(28, 28)]
[GRU(32, ReturnSequences = true)]
[GRU(32, ReturnSequences = true)]
[GRU(32)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class FashionGruNetwork;
