namespace NetGen;

/// <summary>Activation functions, with Keras's names and definitions (tf.keras 2.x).</summary>
/// <remarks>The numeric values are part of the contract with the source generator; never renumber them.</remarks>
public enum Activation
{
    /// <summary>The identity, Keras's <c>None</c> / <c>'linear'</c>.</summary>
    Linear = 0,
    /// <summary><c>max(x, 0)</c>; derivative 0 at 0.</summary>
    Relu = 1,
    /// <summary><c>1 / (1 + e^-x)</c>.</summary>
    Sigmoid = 2,
    /// <summary><c>tanh(x)</c>.</summary>
    Tanh = 3,
    /// <summary>Softmax over the last axis.</summary>
    Softmax = 4,
    /// <summary>
    /// Keras's <c>'selu'</c>: <c>scale · (x if x &gt; 0 else α(eˣ − 1))</c> with α = 1.6732632423543772 and
    /// scale = 1.0507009873554805. Its self-normalizing property assumes Keras's <c>lecun_normal</c> kernels:
    /// set <c>KernelInitializer = Initializer.LecunNormal</c> (NetGen does not change the default for you).
    /// </summary>
    Selu = 5,
    /// <summary>Keras's <c>'elu'</c>: <c>x if x &gt; 0 else α(eˣ − 1)</c> with α = 1.</summary>
    Elu = 6,
    /// <summary>
    /// Keras's activation string <c>'leaky_relu'</c>: <c>x if x &gt; 0 else 0.2·x</c>. The slope is 0.2, as
    /// <c>tf.nn.leaky_relu</c>'s default; the <see cref="LeakyReLUAttribute"/> layer defaults to 0.3 instead (Keras's
    /// <c>LeakyReLU</c> layer) and lets you choose it.
    /// </summary>
    LeakyRelu = 7,
    /// <summary>Keras's <c>'gelu'</c>, exact (the default <c>approximate=False</c>): <c>0.5·x·(1 + erf(x/√2))</c>.</summary>
    Gelu = 8,
    /// <summary>
    /// GELU with Keras's <c>approximate=True</c> (PyTorch's <c>approximate='tanh'</c>):
    /// <c>0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))</c>.
    /// </summary>
    GeluApproximate = 9,
    /// <summary>Keras's <c>'swish'</c> (also <c>'silu'</c>): <c>x · sigmoid(x)</c>.</summary>
    Swish = 10,
    /// <summary>Keras's <c>'softplus'</c>: <c>log(1 + eˣ)</c>, computed as <c>max(x, 0) + log1p(e^−|x|)</c>.</summary>
    Softplus = 11,
}
