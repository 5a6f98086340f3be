using NetGen;

namespace NetGen.Samples.Regularization;

/// <summary>
/// The baseline, no regularization: Flatten, 5 × Dense(500, relu), Dense(10, softmax); Adam with Keras's defaults
/// (learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7).
/// </summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(500, Activation.Relu)]
[Dense(500, Activation.Relu)]
[Dense(500, Activation.Relu)]
[Dense(500, Activation.Relu)]
[Dense(500, Activation.Relu)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class PlainMlp;
