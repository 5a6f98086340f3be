using System;

namespace NetGen;

/// <summary>Applies an activation function as a layer of its own (Keras's <c>Activation</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute : LayerAttribute
{
    /// <summary>Declares an Activation layer.</summary>
    public ActivationAttribute(Activation activation) => Activation = activation;

    /// <summary>The activation function.</summary>
    public Activation Activation { get; }
}
