namespace NetGen.Tests.Runtime;

/// <summary>
/// Hands-On ML's wide &amp; deep regressor with an auxiliary output: <c>main_output</c> reads the concatenation,
/// <c>aux_output</c> the deep path; two mean squared errors weighted 0.9 / 0.1.
/// </summary>
[Network(Outputs = new[] { "main_output", "aux_output" })]
[Input("wide", 5)]
[Input("deep", 6)]
[Dense(30, Activation.Relu, From = "deep")]
[Dense(30, Activation.Relu)]
[Concatenate("wide", "dense_1")]
[Dense(1, Name = "main_output")]
[Dense(1, Name = "aux_output", From = "dense_1")]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 1e-3, LossWeights = new[] { 0.9, 0.1 })]
public partial class WideDeepAuxNet;

/// <summary>
/// Two outputs of different losses from one hidden layer: a fused softmax classifier (<c>cls</c>, class indices) and a
/// tanh regression head (<c>reg</c>, declared first but listed second), weighted 0.7 / 0.3, with accuracy per output.
/// </summary>
[Network(Outputs = new[] { "cls", "reg" })]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Tanh, Name = "reg")]
[Dense(3, Activation.Softmax, Name = "cls", From = "dense")]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd, Losses = new[] { Loss.SparseCategoricalCrossentropy, Loss.MeanSquaredError },
    LossWeights = new[] { 0.7, 0.3 }, Metrics = new[] { Metric.Accuracy })]
public partial class ClassifyAndRegressNet;

/// <summary>
/// Two outputs through views and logits: a from-logits binary head behind Dropout and an L2-regularized MAE head, each
/// weight 1 except the second (2.5), so penalties, the probability buffer and output copies are exercised.
/// </summary>
[Network(Outputs = new[] { "bin", "mae" })]
[Input(5)]
[Dense(7, Activation.Relu)]
[Dense(1, Name = "logit")]
[Dropout(0.0, Name = "bin")]
[Dense(2, Name = "mae", From = "dense", KernelL2 = 0.01)]
[Compile(Loss.BinaryCrossentropy, Optimizer.Sgd, Losses = new[] { Loss.BinaryCrossentropy, Loss.MeanAbsoluteError }, FromLogits = true,
    LossWeights = new[] { 1.0, 2.5 })]
public partial class LogitAndMaeNet;
