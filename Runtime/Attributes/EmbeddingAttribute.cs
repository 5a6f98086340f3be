using System;

namespace NetGen;

/// <summary>
/// Turns integer token ids into dense vectors (Keras's <c>Embedding</c>): y[..., :] = embeddings[id], the table of
/// shape (<see cref="InputDim"/>, <see cref="OutputDim"/>). It reads an input declared with
/// <c>Type = InputType.TokenIds</c>; an id outside [0, InputDim) is a clear error at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute : LayerAttribute
{
    /// <summary>Declares an embedding of <paramref name="inputDim"/> tokens into vectors of <paramref name="outputDim"/> values.</summary>
    public EmbeddingAttribute(int inputDim, int outputDim)
    {
        InputDim = inputDim;
        OutputDim = outputDim;
    }

    /// <summary>The vocabulary size: token ids run from 0 to InputDim − 1 (Keras's <c>input_dim</c>).</summary>
    public int InputDim { get; }

    /// <summary>The length of each token's vector (Keras's <c>output_dim</c>).</summary>
    public int OutputDim { get; }

    /// <summary>The table's initializer (default <see cref="Initializer.RandomUniform"/> over (−0.05, 0.05), Keras's <c>'uniform'</c>).</summary>
    public Initializer EmbeddingsInitializer { get; set; } = Initializer.RandomUniform;

    /// <summary>The lower bound for <see cref="Initializer.RandomUniform"/> (default −0.05).</summary>
    public double EmbeddingsMinVal { get; set; } = -0.05;

    /// <summary>The upper bound for <see cref="Initializer.RandomUniform"/> (default 0.05).</summary>
    public double EmbeddingsMaxVal { get; set; } = 0.05;

    /// <summary>The mean for <see cref="Initializer.RandomNormal"/> (default 0).</summary>
    public double EmbeddingsMean { get; set; }

    /// <summary>The standard deviation for <see cref="Initializer.RandomNormal"/> (default 0.05).</summary>
    public double EmbeddingsStddev { get; set; } = 0.05;

    /// <summary>The value for <see cref="Initializer.Constant"/> (default 0).</summary>
    public double EmbeddingsConstant { get; set; }

    /// <summary>L1 factor of the table: adds l1·Σ|E| to the loss (Keras's <c>embeddings_regularizer=L1(l1)</c>); default 0 (off).</summary>
    public double EmbeddingsL1 { get; set; }

    /// <summary>L2 factor of the table: adds l2·ΣE² to the loss (Keras's <c>embeddings_regularizer=L2(l2)</c>); default 0 (off).</summary>
    public double EmbeddingsL2 { get; set; }
}
