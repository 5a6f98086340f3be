using System;

namespace NetGen;

/// <summary>Keras's <c>ZeroPadding2D</c>: rows and columns of zeros around a (height, width, channels) input.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPadding2DAttribute : LayerAttribute
{
    /// <summary>Declares <paramref name="padding"/> zero rows and columns on every side (Keras's default 1).</summary>
    public ZeroPadding2DAttribute(int padding = 1) : this(padding, padding, padding, padding) { }

    /// <summary>Declares <paramref name="height"/> zero rows above and below, <paramref name="width"/> zero columns left and right (Keras's <c>(h, w)</c> form).</summary>
    public ZeroPadding2DAttribute(int height, int width) : this(height, height, width, width) { }

    /// <summary>Declares each side's zeros (Keras's <c>((top, bottom), (left, right))</c> form).</summary>
    public ZeroPadding2DAttribute(int top, int bottom, int left, int right)
    {
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
    }

    /// <summary>The zero rows above the input.</summary>
    public int Top { get; }

    /// <summary>The zero rows below the input.</summary>
    public int Bottom { get; }

    /// <summary>The zero columns left of the input.</summary>
    public int Left { get; }

    /// <summary>The zero columns right of the input.</summary>
    public int Right { get; }
}
