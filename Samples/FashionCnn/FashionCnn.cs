using NetGen;

namespace NetGen.Samples.FashionCnn;

/// <summary>
/// The layer-zoo tutorial's VGG-like CNN: two blocks of two 3 × 3 convolutions (32, then 64 filters, relu, valid
/// padding), each followed by 2 × 2 max pooling and Dropout(0.25); then Flatten, Dense(256, relu), Dropout(0.5) and
/// Dense(10, softmax). Adam, sparse categorical cross-entropy. 28 × 28 × 1 → 26 → 24 → 12 → 10 → 8 → 4 × 4 × 64.
/// </summary>
[Network]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.Relu)]
[Conv2D(32, 3, Activation.Relu)]
[MaxPooling2D(2)]
[Dropout(0.25)]
[Conv2D(64, 3, Activation.Relu)]
[Conv2D(64, 3, Activation.Relu)]
[MaxPooling2D(2)]
[Dropout(0.25)]
[Flatten]
[Dense(256, Activation.Relu)]
[Dropout(0.5)]
[Dense(10, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class FashionCnn;
