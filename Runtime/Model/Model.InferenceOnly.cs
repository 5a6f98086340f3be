using System;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Whether this network was declared <c>[Network(InferenceOnly = true)]</c>: it runs <see cref="Predict(ReadOnlySpan{float}, int)"/>,
    /// inference-mode <see cref="Forward(ReadOnlySpan{float}, int, bool)"/>, <see cref="LoadWeights"/>, <see cref="SaveWeights"/>,
    /// <see cref="Summary"/> and ONNX export, and has no gradient buffers or optimizer state.
    /// </summary>
    public bool IsInferenceOnly => Description.InferenceOnly;

    /// <summary>Refuses <paramref name="operation"/> on an inference-only network, before anything is read or written.</summary>
    private protected void ThrowIfInferenceOnly(string operation)
    {
        if (Description.InferenceOnly) throw InferenceOnlyError(operation);
    }

    /// <summary>The error of an operation that needs a loss, gradients or an optimizer, on an inference-only network.</summary>
    private protected InvalidOperationException InferenceOnlyError(string operation) =>
        new($"{Description.Name} is declared [Network(InferenceOnly = true)]: it has a forward pass and Predict only, with no loss, "
            + $"gradients or optimizer, so {operation} is not available. Train the network declared without InferenceOnly and "
            + $"load its weights here with LoadWeights.");
}
