namespace NetGen;

/// <summary>
/// The base of the windowed pooling layers (Keras's <c>MaxPooling1D/2D</c>, <c>AveragePooling1D/2D</c>): the window
/// size, the step between windows and the border treatment, channels last.
/// </summary>
public abstract class PoolingAttribute : LayerAttribute
{
    /// <summary>Sets the window size.</summary>
    private protected PoolingAttribute(int poolHeight, int poolWidth)
    {
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
    }

    /// <summary>The window's height (1 for the 1-D layers).</summary>
    public int PoolHeight { get; }

    /// <summary>The window's width (the window's length for the 1-D layers).</summary>
    public int PoolWidth { get; }

    /// <summary>
    /// The step between windows along every axis (Keras's <c>strides</c>). Left unset, it is the pool size, as Keras's
    /// <c>strides=None</c>; when set it must be positive.
    /// </summary>
    public int Strides { get; set; }

    /// <summary>How the borders are treated (default <see cref="Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
