using NetGen.Tests.Helpers;

namespace NetGen.Tests.Runtime;

/// <summary>The newer activations, the LeakyReLU layer and every kind of regularizer keep a training step allocation-free.</summary>
public sealed class RegularizedAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void HundredRegularizedTrainingStepsAllocateNothing(int threads)
    {
        var model = new AllocRegularized(seed: 1) { Threads = threads };
        var random = new SeededRandom(2);
        const int batch = 32;
        float[] x = TestData.Uniform(random, batch * model.InputSize);
        float[] y = TestData.ClassLabels(random, batch, model.OutputSize);
        SteadyState.AssertSomeRunAllocatesNothing(() =>
        {
            for (int step = 0; step < 100; step++) model.TrainStep(x, y, batch);
        }, $"{model.Description.Name}, 100 training steps");
    }
}

[Network]
[Input(64)]
[Dense(64, Activation.Gelu, KernelL2 = 1e-4, ActivityL1 = 1e-4, KernelInitializer = Initializer.HeNormal)]
[LeakyReLU]
[Dense(32, Activation.Swish, BiasL1 = 1e-3, KernelInitializer = Initializer.Orthogonal)]
[Dense(16, Activation.Selu, KernelInitializer = Initializer.LecunNormal)]
[Dense(10, Activation.Softmax, KernelL1 = 1e-4, KernelL2 = 1e-4)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class AllocRegularized;
