using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// Random image augmentation applied to each training batch on the fly: the transforms of Keras's
/// <c>ImageDataGenerator</c> (rotation, shifts, shear, zoom, flips, fill modes, rescale), with its defaults and order
/// of operations, seeded and deterministic. Images are float32, channels last (H×W×C); a rank-2 sample (H, W) is one
/// channel.
/// </summary>
/// <remarks>
/// <para><b>Per image</b>, as Keras: draw θ ~ U(−rotation, rotation) degrees, the shifts, the shear, two independent
/// zoom factors and the flips (each flip with probability ½); resample once through the affine map (bilinear,
/// output pixel → input position, like <c>scipy.ndimage.affine_transform</c>; the fill mode decides pixels from
/// outside); reverse the columns and/or rows for the flips. Then, for the whole batch, multiply by
/// <see cref="Rescale"/> (Keras rescales <i>after</i> augmenting, so <see cref="Cval"/> is in raw pixel units).
/// An image whose affine part is the identity is not resampled.</para>
/// <para><b>Where NetGen deliberately differs from Keras</b> (see docs/augmentation.md): Keras's
/// <c>width_shift_range</c> shifts images vertically and <c>height_shift_range</c> horizontally (its axis swap,
/// keras-team/keras#17398); here <see cref="WidthShiftRange"/> shifts along the width and
/// <see cref="HeightShiftRange"/> along the height. Keras also rotates and zooms non-square images about a centre
/// with swapped coordinates; NetGen uses the true centre ((W − 1)/2, (H − 1)/2). For square images with equal
/// shift ranges the two agree. A shift range of 1 or more is a number of pixels drawn uniformly from
/// [−range, range] (Keras's rule for a float; Keras draws whole pixels for an int, NetGen has no separate int rule).
/// The random stream is NetGen's own (<see cref="SeededRandom"/>), so the draws differ from numpy's.</para>
/// <para><b>Not supported</b> from ImageDataGenerator: featurewise/samplewise centering and normalization, ZCA,
/// brightness and channel shifts, <c>preprocessing_function</c>, and <c>flow</c> itself: <see cref="Model.Fit"/>
/// gathers the batches and calls <see cref="Apply(Span{float}, int, int, int, int)"/>.</para>
/// <para>After the first batch of a given size nothing is allocated. An instance is not thread-safe.</para>
/// </remarks>
public sealed class ImageAugmentation
{
    private readonly SeededRandom _random;
    private float[] _scratch = [];

    /// <summary>Creates the augmentation; the parameters and their defaults are Keras's <c>ImageDataGenerator</c>'s.</summary>
    /// <param name="rotationRange">Rotations are drawn uniformly from [−r, r] degrees.</param>
    /// <param name="widthShiftRange">Horizontal shifts: below 1, a fraction of the width (drawn from [−r·W, r·W] pixels); 1 or more, pixels (from [−r, r]).</param>
    /// <param name="heightShiftRange">Vertical shifts: below 1, a fraction of the height; 1 or more, pixels.</param>
    /// <param name="shearRange">Shear angles are drawn uniformly from [−s, s] degrees.</param>
    /// <param name="zoomRange">Zoom factors, drawn independently for width and height: <c>0.1</c> means [0.9, 1.1]; <c>null</c> means no zoom.</param>
    /// <param name="horizontalFlip">Reverse the columns of half the images, at random.</param>
    /// <param name="verticalFlip">Reverse the rows of half the images, at random.</param>
    /// <param name="fillMode">How pixels that come from outside the image are filled.</param>
    /// <param name="cval">The fill value of <see cref="FillMode.Constant"/>, in raw pixel units.</param>
    /// <param name="rescale">Multiplies every value after augmenting, e.g. <c>1 / 255f</c>; <c>null</c> for none.</param>
    /// <param name="seed">The seed of the random draws: equal seeds give equal augmented batches.</param>
    /// <exception cref="ArgumentOutOfRangeException">A range is negative or not finite, the zoom range is not 0 &lt; lower ≤ upper, the fill mode is undefined, or rescale is 0 or not finite.</exception>
    public ImageAugmentation(
        double rotationRange = 0,
        double widthShiftRange = 0,
        double heightShiftRange = 0,
        double shearRange = 0,
        ZoomRange? zoomRange = null,
        bool horizontalFlip = false,
        bool verticalFlip = false,
        FillMode fillMode = FillMode.Nearest,
        float cval = 0,
        float? rescale = null,
        int seed = 0)
    {
        RotationRange = NonNegative(rotationRange, nameof(rotationRange));
        WidthShiftRange = NonNegative(widthShiftRange, nameof(widthShiftRange));
        HeightShiftRange = NonNegative(heightShiftRange, nameof(heightShiftRange));
        ShearRange = NonNegative(shearRange, nameof(shearRange));
        ZoomRange zoom = zoomRange ?? ZoomRange.None;
        zoom.Validate(nameof(zoomRange));
        ZoomRange = zoom;
        if (!Enum.IsDefined(fillMode))
            throw new ArgumentOutOfRangeException(nameof(fillMode), fillMode, "Expected Constant, Nearest, Reflect or Wrap.");
        if (!float.IsFinite(cval))
            throw new ArgumentOutOfRangeException(nameof(cval), cval, "Expected a finite fill value.");
        if (rescale is float r && !(float.IsFinite(r) && r != 0))
            throw new ArgumentOutOfRangeException(nameof(rescale), r, "Expected a finite, non-zero rescale factor (null for none).");
        HorizontalFlip = horizontalFlip;
        VerticalFlip = verticalFlip;
        FillMode = fillMode;
        Cval = cval;
        Rescale = rescale;
        Seed = seed;
        _random = new SeededRandom(seed);
    }

