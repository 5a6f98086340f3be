using System;

namespace NetGen;

/// <summary>One input of a network (Keras's <c>Input(shape, name)</c>): its name and the shape of one sample.</summary>
/// <param name="Name">The input's name, e.g. <c>wide</c>; a single-input network declared without one has the input <c>input</c>.</param>
/// <param name="Shape">The shape of one sample, without the batch dimension, e.g. <c>[5]</c> or <c>[28, 28]</c>.</param>
/// <remarks>
/// Generated code creates these for <see cref="ModelDescription.Inputs"/>, in declaration order: that order is the order of
/// <see cref="Model.Forward(System.Collections.Generic.IReadOnlyList{float[]}, int, bool)"/>'s arrays.
/// </remarks>
public sealed record InputInfo(string Name, int[] Shape)
{
    /// <summary>The number of values in one sample: the product of <see cref="Shape"/>.</summary>
    /// <exception cref="OverflowException">The product does not fit an <see cref="int"/>.</exception>
    public int Size
    {
        get
        {
            int size = 1;
            foreach (int d in Shape) size = checked(size * d);
            return size;
        }
    }
}
