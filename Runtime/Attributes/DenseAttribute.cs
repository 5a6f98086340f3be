using System;

namespace NetGen;

/// <summary>A densely connected layer, <c>y = activation(x · kernel + bias)</c> (Keras's <c>Dense</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a Dense layer with <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of output units.</summary>
    public int Units { get; }

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer has a bias vector (default true).</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>The kernel initializer (default glorot uniform).</summary>
    public Initializer KernelInitializer { get; set; } = Initializer.GlorotUniform;

    /// <summary>The bias initializer (default zeros).</summary>
    public Initializer BiasInitializer { get; set; } = Initializer.Zeros;

    /// <summary>The Keras layer name; by default <c>dense</c>, <c>dense_1</c>, …</summary>
    public string? Name { get; set; }
}
