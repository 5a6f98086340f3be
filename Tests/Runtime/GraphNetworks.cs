using System;

namespace NetGen.Tests.Runtime;

// Graph networks for GraphGradientCheckTests: several inputs, From, every merge kind, Reshape and tensors read by
// several layers. Smooth activations (tanh, linear) and MSE keep the losses free of kinks, so the finite differences
// compare everywhere; merges read branches of different weights, so no two inputs of a merge are equal by accident.

// ---- Add, Subtract, Multiply, Average, Maximum, Minimum ----

/// <summary>Add of two branches that both read the input.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Add("a", "b")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgAdd2;

/// <summary>Add of three branches.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Dense(5, Activation.Tanh, From = "x", Name = "c")]
[Add("a", "b", "c")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgAdd3;

/// <summary>a − b: the second input's gradient has the opposite sign.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Subtract("a", "b")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgSubtract;

/// <summary>a ⊙ b: each input's gradient is the other input times dy.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Multiply("a", "b")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMultiply2;

/// <summary>a ⊙ b ⊙ c: each input's gradient is the product of the two others times dy.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Dense(5, Activation.Tanh, From = "x", Name = "c")]
[Multiply("a", "b", "c")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMultiply3;

/// <summary>(a + b + c) / 3, into a softmax classifier.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Dense(5, Activation.Tanh, From = "x", Name = "c")]
[Average("a", "b", "c")]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GgAverage3;

/// <summary>max(max(a, b), c): each element's gradient goes to the one input that holds the maximum.</summary>
[Network]
[Input("x", 4)]
[Dense(6, Name = "a")]
[Dense(6, From = "x", Name = "b")]
[Dense(6, From = "x", Name = "c")]
[Maximum("a", "b", "c")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMaximum3;

/// <summary>min(min(a, b), c).</summary>
[Network]
[Input("x", 4)]
[Dense(6, Name = "a")]
[Dense(6, From = "x", Name = "b")]
[Dense(6, From = "x", Name = "c")]
[Minimum("a", "b", "c")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMinimum3;

// ---- Concatenate, Reshape ----

/// <summary>Concatenate of two network inputs: no gradient flows into the inputs, only the Dense layers after it learn.</summary>
[Network]
[Input("p", 3)]
[Input("q", 2)]
[Concatenate("p", "q")]
[Dense(4, Activation.Tanh)]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgConcatenateInputs;

/// <summary>Wide &amp; deep: the deep tower's output concatenated after the wide input (its columns start at 5).</summary>
[Network]
[Input("wide", 5)]
[Input("deep", 6)]
[Dense(6, Activation.Tanh, From = "deep")]
[Dense(4, Activation.Tanh)]
[Concatenate("wide", "dense_1")]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgWideAndDeep;

/// <summary>Concatenate of two layers of different widths (3 and 5), the wider one second.</summary>
[Network]
[Input("x", 4)]
[Dense(3, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Concatenate("a", "b")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgConcatenateLayers;

/// <summary>Dense(12) viewed as (3, 4), then flat again: the views must pass the gradient through unchanged.</summary>
[Network]
[Input(6)]
[Dense(12, Activation.Tanh)]
[Reshape(3, 4)]
[Flatten]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgReshape;

/// <summary>Reshape with an inferred dimension (2, −1) = (2, 6), then Flatten and a softmax classifier.</summary>
[Network]
[Input(6)]
[Dense(12, Activation.Tanh)]
[Reshape(2, -1)]
[Flatten]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GgReshapeInferred;

// ---- Fan-out: a tensor read by several layers, its gradient the sum of their contributions ----

/// <summary>h read by two Dense layers whose outputs are added.</summary>
[Network]
[Input("x", 4)]
[Dense(6, Activation.Tanh, Name = "h")]
[Dense(5, Activation.Tanh, Name = "p")]
[Dense(5, Activation.Tanh, From = "h", Name = "q")]
[Add("p", "q")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgFanOut;

/// <summary>h read by three Dense layers whose outputs are multiplied: three contributions to h's gradient.</summary>
[Network]
[Input("x", 4)]
[Dense(6, Activation.Tanh, Name = "h")]
[Dense(5, Activation.Tanh, Name = "p")]
[Dense(5, Activation.Tanh, From = "h", Name = "q")]
[Dense(5, Activation.Tanh, From = "h", Name = "r")]
[Multiply("p", "q", "r")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgFanOut3;

/// <summary>A residual block: stem + f(stem), then tanh (the layout of the ResidualMlp snapshot, small).</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "stem")]
[Dense(5, Activation.Tanh)]
[Dense(5)]
[Add("stem", "dense_1")]
[Activation(Activation.Tanh)]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgResidual;

/// <summary>Two residual blocks in a row, the second reading the first's output: fan-outs in series.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "stem")]
[Dense(5, Activation.Tanh)]
[Add("stem", "dense")]
[Dense(5, Activation.Tanh)]
[Add("add", "dense_1")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Adam)]
public partial class GgResidualTwice;

/// <summary>The same tensor twice in one Add: 2·dense, so dense's gradient is twice dy.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh)]
[Add("dense", "dense")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgAddSelf;

/// <summary>The same tensor twice in one Multiply: dense², so dense's gradient is 2·dense·dy.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh)]
[Multiply("dense", "dense")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMultiplySelf;

/// <summary>The same tensor twice in one Maximum: always a tie, so dense gets dy once (not twice, not zero).</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh)]
[Maximum("dense", "dense")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMaximumSelf;

/// <summary>dense − dense = 0: dense's contributions cancel, so its gradient is exactly zero (a lost minus sign gives 2·dy).</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh)]
[Subtract("dense", "dense")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgSubtractSelf;

/// <summary>The same tensor twice in an Average with a third: (2·a + b) / 3.</summary>
[Network]
[Input("x", 4)]
[Dense(5, Activation.Tanh, Name = "a")]
[Dense(5, Activation.Tanh, From = "x", Name = "b")]
[Average("a", "b", "a")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgAverageRepeated;

// ---- Merges that read a network input directly ----

/// <summary>x + f(x): a residual around the input itself; the input needs no gradient.</summary>
[Network]
[Input("x", 4)]
[Dense(4, Activation.Tanh)]
[Add("x", "dense")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgAddInput;

/// <summary>f(x) ⊙ x, the input second: dense's gradient is x·dy.</summary>
[Network]
[Input("x", 4)]
[Dense(4, Activation.Tanh)]
[Multiply("dense", "x")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMultiplyInput;

/// <summary>max(x, f(x)): dense gets dy only where it is larger than the input (an earlier input that takes ties).</summary>
[Network]
[Input("x", 4)]
[Dense(4)]
[Maximum("x", "dense")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMaximumInput;

/// <summary>x − f(x), the layer second: its gradient is −dy.</summary>
[Network]
[Input("x", 4)]
[Dense(4, Activation.Tanh)]
[Subtract("x", "dense")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgSubtractInput;

// ---- Several inputs ----

/// <summary>Two inputs, each through its own Dense layer, then concatenated.</summary>
[Network]
[Input("u", 3)]
[Input("v", 5)]
[Dense(4, Activation.Tanh, From = "u", Name = "pu")]
[Dense(4, Activation.Tanh, From = "v", Name = "pv")]
[Concatenate("pu", "pv")]
[Dense(2)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgTwoTowers;

/// <summary>Two inputs, each through its own Dense layer, multiplied: each tower's gradient depends on the other.</summary>
[Network]
[Input("u", 3)]
[Input("v", 5)]
[Dense(4, Activation.Tanh, From = "u", Name = "pu")]
[Dense(4, Activation.Tanh, From = "v", Name = "pv")]
[Multiply("pu", "pv")]
[Dense(3, Activation.Softmax)]
[Compile(Loss.SparseCategoricalCrossentropy, Optimizer.Sgd)]
public partial class GgTwoTowersMultiply;

// ---- Activation and Dropout layers in a branch ----

/// <summary>
/// h (linear) read by an Activation layer and by a Dense layer: the Activation must not transform h in place, since
/// the other branch reads h's pre-activation values (forward) and adds its own gradient to h's (backward).
/// </summary>
[Network]
[Input("x", 4)]
[Dense(5, Name = "h")]
[Activation(Activation.Tanh)]
[Dense(5, Activation.Tanh, From = "h", Name = "side")]
[Add("activation", "side")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgActivationBranch;

/// <summary>h read by a Dropout branch and a plain branch, added. <see cref="GgDropoutBranchFixedMask"/> fixes the mask.</summary>
[Network]
[Input("x", 6)]
[Dense(8, Activation.Tanh, Name = "h")]
[Dropout(0.5)]
[Dense(4, Activation.Tanh, Name = "main")]
[Dense(4, Activation.Tanh, From = "h", Name = "skip")]
[Add("main", "skip")]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgDropoutBranch;

/// <summary><see cref="GgDropoutBranch"/> with a fixed mask (every third value dropped), so the loss is a function of the weights.</summary>
public sealed class GgDropoutBranchFixedMask : GgDropoutBranch
{
    public int MaskDraws { get; private set; }

    protected override void DrawDropoutMask(int layerIndex, Span<float> mask, float rate)
    {
        MaskDraws++;
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = i % 3 == 1 ? 0f : keep;
    }
}

// ---- Maximum's ties ----

/// <summary>
/// Three Dense layers of the same input into a Maximum, for the tie test: with equal weights two layers produce
/// exactly equal outputs, and Keras's pairwise max(max(p, q), r) gives the gradient to the earlier one.
/// </summary>
[Network]
[Input("x", 2)]
[Dense(2, Name = "p")]
[Dense(2, From = "x", Name = "q")]
[Dense(2, From = "x", Name = "r")]
[Maximum("p", "q", "r")]
[Dense(1, Name = "out")]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMaximumTies;

/// <summary>The same with Minimum: ties go to the earlier input as well.</summary>
[Network]
[Input("x", 2)]
[Dense(2, Name = "p")]
[Dense(2, From = "x", Name = "q")]
[Dense(2, From = "x", Name = "r")]
[Minimum("p", "q", "r")]
[Dense(1, Name = "out")]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class GgMinimumTies;
