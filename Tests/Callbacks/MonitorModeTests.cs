using System;

namespace NetGen.Tests.Callbacks;

/// <summary>
/// The shared monitor logic: tf.keras 2's three auto-mode rules (they differ between callbacks), δ = |min_delta| and
/// the improvement test (cur + δ &lt; best; cur − δ &gt; best), and the ±∞ initial best.
/// </summary>
public sealed class MonitorModeTests
{
    [Theory]
    // EarlyStopping: max iff the name ends with acc, accuracy or auc.
    [InlineData("val_loss", false, false, false)]
    [InlineData("loss", false, false, false)]
    [InlineData("accuracy", true, true, true)]
    [InlineData("val_accuracy", true, true, true)]
    [InlineData("acc", true, true, true)]
    [InlineData("val_acc", true, true, true)]
    // 'auc': EarlyStopping maximizes, ModelCheckpoint and ReduceLROnPlateau (no 'acc' in the name) minimize.
    [InlineData("auc", true, false, false)]
    [InlineData("val_auc", true, false, false)]
    // 'acc' inside the name: only ModelCheckpoint and ReduceLROnPlateau maximize.
    [InlineData("accuracy_loss", false, true, true)]
    [InlineData("val_categorical_accuracy_top5", false, true, true)]
    // ModelCheckpoint alone also maximizes names starting with 'fmeasure'.
    [InlineData("fmeasure", false, true, false)]
    public void AutoMode_FollowsEachCallbacksKeras2Rule(string name, bool earlyStopping, bool checkpoint, bool reduceLr)
    {
        Assert.Equal(earlyStopping, new EarlyStopping(name).Maximize);
        Assert.Equal(checkpoint, new ModelCheckpoint("w.st", name).Maximize);
        Assert.Equal(reduceLr, new ReduceLROnPlateau(name).Maximize);
    }

    [Fact]
    public void ExplicitModes_OverrideTheName()
    {
        Assert.True(new EarlyStopping("val_loss", mode: MonitorMode.Max).Maximize);
        Assert.False(new EarlyStopping("val_accuracy", mode: MonitorMode.Min).Maximize);
        Assert.True(new ModelCheckpoint("w.st", "val_auc", mode: MonitorMode.Max).Maximize);
        Assert.False(new ReduceLROnPlateau("val_accuracy", mode: MonitorMode.Min).Maximize);
    }

    [Fact]
    public void UndefinedMode_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(mode: (MonitorMode)7));

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.1)]
    public void MinDelta_SignIsIgnored(double minDelta)
    {
        var min = new MetricMonitor("val_loss", MonitorMode.Auto, minDelta, AutoModeRule.EarlyStopping);
        var max = new MetricMonitor("val_accuracy", MonitorMode.Auto, minDelta, AutoModeRule.EarlyStopping);

        Assert.Equal(0.1, min.MinDelta);
        Assert.True(min.IsImprovement(0.85, 1.0));   // 0.85 + 0.1 < 1
        Assert.False(min.IsImprovement(0.95, 1.0));  // 1.05 is not < 1: a gain below δ does not count
        Assert.True(max.IsImprovement(0.65, 0.5));   // 0.65 − 0.1 > 0.5
        Assert.False(max.IsImprovement(0.55, 0.5));
    }

    [Fact]
    public void InitialBest_IsInfinite_SoThatTheFirstFiniteValueImproves_ButNaNNever()
    {
        var min = new MetricMonitor("loss", MonitorMode.Auto, 0, AutoModeRule.EarlyStopping);
        var max = new MetricMonitor("accuracy", MonitorMode.Auto, 0, AutoModeRule.EarlyStopping);

        Assert.Equal(double.PositiveInfinity, min.InitialBest);
        Assert.Equal(double.NegativeInfinity, max.InitialBest);
        Assert.True(min.IsImprovement(1e300, min.InitialBest));
        Assert.True(max.IsImprovement(-1e300, max.InitialBest));
        Assert.False(min.IsImprovement(double.NaN, min.InitialBest));
        Assert.False(max.IsImprovement(double.NaN, max.InitialBest));
    }

    [Fact]
    public void ThresholdForm_PutsDeltaOnTheReference_AsKeras2ReduceLROnPlateau()
    {
        var min = new MetricMonitor("val_loss", MonitorMode.Auto, 1e-4, AutoModeRule.ReduceLROnPlateau);
        var max = new MetricMonitor("val_acc", MonitorMode.Auto, 1e-4, AutoModeRule.ReduceLROnPlateau);

        Assert.True(min.IsImprovementOverThreshold(0.5, 0.5002));
        Assert.False(min.IsImprovementOverThreshold(0.5, 0.50005));
        Assert.True(max.IsImprovementOverThreshold(0.5002, 0.5));
        Assert.False(max.IsImprovementOverThreshold(0.50005, 0.5));
    }
}
