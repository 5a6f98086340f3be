using NetGen;

namespace NetGen.Samples.Regularization;

/// <summary>
/// The baseline with Dropout(0.25) after each hidden Dense: Flatten, 5 × [Dense(500, relu), Dropout(0.25)],
/// Dense(10, softmax); Adam with Keras's defaults.
/// </summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(500, Activation.Relu)]
[Dropout(0.25)]
[Dense(500, Activation.Relu)]
[Dropout(0.25)]
[Dense(500, Activation.Relu)]
[Dropout(0.25)]
[Dense(500, Activation.Relu)]
[Dropout(0.25)]
[Dense(500, Activation.Relu)]
[Dropout(0.25)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class DropoutMlp;
