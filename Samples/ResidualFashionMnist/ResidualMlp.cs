using NetGen;

namespace NetGen.Samples.ResidualFashionMnist;

/// <summary>
/// A residual MLP: Flatten, a Dense(256, relu) stem, then two residual blocks — Dense(256, relu), Dense(256), Add with
/// the block's input, relu — then Dense(10, softmax); Adam with Keras's defaults (learning rate 0.001). Each block's
/// input is read twice (by its first Dense and by Add), so its gradient is the sum of the two paths.
/// </summary>
[Network]
[Input(28, 28)]
[Flatten]
[Dense(256, Activation.Relu, Name = "stem")]
[Dense(256, Activation.Relu, Name = "block1_dense1")]
[Dense(256, Name = "block1_dense2")]
[Add("stem", "block1_dense2", Name = "block1_add")]
[Activation(Activation.Relu, Name = "block1_out")]
[Dense(256, Activation.Relu, Name = "block2_dense1")]
[Dense(256, Name = "block2_dense2")]
[Add("block1_out", "block2_dense2", Name = "block2_add")]
[Activation(Activation.Relu, Name = "block2_out")]
[Dense(10, Activation.Softmax, Name = "classifier")]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, Metrics = [Metric.Accuracy])]
public partial class ResidualMlp;
