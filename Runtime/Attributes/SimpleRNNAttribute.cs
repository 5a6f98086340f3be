using System;

namespace NetGen;

/// <summary>
/// The fully connected recurrent layer (Keras's <c>SimpleRNN</c>): h = activation(x·W + h_prev·U + b).
/// Weights: kernel (features, units), recurrent_kernel (units, units), bias (units).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SimpleRNNAttribute : RecurrentAttribute
{
    /// <summary>Declares a SimpleRNN with <paramref name="units"/> units.</summary>
    public SimpleRNNAttribute(int units) : base(units)
    {
    }
}
