namespace NetGen;

/// <summary>
/// The random parameters <see cref="ImageAugmentation"/> draws for one image (Keras's <c>transform_parameters</c>),
/// in NetGen's axes: <see cref="Tx"/> moves along the width (columns), <see cref="Ty"/> along the height (rows).
/// </summary>
/// <param name="Theta">Rotation in degrees; positive turns the content counter-clockwise on screen.</param>
/// <param name="Tx">Shift in pixels along the width; the output pixel at column x reads column x + Tx (content moves left).</param>
/// <param name="Ty">Shift in pixels along the height; the output pixel at row y reads row y + Ty (content moves up).</param>
/// <param name="Shear">Shear angle in degrees.</param>
/// <param name="Zx">Zoom factor along the width; above 1 shrinks the content.</param>
/// <param name="Zy">Zoom factor along the height.</param>
/// <param name="FlipHorizontal">Whether the columns are reversed after the affine resample.</param>
/// <param name="FlipVertical">Whether the rows are reversed after the affine resample.</param>
internal readonly record struct ImageTransform(
    double Theta = 0, double Tx = 0, double Ty = 0, double Shear = 0, double Zx = 1, double Zy = 1,
    bool FlipHorizontal = false, bool FlipVertical = false)
{
    /// <summary>Whether the affine part is the identity, in which case Keras does not resample.</summary>
    public bool IsAffineIdentity => Theta == 0 && Tx == 0 && Ty == 0 && Shear == 0 && Zx == 1 && Zy == 1;
}
