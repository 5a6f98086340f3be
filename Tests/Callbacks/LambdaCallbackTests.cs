using System.Collections.Generic;

namespace NetGen.Tests.Callbacks;

/// <summary>LambdaCallback: each delegate is called from its hook with the hook's arguments; missing ones are skipped.</summary>
public sealed class LambdaCallbackTests
{
    [Fact]
    public void Fit_CallsEveryDelegate_InKerasOrder()
    {
        var calls = new List<string>();
        var callback = new LambdaCallback(
            onEpochBegin: (epoch, _) => calls.Add($"epoch begin {epoch}"),
            onEpochEnd: (epoch, logs) => calls.Add($"epoch end {epoch}: {string.Join(",", logs.Keys)}"),
            onBatchBegin: (batch, _) => calls.Add($"batch begin {batch}"),
            onBatchEnd: (batch, logs) => calls.Add($"batch end {batch}: {string.Join(",", logs.Keys)}"),
            onTrainBegin: logs => calls.Add($"train begin: {string.Join(",", logs.Keys)}"),
            onTrainEnd: logs => calls.Add($"train end: {string.Join(",", logs.Keys)}"));

        new CbClassifier(seed: 1).Fit(CallbackTestKit.Classification(10, seed: 1), epochs: 2, batchSize: 6,
            validationData: CallbackTestKit.Classification(4, seed: 2), callbacks: [callback], verbose: 0);

        string[] epoch(int e) =>
        [
            $"epoch begin {e}",
            "batch begin 0", "batch end 0: loss,accuracy", "batch begin 1", "batch end 1: loss,accuracy",
            $"epoch end {e}: loss,accuracy,val_loss,val_accuracy",
        ];
        // Keras 2 passes the last epoch's logs to on_train_end (training_logs), and empty logs to on_train_begin.
        Assert.Equal(["train begin: ", .. epoch(0), .. epoch(1), "train end: loss,accuracy,val_loss,val_accuracy"], calls);
    }

    [Fact]
    public void MissingDelegates_AreSkipped_AndADelegateCanStopTraining()
    {
        var model = new CbClassifier(seed: 1);
        var stopper = new LambdaCallback(onBatchEnd: (batch, _) => { if (batch == 1) model.StopTraining = true; });

        History history = model.Fit(CallbackTestKit.Classification(20, seed: 1), epochs: 5, batchSize: 5, callbacks: [stopper], verbose: 0);

        Assert.Equal([0], history.Epochs);
        Assert.Equal(2, model.Iterations);
    }

    [Fact]
    public void AnEmptyLambdaCallback_DoesNothing()
    {
        var callback = CallbackTestKit.Attach(new LambdaCallback(), new CbClassifier(seed: 1));
        Assert.Equal(3, CallbackTestKit.Drive(callback, [1, 1, 1]));
    }
}
