using System;
using System.Collections.Generic;

namespace NetGen.Tests.Optimizers;

// One small network per optimizer, each compiled with a learning rate that the test then replaces at run time.
[Network] [Input(4)] [Dense(3, Activation.Tanh)] [Dense(2)] [Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05, Momentum = 0.9, Nesterov = true)] public partial class LrSgdNesterovNet;
[Network] [Input(4)] [Dense(3, Activation.Tanh)] [Dense(2)] [Compile(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.05, Amsgrad = true)] public partial class LrAdamNet;
[Network] [Input(4)] [Dense(3, Activation.Tanh)] [Dense(2)] [Compile(Loss.MeanSquaredError, Optimizer.AdamW, LearningRate = 0.05)] public partial class LrAdamWNet;
[Network] [Input(4)] [Dense(3, Activation.Tanh)] [Dense(2)] [Compile(Loss.MeanSquaredError, Optimizer.Nadam, LearningRate = 0.05)] public partial class LrNadamNet;
[Network] [Input(4)] [Dense(3, Activation.Tanh)] [Dense(2)] [Compile(Loss.MeanSquaredError, Optimizer.Adagrad, LearningRate = 0.05)] public partial class LrAdagradNet;
[Network] [Input(4)] [Dense(3, Activation.Tanh)] [Dense(2)] [Compile(Loss.MeanSquaredError, Optimizer.RmsProp, LearningRate = 0.05, Momentum = 0.5, Centered = true)] public partial class LrRmsPropNet;
[Network] [Input(4)] [Dense(3, Activation.Tanh)] [Dense(2)] [Compile(Loss.MeanSquaredError, Optimizer.Adadelta, LearningRate = 0.05)] public partial class LrAdadeltaNet;

/// <summary>
/// The learning rate is a run-time value for every optimizer (Keras's <c>model.optimizer.learning_rate = …</c>): the
/// generated update reads it, so a rate set before a step scales that step's change, and its weight decay, by the
/// ratio of the rates. On the first step every update (and AdamW's decay) is linear in the rate.
/// </summary>
public sealed class RuntimeLearningRateTests
{
    private static readonly float[] X = [0.5f, -1f, 2f, 0.25f, -0.3f, 0.8f, -1.5f, 1f, 1.2f, 0.1f, 0.4f, -0.7f];
    private static readonly float[] Y = [1f, -2f, 0.5f, 3f, -1f, 0.25f];

    private static readonly Dictionary<string, Func<Model>> s_networks = new()
    {
        ["sgd nesterov"] = () => new LrSgdNesterovNet(seed: 5),
        ["adam amsgrad"] = () => new LrAdamNet(seed: 5),
        ["adamw"] = () => new LrAdamWNet(seed: 5),
        ["nadam"] = () => new LrNadamNet(seed: 5),
        ["adagrad"] = () => new LrAdagradNet(seed: 5),
        ["rmsprop centered momentum"] = () => new LrRmsPropNet(seed: 5),
        ["adadelta"] = () => new LrAdadeltaNet(seed: 5),
    };

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (string name in s_networks.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ALearningRateSetAtRunTime_ScalesTheNextStep(string name)
    {
        Model compiled = s_networks[name](), changed = s_networks[name]();
        float[] initial = compiled.Parameters.ToArray();
        Assert.Equal(0.05, compiled.LearningRate);

        changed.LearningRate = 0.2; // 4 × the compiled rate
        Assert.Equal(0.2, changed.LearningRate);
        compiled.TrainStep(X, Y, 3);
        changed.TrainStep(X, Y, 3);

        int moved = 0;
        for (int i = 0; i < initial.Length; i++)
        {
            double small = compiled.Parameters[i] - (double)initial[i], large = changed.Parameters[i] - (double)initial[i];
            if (small == 0) continue;
            moved++;
            Assert.True(Math.Abs(large - 4 * small) <= 1e-4 * Math.Abs(4 * small) + 1e-7,
                $"{name}, parameter {i}: the step at lr 0.05 was {small}, at lr 0.2 {large}; expected 4 × {small} = {4 * small}");
        }
        Assert.True(moved > initial.Length / 2, $"{name}: only {moved} of {initial.Length} parameters moved");

        // Setting it back gives the compiled network's next step again.
        changed.LearningRate = 0.05;
        Assert.Equal(0.05, changed.LearningRate);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANegativeOrNonFiniteLearningRate_IsRejected(double rate)
    {
        var model = new LrAdamNet(seed: 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.LearningRate = rate);
        Assert.Equal(0.05, model.LearningRate);
    }
}
