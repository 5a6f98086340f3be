// Pairs of networks for InferenceOnlyTests: each trainable network (namespace …Trained) and its inference-only twin
// (…Served) have the same class name and layers, as a deployed predictor declares the network it serves.

namespace NetGen.Tests.Deployment.Trained
{
    [Network]
    [Input(8, 8, 1)]
    [Conv2D(4, 3, Activation.Relu)]
    [BatchNormalization]
    [MaxPooling2D(2)]
    [SpatialDropout2D(0.2)]
    [Flatten]
    [Dense(16, Activation.Tanh)]
    [Dropout(0.3)]
    [Dense(3, Activation.Softmax)]
    [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam, LearningRate = 0.01)]
    public partial class ServedCnn;

    [Network]
    [Input(6, 4)]
    [LSTM(5, ReturnSequences = true)]
    [GRU(4)]
    [Dense(2, Activation.Sigmoid)]
    [Compile(Loss.BinaryCrossentropy, Optimizer.RmsProp, LearningRate = 0.01)]
    public partial class ServedSequence;

    [Network]
    [Input("wide", 5)]
    [Input("deep", 7)]
    [Dense(8, Activation.Relu, From = "deep", Name = "hidden")]
    [Concatenate("wide", "hidden", Name = "joined")]
    [Dense(1, Name = "out")]
    [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.01)]
    public partial class ServedWideAndDeep;

    [Network]
    [Input(10, Type = InputType.TokenIds)]
    [Embedding(20, 4)]
    [Flatten]
    [Dense(1, Activation.Sigmoid)]
    [Compile(Loss.BinaryCrossentropy, Optimizer.Adam)]
    public partial class ServedEmbedding;
}

namespace NetGen.Tests.Deployment.Served
{
    [Network(InferenceOnly = true)]
    [Input(8, 8, 1)]
    [Conv2D(4, 3, Activation.Relu)]
    [BatchNormalization]
    [MaxPooling2D(2)]
    [SpatialDropout2D(0.2)]
    [Flatten]
    [Dense(16, Activation.Tanh)]
    [Dropout(0.3)]
    [Dense(3, Activation.Softmax)]
    public partial class ServedCnn;

    [Network(InferenceOnly = true)]
    [Input(6, 4)]
    [LSTM(5, ReturnSequences = true)]
    [GRU(4)]
    [Dense(2, Activation.Sigmoid)]
    public partial class ServedSequence;

    [Network(InferenceOnly = true)]
    [Input("wide", 5)]
    [Input("deep", 7)]
    [Dense(8, Activation.Relu, From = "deep", Name = "hidden")]
    [Concatenate("wide", "hidden", Name = "joined")]
    [Dense(1, Name = "out")]
    public partial class ServedWideAndDeep;

    [Network(InferenceOnly = true)]
    [Input(10, Type = InputType.TokenIds)]
    [Embedding(20, 4)]
    [Flatten]
    [Dense(1, Activation.Sigmoid)]
    public partial class ServedEmbedding;

    /// <summary>The CNN without its dropouts: the same weights, another network (LoadWeights refuses the CNN's file).</summary>
    [Network(InferenceOnly = true)]
    [Input(8, 8, 1)]
    [Conv2D(4, 3, Activation.Relu)]
    [BatchNormalization]
    [MaxPooling2D(2)]
    [Flatten]
    [Dense(16, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class ServedCnnWithoutDropout;
}
