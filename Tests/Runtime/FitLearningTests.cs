namespace NetGen.Tests.Runtime;

/// <summary>End to end: the small classifiers learn the toy problem.</summary>
public sealed class FitLearningTests
{
    [Fact]
    public void Fit_LearnsTheToyClassification()
    {
        DataSet train = TestData.Classification(90, seed: 31), test = TestData.Classification(60, seed: 32);
        var sgd = new RtClassifier(seed: 1);
        var adam = new RtDropoutClassifier(seed: 1);

        History sgdHistory = sgd.Fit(train, epochs: 30, batchSize: 8, verbose: 0);
        History adamHistory = adam.Fit(train, epochs: 30, batchSize: 8, verbose: 0);

        Assert.True(sgdHistory["loss"][^1] < sgdHistory["loss"][0] / 2, $"SGD loss {sgdHistory["loss"][0]} -> {sgdHistory["loss"][^1]}");
        Assert.True(adamHistory["loss"][^1] < adamHistory["loss"][0] / 2, $"Adam loss {adamHistory["loss"][0]} -> {adamHistory["loss"][^1]}");
        Assert.True(sgd.Evaluate(test).Accuracy > 0.9, sgd.Evaluate(test).ToString());
        Assert.True(adam.Evaluate(test).Accuracy > 0.9, adam.Evaluate(test).ToString());
    }
}
