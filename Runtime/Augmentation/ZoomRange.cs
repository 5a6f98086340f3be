using System;

namespace NetGen;

/// <summary>
/// The range the zoom factors of <see cref="ImageAugmentation"/> are drawn from (Keras's <c>zoom_range</c>): a number
/// <c>z</c> means [1 − z, 1 + z]; a pair gives the bounds. A factor above 1 zooms out (the content shrinks), below 1
/// zooms in. Write <c>zoomRange: 0.1</c> or <c>zoomRange: (0.8, 1.0)</c>.
/// </summary>
/// <param name="Lower">The smallest factor.</param>
/// <param name="Upper">The largest factor.</param>
public readonly record struct ZoomRange(double Lower, double Upper)
{
    /// <summary>No zoom: [1, 1].</summary>
    public static ZoomRange None => new(1, 1);

    /// <summary>Keras's scalar form: <paramref name="z"/> means [1 − z, 1 + z].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="z"/> is negative, 1 or more (a factor of 0 or below would collapse or mirror the image), or not finite.</exception>
    public static ZoomRange Symmetric(double z)
    {
        if (!(z >= 0 && z < 1))
            throw new ArgumentOutOfRangeException(nameof(z), z,
                "Expected a zoom range z in [0, 1), which draws factors from [1 − z, 1 + z]; z ≥ 1 would allow factors of 0 or below. For other bounds pass a pair (lower, upper).");
        return new ZoomRange(1 - z, 1 + z);
    }

    /// <summary>Keras's scalar form, <see cref="Symmetric"/>.</summary>
    public static implicit operator ZoomRange(double z) => Symmetric(z);

    /// <summary>Keras's pair form: the factors are drawn from [lower, upper].</summary>
    public static implicit operator ZoomRange((double Lower, double Upper) bounds) => new(bounds.Lower, bounds.Upper);

    /// <summary>Whether the range is [1, 1], which draws nothing.</summary>
    internal bool IsNone => Lower == 1 && Upper == 1;

    /// <summary>Throws unless 0 &lt; Lower ≤ Upper, both finite.</summary>
    internal void Validate(string parameter)
    {
        if (!(Lower > 0 && Lower <= Upper && double.IsFinite(Upper)))
            throw new ArgumentOutOfRangeException(parameter, this,
                $"Expected zoom factors 0 < lower ≤ upper, both finite; found [{Lower}, {Upper}].");
    }
}
