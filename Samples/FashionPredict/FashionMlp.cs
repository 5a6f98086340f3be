using NetGen;

namespace NetGen.Samples.FashionPredict;

/// <summary>
/// The trainer's network (Samples/FashionMnist/FashionMlp.cs), declared for serving: the same class name and layers, so
/// LoadWeights accepts the trainer's file (it checks both), and InferenceOnly, so only the forward pass is generated: no
/// loss, backward pass, gradient buffers or Adam state, and no [Compile].
/// </summary>
[Network(InferenceOnly = true)]
[Input(28, 28)]
[Flatten]
[Dense(128, Activation.Relu)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
public partial class FashionMlp;
