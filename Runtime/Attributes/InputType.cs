namespace NetGen;

/// <summary>What the values of an input are: real-valued features, or integer token ids for an <see cref="EmbeddingAttribute"/>.</summary>
public enum InputType
{
    /// <summary>Real-valued features (Keras's default <c>dtype='float32'</c>).</summary>
    Float = 0,

    /// <summary>
    /// Integer token ids (Keras's <c>Input(..., dtype='int32')</c>), stored in the float rows of the data set as whole
    /// numbers; only an <see cref="EmbeddingAttribute"/> may read them, and it checks each id against its
    /// <see cref="EmbeddingAttribute.InputDim"/>.
    /// </summary>
    TokenIds = 1,
}
