using System;

namespace NetGen;

/// <summary>Keras's <c>ZeroPadding1D</c>: zeros added before and after the steps of a (steps, channels) input.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPadding1DAttribute : LayerAttribute
{
    /// <summary>Declares <paramref name="padding"/> zero steps at both ends (Keras's default 1).</summary>
    public ZeroPadding1DAttribute(int padding = 1) : this(padding, padding) { }

    /// <summary>Declares <paramref name="left"/> zero steps before the input and <paramref name="right"/> after it.</summary>
    public ZeroPadding1DAttribute(int left, int right)
    {
        Left = left;
        Right = right;
    }

    /// <summary>The zero steps before the input.</summary>
    public int Left { get; }

    /// <summary>The zero steps after the input.</summary>
    public int Right { get; }
}
