using System;

namespace NetGen;

/// <summary>A densely connected layer, <c>y = activation(x · kernel + bias)</c> (Keras's <c>Dense</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : KernelLayerAttribute
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
}
