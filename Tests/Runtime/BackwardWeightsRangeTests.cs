using System;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Threads split the weight gradient by rows of dW: the parts, computed separately, must assemble into exactly the
/// bits of the whole (each element's sum over the batch is the same sequence of operations).
/// </summary>
public sealed class BackwardWeightsRangeTests
{
    [Theory]
    [InlineData("Dense_784x128", 32, 392)]
    [InlineData("Dense_784x128", 7, 4)]
    [InlineData("Dense_784x128", 32, 780)]
    public void PartsAssembleIntoTheWholeBitForBit(string shape, int batch, int split)
    {
        DenseKernels k = KernelShapes.All[shape];
        var random = new SeededRandom(11);
        float[] x = Enumerable.Range(0, batch * k.In).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] dy = Enumerable.Range(0, batch * k.Out).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] wholeW = new float[k.In * k.Out], wholeB = new float[k.Out];
        float[] partsW = new float[k.In * k.Out], partsB = new float[k.Out];
        partsW.AsSpan().Fill(float.NaN);
        partsB.AsSpan().Fill(float.NaN);

        k.BackwardWeights(wholeW, wholeB, x, dy, batch);
        k.BackwardWeightsRange!(partsW, partsB, x, dy, batch, split, k.In);
        k.BackwardWeightsRange!(partsW, partsB, x, dy, batch, 0, split);

        Assert.True(wholeW.AsSpan().SequenceEqual(partsW), $"{shape}: dW from rows [0, {split}) + [{split}, {k.In}) differs from the whole");
        Assert.True(wholeB.AsSpan().SequenceEqual(partsB), $"{shape}: db differs (it is computed by the part that starts at row 0)");
    }

    [Fact]
    public void ARangeThatDoesNotStartOnATileIsRejected()
    {
        DenseKernels k = KernelShapes.All["Dense_784x128"];
        var error = Assert.Throws<ArgumentException>(() =>
            k.BackwardWeightsRange!(new float[k.In * k.Out], new float[k.Out], new float[k.In], new float[k.Out], 1, 3, k.In));
        Assert.Contains("row range", error.Message);
    }
}
