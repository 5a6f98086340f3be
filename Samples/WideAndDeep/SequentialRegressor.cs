using NetGen;

namespace NetGen.Samples.WideAndDeep;

/// <summary>
/// The sequential comparison: all 10 features through two Dense(30, relu) layers to a linear output, with the wide
/// &amp; deep network's optimizer and learning rate (see <see cref="WideAndDeepRegressor"/>).
/// </summary>
[Network]
[Input(10)]
[Dense(30, Activation.Relu)]
[Dense(30, Activation.Relu)]
[Dense(1)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 1e-2)]
public partial class SequentialRegressor;
