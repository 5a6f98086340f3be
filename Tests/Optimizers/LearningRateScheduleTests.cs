using System;

namespace NetGen.Tests.Optimizers;

/// <summary>The schedules against values computed by hand from Keras's formulas (keras/optimizers/schedules/learning_rate_schedule.py).</summary>
public sealed class LearningRateScheduleTests
{
    private const double Tolerance = 1e-15;

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.07071067811865475)] // 0.1 · 0.5^0.5
    [InlineData(10, 0.05)]
    [InlineData(20, 0.025)]
    public void ExponentialDecay(long step, double expected) =>
        Assert.Equal(expected, new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5).Evaluate(step), Tolerance);

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(9, 0.1)]
    [InlineData(10, 0.05)]
    [InlineData(19, 0.05)]
    [InlineData(20, 0.025)]
    public void ExponentialDecay_Staircase(long step, double expected) =>
        Assert.Equal(expected, new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5, staircase: true).Evaluate(step), Tolerance);

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.08)] // 0.1 / (1 + 0.5 · 0.5)
    [InlineData(20, 0.05)] // 0.1 / (1 + 0.5 · 2)
    public void InverseTimeDecay(long step, double expected) =>
        Assert.Equal(expected, new InverseTimeDecay(0.1, decaySteps: 10, decayRate: 0.5).Evaluate(step), Tolerance);

    [Theory]
    [InlineData(9, 0.1)]
    [InlineData(15, 0.06666666666666667)] // 0.1 / (1 + 0.5 · 1)
    [InlineData(29, 0.05)]
    public void InverseTimeDecay_Staircase(long step, double expected) =>
        Assert.Equal(expected, new InverseTimeDecay(0.1, decaySteps: 10, decayRate: 0.5, staircase: true).Evaluate(step), Tolerance);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(100, 1.0)] // boundaries are inclusive on the left interval: step <= 100
    [InlineData(101, 0.5)]
    [InlineData(200, 0.5)]
    [InlineData(201, 0.1)]
    [InlineData(100000, 0.1)]
    public void PiecewiseConstantDecay(long step, double expected) =>
        Assert.Equal(expected, new PiecewiseConstantDecay([100, 200], [1.0, 0.5, 0.1]).Evaluate(step));

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(25, 0.08681980515339464)] // 0.1 · (0.9 · ½(1 + cos(π/4)) + 0.1)
    [InlineData(50, 0.055)] // 0.1 · (0.9 · ½ + 0.1)
    [InlineData(100, 0.01)] // alpha · lr
    [InlineData(250, 0.01)] // held after decay_steps
    public void CosineDecay(long step, double expected) =>
        Assert.Equal(expected, new CosineDecay(0.1, decaySteps: 100, alpha: 0.1).Evaluate(step), 1e-12);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(5, 0.05)] // linear warmup from 0 to 0.1 over 10 steps
    [InlineData(10, 0.1)]
    [InlineData(60, 0.05)] // 50 of 100 decay steps: 0.1 · ½
    [InlineData(110, 0.0)]
    [InlineData(500, 0.0)]
    public void CosineDecay_WithWarmup(long step, double expected) =>
        Assert.Equal(expected, new CosineDecay(0.0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 10).Evaluate(step), 1e-12);

    [Fact]
    public void BadArguments_AreClearErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, decaySteps: 0, decayRate: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecay(-0.1, decaySteps: 10, decayRate: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(double.NaN, decaySteps: 10));
        var counts = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 20], [1.0, 0.5]));
        Assert.Contains("found 2 boundaries and 2 values", counts.Message);
        var order = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([20, 10], [1.0, 0.5, 0.1]));
        Assert.Contains("found 20 then 10", order.Message);
    }
}
