using System;
using NetGen.Samples.SequenceConv1D;

namespace NetGen.Bench;

/// <summary>One model at one batch size, as a peer script trains it: same data, epochs and batch size.</summary>
/// <param name="Name">The model's short name, as in the peers' RESULT lines.</param>
/// <param name="Script">The peer script in ../shared/peers, or in Bench/peers for the models only NetGen's team benchmarks.</param>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="Epochs">Epochs per run.</param>
/// <param name="Create">Creates the NetGen model from a seed.</param>
/// <param name="FlopsPerSample">Matrix-product FLOPs per training sample (forward and both gradients).</param>
/// <param name="Standardize">Whether the inputs are standardized by the mean and std of all training pixels, as the peer does.</param>
/// <param name="SampleShape">The sample shape the model reads the images as (a shared view), or null for (28, 28).</param>
/// <param name="Data">The workload's own training and test sets, or null for Fashion-MNIST.</param>
internal sealed record Workload(string Name, string Script, int BatchSize, int Epochs, Func<int, Model> Create, long FlopsPerSample, bool Standardize = false,
    int[]? SampleShape = null, Func<(DataSet Train, DataSet Test)>? Data = null)
{
    public static readonly Workload[] All =
    {
        new("mlp", "mlp.py", 32, 5, seed => new Mlp(seed), 409_088),
        new("mlp", "mlp.py", 128, 2, seed => new Mlp(seed), 409_088),
        new("mlp", "mlp.py", 1024, 2, seed => new Mlp(seed), 409_088),
        // common.py's dense_train_flops([784] + [100] * 20 + [10]): 2·784·100·2 + 19·2·100·100·3 + 2·100·10·3.
        new("deep", "deep.py", 32, 10, seed => new Deep(seed), 1_459_600, Standardize: true),
        // dense_train_flops([784] + [500] * 5 + [10]): 2·784·500·2 + 4·2·500·500·3 + 2·500·10·3; inputs / 255 as mlp.py.
        new("l2", "l2.py", 128, 5, seed => new L2Mlp(seed), 7_598_000),
        // A graph: dense_train_flops([784, 256, 256, 256, 10]), the same products as the chain (Add is not a product).
        new("residual", "residual.py", 32, 2, seed => new ResidualMlp(seed), 1_604_608),
        new("residual", "residual.py", 128, 2, seed => new ResidualMlp(seed), 1_604_608),
        // cnn.py's conv_train_flops of the four convolutions + dense_train_flops([1024, 256, 10]) + dense1's input gradient.
        new("cnn", "cnn.py", 32, 2, seed => new VggCnn(seed), 59_432_448, SampleShape: [28, 28, 1]),
        // conv1d.py's conv_train_flops of the four convolutions + the sigmoid output; its synthetic task, 10,000 + 2,000.
        new("conv1d", "conv1d.py", 32, 2, seed => new SequenceClassifier(seed), 27_286_272,
            Data: () => (SyntheticSequences.Create(10_000, seed: 1234), SyntheticSequences.Create(2_000, seed: 4321))),
        // lstm.py's count: 3 · 80 steps · (x·W_ih + h·W_hh: 2·128·512·2) + the Dense(128 → 1)'s 2·2·128.
        new("lstm", "lstm.py", 32, 2, seed => new TextLstm(seed), 62_915_072, Data: SyntheticText.Make),
    };
}
