using System;
using NetGen.Tests.Checkpoints;

namespace NetGen.Tests.Runtime;

/// <summary>Bad arguments that used to crash deep inside training (issue 15): a null callback, an absurd batch size.</summary>
public sealed class FitArgumentLimitTests
{
    private static readonly DataSet Train = CheckpointTestData.Classification(20, seed: 5);

    [Fact]
    public void ANullCallback_IsAnArgumentException_NamingItsIndex()
    {
        var model = new CheckpointNet(1);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(Train, epochs: 1, verbose: 0, callbacks: [new TerminateOnNaN(), null!]));
        Assert.Equal("callbacks", error.ParamName);
        Assert.StartsWith("callbacks[1] is null", error.Message);
        Assert.Equal(0, model.Iterations);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(Model.MaxBatchSize + 1)]
    public void AnAbsurdBatchSize_IsOutOfRange_NamingTheLimit(int batchSize)
    {
        var model = new CheckpointNet(1);
        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(Train, epochs: 1, batchSize: batchSize, verbose: 0));
        Assert.Equal("batchSize", fit.ParamName);
        Assert.Contains("between 1 and 1048576", fit.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(Train, batchSize: batchSize));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(new float[8], batchSize: batchSize));
        Assert.Equal(0, model.Iterations);
    }

    [Fact]
    public void TheLargestBatchSize_TrainsOnTheWholeSet()
    {
        var whole = new CheckpointNet(1);
        whole.Fit(Train, epochs: 1, batchSize: Model.MaxBatchSize, verbose: 0);
        Assert.Equal(1, whole.Iterations);
    }
}
