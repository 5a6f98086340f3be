namespace NetGen.Tests.Runtime;

// Convolutional networks for ConvolutionGradientCheckTests. Each convolution after the first has a trainable layer
// before it, so its input gradient (the flipped-kernel convolution of the spread dY) is checked too. Smooth
// activations (tanh, linear) and MSE keep the losses free of kinks. Filter counts cover the scalar reference (F < 4),
// whole vectors (8, 16) and overlapping last vectors (17, 20); odd sizes everywhere.

/// <summary>Two valid 3 × 3 / 2 × 2 convolutions, few filters (the scalar reference).</summary>
[Network]
[Input(6, 5, 3)]
[Conv2D(3, 3, Activation.Tanh)]
[Conv2D(2, 2)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgValid;

/// <summary>Wide layers: 17 and 20 filters fill vectors with an overlapping last one, on every path.</summary>
[Network]
[Input(7, 6, 5)]
[Conv2D(17, 3, Activation.Tanh)]
[Conv2D(20, 3, Activation.Tanh)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgWide;

/// <summary>Same padding with strides 2 (odd kernel), then same padding with an even kernel (Keras's asymmetric border).</summary>
[Network]
[Input(7, 6, 2)]
[Conv2D(8, 3, Activation.Tanh, Strides = 2, Padding = Padding.Same)]
[Conv2D(16, 2, Activation.Tanh, Padding = Padding.Same)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgSameStrided;

/// <summary>Even kernel with strides 2 and valid padding (trailing input rows unused), then a dilated convolution.</summary>
[Network]
[Input(9, 8, 3)]
[Conv2D(8, 2, Activation.Tanh, Strides = 2)]
[Conv2D(8, 2, Activation.Tanh, DilationRate = 2)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgStridedDilated;

/// <summary>Dilation with same padding, a rectangular kernel, and a 1 × 1 convolution (its dx needs no spread).</summary>
[Network]
[Input(7, 7, 2)]
[Conv2D(8, 3, Activation.Tanh, DilationRate = 2, Padding = Padding.Same)]
[Conv2D(9, 2, 3, Activation.Tanh)]
[Conv2D(16, 1)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgDilatedRectangular;

/// <summary>Options: no bias, L2 and L1 kernel penalties, a bias penalty, GELU (its backward reads the pre-activation).</summary>
[Network]
[Input(6, 6, 3)]
[Conv2D(8, 3, Activation.Gelu, UseBias = false, KernelL2 = 0.01)]
[Conv2D(4, 3, Activation.Tanh, KernelL1 = 0.01, BiasL2 = 0.05, ActivityL2 = 0.01)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgOptions;

/// <summary>Conv1D: valid, then same padding with strides 2, then dilation 2; 16 filters (whole vectors).</summary>
[Network]
[Input(11, 4)]
[Conv1D(16, 3, Activation.Tanh)]
[Conv1D(6, 4, Activation.Tanh, Strides = 2, Padding = Padding.Same)]
[Conv1D(5, 2, Activation.Tanh, DilationRate = 2)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgConv1D;

/// <summary>A convolution after a Dense layer and a Reshape, so the first convolution's dx is checked too.</summary>
[Network]
[Input(8)]
[Dense(30, Activation.Tanh)]
[Reshape(5, 6, 1)]
[Conv2D(4, 3, Activation.Tanh, Padding = Padding.Same)]
[Flatten]
[Dense(2, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Adam)]
public partial class CgAfterDense;

/// <summary>A first layer over one channel: its 9 rows of dW are a single register tile on the widest path.</summary>
[Network]
[Input(9, 8, 1)]
[Conv2D(16, 3, Activation.Tanh)]
[Conv2D(8, 2, Activation.Tanh)]
[Flatten]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class CgOneChannel;
