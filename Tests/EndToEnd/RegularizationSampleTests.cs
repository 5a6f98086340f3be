using System;
using NetGen.Samples.Regularization;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// Smoke test of Samples/Regularization's four networks (its *Mlp.cs files, compiled into this assembly): each trains
/// one epoch on a tiny slice, and the L1/L2 variants add exactly their kernel penalty to the plain network's loss.
/// </summary>
public sealed class RegularizationSampleTests
{
    /// <summary>Keras's names of the five hidden kernels; the output layer (dense_5) is not regularized.</summary>
    private static readonly string[] s_hiddenKernels = ["dense/kernel", "dense_1/kernel", "dense_2/kernel", "dense_3/kernel", "dense_4/kernel"];

    private static Model Create(string variant, int seed) => variant switch
    {
        "plain" => new PlainMlp(seed),
        "l2" => new L2Mlp(seed),
        "l1" => new L1Mlp(seed),
        "dropout" => new DropoutMlp(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Expected plain, l2, l1 or dropout."),
    };

    [Theory]
    [InlineData("plain")]
    [InlineData("l2")]
    [InlineData("l1")]
    [InlineData("dropout")]
    public void EachVariant_TrainsOneEpochOnATinySlice(string variant)
    {
        var (train, _) = FashionMnistSubset.Load();
        Model model = Create(variant, seed: 42);
        // 784·500 + 500, four times 500·500 + 500, 500·10 + 10: Dropout adds no weights.
        Assert.Equal(1_399_510, model.Description.ParameterCount);
        float[] before = model.Parameters.ToArray();

        // 200 images, the last 10 % validating (as the sample does): 180 training images in two batches of 128 and 52.
        History history = model.Fit(train.Slice(0, 200), epochs: 1, batchSize: 128, validationSplit: 0.1, verbose: 0);

        Assert.Equal(2, model.Iterations);
        Assert.True(double.IsFinite(history["loss"][0]) && history["loss"][0] > 0, $"training loss {history["loss"][0]}");
        Assert.InRange(history["val_accuracy"][0], 0.0, 1.0);
        Assert.False(model.Parameters.SequenceEqual(before), "one epoch of Adam must change the weights");
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("l1")]
    public void PenalizedVariants_AddTheirKernelPenaltyToThePlainLoss(string variant)
    {
        var (train, _) = FashionMnistSubset.Load();
        DataSet batch = train.Slice(0, 64);
        var plain = new PlainMlp(seed: 7);
        Model penalized = Create(variant, seed: 11);
        foreach (WeightInfo weight in plain.Description.Weights) penalized.SetWeights(weight.Name, plain.GetWeights(weight.Name));

        double plainLoss = Loss(plain, batch);
        double penalizedLoss = Loss(penalized, batch);

        // 1e-4·ΣW² (L2) or 1e-4·Σ|W| (L1) over the hidden kernels, in double.
        double penalty = 0;
        foreach (string kernel in s_hiddenKernels)
            foreach (float w in plain.GetWeights(kernel))
                penalty += variant == "l2" ? 1e-4 * w * w : 1e-4 * Math.Abs(w);
        Assert.True(penalizedLoss > plainLoss, $"{variant} loss {penalizedLoss} should exceed the plain loss {plainLoss}");
        Assert.True(Math.Abs(penalizedLoss - plainLoss - penalty) <= 1e-4 * penalty,
            $"{variant} loss {penalizedLoss} − plain loss {plainLoss} = {penalizedLoss - plainLoss}; expected the penalty {penalty}");
    }

    private static double Loss(Model model, DataSet data)
    {
        model.Forward(data.Features, data.Count, training: false);
        return model.ComputeLoss(data.Labels);
    }
}
