using NetGen;

namespace NetGen.Samples.FashionMnist;

/// <summary>The classic Keras tutorial model: Flatten, Dense(128, relu), Dropout(0.2), Dense(10, softmax).</summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(128, Activation.Relu)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 1e-3, Metrics = [Metric.Accuracy])]
public partial class FashionMlp;
