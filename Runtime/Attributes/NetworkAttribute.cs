using System;

namespace NetGen;

/// <summary>
/// Marks a <c>partial class</c> as a NetGen network. The layer attributes on the class, in source order,
/// declare the network; the source generator checks every shape and emits the class's training code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>
    /// The names of the layers that are the network's outputs, in order (Keras's <c>Model(outputs=[…])</c>), e.g.
    /// <c>Outputs = new[] { "main_output", "aux_output" }</c>. Null (the default): the last layer is the only output.
    /// With several outputs, each has its own loss and loss weight (<see cref="CompileAttribute.Losses"/>,
    /// <see cref="CompileAttribute.LossWeights"/>), an output row is every output's values concatenated in this order,
    /// and the logs name each output's loss <c>{output}_loss</c>.
    /// </summary>
    public string[]? Outputs { get; set; }

    /// <summary>
    /// Generates only the forward pass and <c>Predict</c>: no loss, backward pass, gradient buffers or optimizer, for the
    /// smallest deployable predictor (default false). Declare the same layers as the network that was trained, under
    /// the same class name (in another namespace or project), and load its weights with <c>LoadWeights</c>; the file's
    /// layer table and architecture are checked as for any network. <c>[Compile]</c> is not needed (NG0017 says it has
    /// no effect), and <c>Fit</c>, <c>Evaluate</c>, <c>TrainStep</c>, training-mode <c>Forward</c> and training
    /// checkpoints throw <see cref="InvalidOperationException"/>.
    /// </summary>
    public bool InferenceOnly { get; set; }
}