    /// <summary>Rotations are drawn from [−RotationRange, RotationRange] degrees.</summary>
    public double RotationRange { get; }

    /// <summary>Horizontal shift range: a fraction of the width below 1, pixels from 1 up.</summary>
    public double WidthShiftRange { get; }

    /// <summary>Vertical shift range: a fraction of the height below 1, pixels from 1 up.</summary>
    public double HeightShiftRange { get; }

    /// <summary>Shear angles are drawn from [−ShearRange, ShearRange] degrees.</summary>
    public double ShearRange { get; }

    /// <summary>The range both zoom factors are drawn from; [1, 1] for none.</summary>
    public ZoomRange ZoomRange { get; }

    /// <summary>Whether half the images, at random, have their columns reversed.</summary>
    public bool HorizontalFlip { get; }

    /// <summary>Whether half the images, at random, have their rows reversed.</summary>
    public bool VerticalFlip { get; }

    /// <summary>How pixels that come from outside the image are filled.</summary>
    public FillMode FillMode { get; }

    /// <summary>The fill value of <see cref="FillMode.Constant"/>, in raw pixel units.</summary>
    public float Cval { get; }

    /// <summary>The factor every value is multiplied by after augmenting, or <c>null</c>.</summary>
    public float? Rescale { get; }

    /// <summary>The seed of the random draws.</summary>
    public int Seed { get; }

    /// <summary>
    /// Augments <paramref name="count"/> images stored one after the other in <paramref name="batch"/>, in place,
    /// each with its own random transform.
    /// </summary>
    /// <param name="batch">The images, H×W×C each, channels last: exactly count × height × width × channels values.</param>
    /// <param name="count">The number of images.</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    /// <param name="channels">Values per pixel.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or a dimension is not positive.</exception>
    /// <exception cref="ArgumentException">The batch length is not count × height × width × channels.</exception>
    public void Apply(Span<float> batch, int count, int height, int width, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        int size = checked(height * width * channels);
        if (batch.Length != (long)count * size)
            throw new ArgumentException(
                $"Expected {count} images of {height}×{width}×{channels} ({(long)count * size} values); found {batch.Length} values.",
                nameof(batch));
        if (_scratch.Length < size) _scratch = new float[size];

        for (int i = 0; i < count; i++)
        {
            ImageTransform transform = NextTransform(height, width);
            AffineResampler.Apply(batch.Slice(i * size, size), _scratch.AsSpan(0, size), height, width, channels, transform, FillMode, Cval);
        }
        if (Rescale is float scale)
        {
            for (int i = 0; i < batch.Length; i++) batch[i] *= scale;
        }
    }

    /// <summary>
    /// Augments a batch of samples of <paramref name="sampleShape"/>: (height, width) for one channel, or
    /// (height, width, channels), e.g. a model's <see cref="ModelDescription.InputShape"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is not of rank 2 or 3, or the batch length does not match it.</exception>
    public void Apply(Span<float> batch, int count, IReadOnlyList<int> sampleShape)
    {
        var (height, width, channels) = ImageShape(sampleShape, nameof(sampleShape));
        Apply(batch, count, height, width, channels);
    }

    /// <summary>
    /// A sample shape read as an image: (height, width) is one channel, (height, width, channels) is channels last.
    /// Lets a training loop reject a non-image input before the first batch.
    /// </summary>
    /// <exception cref="ArgumentException">The shape is not of rank 2 or 3.</exception>
    internal static (int Height, int Width, int Channels) ImageShape(IReadOnlyList<int> sampleShape, string parameter)
    {
        ArgumentNullException.ThrowIfNull(sampleShape, parameter);
        return sampleShape.Count switch
        {
            2 => (sampleShape[0], sampleShape[1], 1),
            3 => (sampleShape[0], sampleShape[1], sampleShape[2]),
            _ => throw new ArgumentException(
                $"Image augmentation needs samples of shape (height, width) or (height, width, channels); found ({string.Join(", ", sampleShape)}).",
                parameter),
        };
    }

    /// <summary>Draws one image's transform, in a fixed order; an option that is off draws nothing.</summary>
    internal ImageTransform NextTransform(int height, int width)
    {
        double theta = RotationRange > 0 ? Uniform(RotationRange) : 0;
        double tx = WidthShiftRange > 0 ? Uniform(WidthShiftRange) * (WidthShiftRange < 1 ? width : 1) : 0;
        double ty = HeightShiftRange > 0 ? Uniform(HeightShiftRange) * (HeightShiftRange < 1 ? height : 1) : 0;
        double shear = ShearRange > 0 ? Uniform(ShearRange) : 0;
        double zx = 1, zy = 1;
        if (!ZoomRange.IsNone)
        {
            zx = ZoomRange.Lower + (ZoomRange.Upper - ZoomRange.Lower) * _random.NextDouble();
            zy = ZoomRange.Lower + (ZoomRange.Upper - ZoomRange.Lower) * _random.NextDouble();
        }
        bool flipHorizontal = HorizontalFlip && _random.NextDouble() < 0.5;
        bool flipVertical = VerticalFlip && _random.NextDouble() < 0.5;
        return new ImageTransform(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical);
    }

    /// <summary>The random stream's state, for training checkpoints.</summary>
    internal ulong[] GetRandomState() => _random.GetState();

    /// <summary>Restores a state returned by <see cref="GetRandomState"/>.</summary>
    internal void SetRandomState(ReadOnlySpan<ulong> state) => _random.SetState(state);

    /// <summary>U(−range, range).</summary>
    private double Uniform(double range) => range * (2 * _random.NextDouble() - 1);

    private static double NonNegative(double value, string parameter) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(parameter, value,
                string.Create(CultureInfo.InvariantCulture, $"Expected a non-negative, finite range; found {value}."));
}
