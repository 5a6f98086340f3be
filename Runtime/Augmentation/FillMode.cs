namespace NetGen;

/// <summary>
/// How <see cref="ImageAugmentation"/> fills output pixels whose source position lies outside the input image
/// (Keras's <c>fill_mode</c>; each mode is <c>scipy.ndimage</c>'s mode of the same name, which Keras calls).
/// Shown for a row <c>abcd</c>.
/// </summary>
public enum FillMode
{
    /// <summary><c>kkkk|abcd|kkkk</c>: outside the image (beyond the centre of an edge pixel) the value is <see cref="ImageAugmentation.Cval"/>.</summary>
    Constant,

    /// <summary><c>aaaa|abcd|dddd</c>: the edge pixels are repeated (Keras's default).</summary>
    Nearest,

    /// <summary><c>dcba|abcd|dcba</c>: the image is mirrored about its edges.</summary>
    Reflect,

    /// <summary>
    /// <c>abcd|abcd|abcd</c>: the image repeats, as <c>scipy.ndimage</c>'s <c>'wrap'</c> repeats it: with a period of
    /// one pixel less than the image, so that the first and last pixel overlap.
    /// </summary>
    Wrap,
}
