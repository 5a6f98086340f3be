namespace NetGen.Tests.Generator;

public sealed partial class SnapshotTests
{
    /// <summary>
    /// GELU (its pre-activation kept for the backward pass), a LeakyReLU layer, kernel/bias/activity regularizers (in
    /// LossCore and in the gradients) and initializers with arguments.
    /// </summary>
    [Fact]
    public void GeluLeakyReluRegularized() => VerifyNetwork(nameof(GeluLeakyReluRegularized), """
        using NetGen;

        namespace Samples;

        [Network]
        [Input(6)]
        [Dense(8, Activation.Gelu, KernelInitializer = Initializer.HeNormal, KernelL2 = 1e-4, ActivityL1 = 1e-3)]
        [LeakyReLU(Alpha = 0.1)]
        [Dense(3, Activation.Softmax, BiasInitializer = Initializer.Constant, BiasConstant = 0.1, BiasL1 = 0.01)]
        [Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
        public partial class RegularizedGelu;
        """);
}
