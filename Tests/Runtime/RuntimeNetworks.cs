namespace NetGen.Tests.Runtime;

// Small networks shared by the runtime behaviour tests (Fit, Evaluate, Predict, History, progress output).

/// <summary>6 inputs, 3 classes, class-index labels; no Dropout, so a training-mode forward equals inference.</summary>
[Network]
[Input(6)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, LearningRate = 0.1, Metrics = [Metric.Accuracy])]
public partial class RtClassifier;

/// <summary>Like <see cref="RtClassifier"/> with Dropout and Adam: every random stream (weights, masks, shuffling) is involved.</summary>
[Network]
[Input(6)]
[Dense(8, Activation.Relu)]
[Dropout(0.3)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 0.01, Metrics = [Metric.Accuracy])]
public partial class RtDropoutClassifier;

/// <summary>Categorical cross-entropy: labels are rows of 3 values.</summary>
[Network]
[Input(6)]
[Dense(3, Activation.Softmax)]
[Compile(Loss.CategoricalCrossentropy, Optimizer.Sgd, Metrics = [Metric.Accuracy])]
public partial class RtCategorical;

/// <summary>One sigmoid unit: Keras's 'accuracy' resolves to binary accuracy.</summary>
[Network]
[Input(6)]
[Dense(1, Activation.Sigmoid)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd, Metrics = [Metric.Accuracy])]
public partial class RtBinary;

/// <summary>Regression without metrics: the logs hold only the loss.</summary>
[Network]
[Input(6)]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class RtRegression;

/// <summary>Two-dimensional samples of 6 values, to tell shape from size.</summary>
[Network]
[Input(2, 3)]
[Flatten]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class RtShaped;
