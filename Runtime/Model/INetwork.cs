using System;

namespace NetGen;

/// <summary>
/// The contract every generated network fulfils: a flat parameter buffer described by <see cref="Description"/>,
/// and the four steps of training — forward, loss, backward, optimizer update — over batches whose size is the
/// only runtime dimension. <see cref="Model"/> implements it on top of the generated code.
/// </summary>
public interface INetwork
{
    /// <summary>Shapes, layers, weights, loss and optimizer, as the source generator resolved them.</summary>
    ModelDescription Description { get; }

    /// <summary>All weights, in one flat buffer laid out as <see cref="ModelDescription.Weights"/> says.</summary>
    Span<float> Parameters { get; }

    /// <summary>The gradients of the last <see cref="Backward"/>, with the layout of <see cref="Parameters"/>.</summary>
    ReadOnlySpan<float> Gradients { get; }

    /// <summary>The optimizer's runtime hyperparameters.</summary>
    OptimizerSettings OptimizerSettings { get; }

    /// <summary>The number of optimizer updates applied so far (Keras's <c>optimizer.iterations</c>).</summary>
    long Iterations { get; }

    /// <summary>Runs the network on <paramref name="batch"/> samples and returns the outputs (valid until the next call).</summary>
    /// <param name="inputs">
    /// <paramref name="batch"/> × input-size values, row-major. A network with several inputs refuses it and takes one
    /// array per input instead (<see cref="Model.Forward(System.Collections.Generic.IReadOnlyList{float[]}, int, bool)"/>).
    /// </param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="training">Training mode (Dropout active) or inference mode.</param>
    ReadOnlySpan<float> Forward(ReadOnlySpan<float> inputs, int batch, bool training);

    /// <summary>The loss of the last <see cref="Forward"/> against <paramref name="labels"/> (Keras's reduction).</summary>
    double ComputeLoss(ReadOnlySpan<float> labels);

    /// <summary>Computes <see cref="Gradients"/> of the loss of the last training-mode <see cref="Forward"/>.</summary>
    void Backward(ReadOnlySpan<float> labels);

    /// <summary>Applies one optimizer update with the current <see cref="Gradients"/>.</summary>
    void ApplyGradients();
}
