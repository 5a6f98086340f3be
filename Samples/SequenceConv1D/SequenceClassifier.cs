using NetGen;

namespace NetGen.Samples.SequenceConv1D;

/// <summary>
/// The Keras guide's Conv1D sequence classifier: Conv1D(64, 3, relu) × 2, MaxPooling1D(3), Conv1D(128, 3, relu) × 2,
/// GlobalAveragePooling1D, Dropout(0.5), Dense(1, sigmoid); binary cross-entropy, RMSprop.
/// 100 steps → 98 → 96 → 32 → 30 → 28 → 128 features.
/// </summary>
[Network]
[Input(100, 100)]
[Conv1D(64, 3, Activation.Relu)]
[Conv1D(64, 3, Activation.Relu)]
[MaxPooling1D(3)]
[Conv1D(128, 3, Activation.Relu)]
[Conv1D(128, 3, Activation.Relu)]
[GlobalAveragePooling1D]
[Dropout(0.5)]
[Dense(1, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.RmsProp, Metrics = [Metric.Accuracy])]
public partial class SequenceClassifier;
