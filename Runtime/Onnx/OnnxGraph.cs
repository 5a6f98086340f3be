using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace NetGen.Onnx;

/// <summary>
/// Builds the ONNX graph of a model, layer by layer, from calls the source generator emits (it knows the architecture;
/// nothing is discovered by reflection). Tensors are named after Keras: an input or a layer's output by its name, a
/// weight by its Keras name (<c>dense/kernel</c>), in Keras's layout, channels last; layers that ONNX defines channels
/// first (Conv, pooling) are wrapped in Transposes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OnnxGraph
{
    private readonly Model _model;
    private readonly List<ProtobufWriter> _nodes = [];
    private readonly List<ProtobufWriter> _initializers = [];
    private readonly HashSet<string> _initializerNames = new(StringComparer.Ordinal);
    private int _nodeCount;

    internal OnnxGraph(Model model) => _model = model;

    internal IReadOnlyList<ProtobufWriter> Nodes => _nodes;

    internal IReadOnlyList<ProtobufWriter> Initializers => _initializers;

    /// <summary>A layer ONNX export does not cover: throws <see cref="NotSupportedException"/> naming it.</summary>
    public void NotSupported(string layer, string kerasType, string why) =>
        throw new NotSupportedException($"{_model.Description.Name} cannot be exported to ONNX: layer '{layer}' ({kerasType}) {why}.");

    /// <summary>Keras's <c>Dense</c>: MatMul by the (in, out) kernel, Add the bias, then the activation.</summary>
    public void Dense(string name, string input, string kernel, string? bias, Activation activation)
    {
        string product = activation == NetGen.Activation.Linear && bias is null ? name : name + "/MatMul";
        Node("MatMul", [input, Weight(kernel)], product);
        string preActivation = product;
        if (bias is not null)
        {
            preActivation = activation == NetGen.Activation.Linear ? name : name + "/BiasAdd";
            Node("Add", [product, Weight(bias)], preActivation);
        }
        if (activation != NetGen.Activation.Linear) Activation(name, preActivation, activation);
    }

    /// <summary>An activation (Keras's <c>Activation</c> layer, or a layer's <c>activation</c>) from <paramref name="input"/> into <paramref name="name"/>.</summary>
    public void Activation(string name, string input, Activation activation)
    {
        switch (activation)
        {
            case NetGen.Activation.Linear: Node("Identity", [input], name); break;
            case NetGen.Activation.Relu: Node("Relu", [input], name); break;
            case NetGen.Activation.Sigmoid: Node("Sigmoid", [input], name); break;
            case NetGen.Activation.Tanh: Node("Tanh", [input], name); break;
            case NetGen.Activation.Softmax: Node("Softmax", [input], name, OnnxProto.IntAttribute("axis", -1)); break;
            case NetGen.Activation.Selu: Node("Selu", [input], name); break; // ONNX's default α, γ are Keras's
            case NetGen.Activation.Elu: Node("Elu", [input], name); break;
            case NetGen.Activation.Softplus: Node("Softplus", [input], name); break;
            case NetGen.Activation.LeakyRelu:
                Node("LeakyRelu", [input], name, OnnxProto.FloatAttribute("alpha", Kernels.Activations.LeakyReluActivationSlope));
                break;
            case NetGen.Activation.Swish:
                Node("Sigmoid", [input], name + "/sigmoid");
                Node("Mul", [input, name + "/sigmoid"], name);
                break;
            case NetGen.Activation.Gelu:
                // 0.5·x·(1 + erf(x/√2)); Gelu is an operator only from opset 20.
                Node("Mul", [input, Constant(name + "/rsqrt2", 0.70710678118654752f)], name + "/scaled");
                Node("Erf", [name + "/scaled"], name + "/erf");
                Node("Add", [name + "/erf", Constant(name + "/one", 1f)], name + "/one_plus");
                Node("Mul", [input, name + "/one_plus"], name + "/x_one_plus");
                Node("Mul", [name + "/x_one_plus", Constant(name + "/half", 0.5f)], name);
                break;
            case NetGen.Activation.GeluApproximate:
                // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
                Node("Mul", [input, input], name + "/x2");
                Node("Mul", [name + "/x2", input], name + "/x3");
                Node("Mul", [name + "/x3", Constant(name + "/c", 0.044715f)], name + "/cx3");
                Node("Add", [input, name + "/cx3"], name + "/inner");
                Node("Mul", [name + "/inner", Constant(name + "/sqrt_2_over_pi", 0.7978845608028654f)], name + "/scaled");
                Node("Tanh", [name + "/scaled"], name + "/tanh");
                Node("Add", [name + "/tanh", Constant(name + "/one", 1f)], name + "/one_plus");
                Node("Mul", [input, name + "/one_plus"], name + "/x_one_plus");
                Node("Mul", [name + "/x_one_plus", Constant(name + "/half", 0.5f)], name);
                break;
            default:
                throw new NotSupportedException($"{_model.Description.Name} cannot be exported to ONNX: layer '{name}' uses the activation {activation}, which the exporter does not know.");
        }
    }

    /// <summary>Keras's <c>LeakyReLU</c> layer.</summary>
    public void LeakyRelu(string name, string input, float alpha) =>
        Node("LeakyRelu", [input], name, OnnxProto.FloatAttribute("alpha", alpha));

    /// <summary>A layer that is the identity at inference (Dropout, SpatialDropout).</summary>
    public void Identity(string name, string input) => Node("Identity", [input], name);

    /// <summary>Keras's <c>Flatten</c> and <c>Reshape</c>: the sample shape becomes <paramref name="shape"/>.</summary>
    public void Reshape(string name, string input, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var target = new long[shape.Length + 1];
        target[0] = -1;
        for (int i = 0; i < shape.Length; i++) target[i + 1] = shape[i];
        Node("Reshape", [input, Int64Constant(name + "/shape", target)], name);
    }

    /// <summary>Keras's <c>BatchNormalization</c> at inference, over the last axis: (x − mean)/√(var + ε)·γ + β.</summary>
    public void BatchNormalization(string name, string input, string? gamma, string? beta, string movingMean, string movingVariance, float epsilon)
    {
        Node("Sub", [input, Weight(movingMean)], name + "/centered");
        Node("Add", [Weight(movingVariance), Constant(name + "/epsilon", epsilon)], name + "/variance_epsilon");
        Node("Sqrt", [name + "/variance_epsilon"], name + "/stddev");
        string normalized = gamma is null && beta is null ? name : name + "/normalized";
        Node("Div", [name + "/centered", name + "/stddev"], normalized);
        string scaled = normalized;
        if (gamma is not null)
        {
            scaled = beta is null ? name : name + "/scaled";
            Node("Mul", [normalized, Weight(gamma)], scaled);
        }
        if (beta is not null) Node("Add", [scaled, Weight(beta)], name);
    }

    /// <summary>A Keras merge layer: <paramref name="kind"/> is its Keras class name (Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate).</summary>
    public void Merge(string name, string kind, string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        switch (kind)
        {
            case "Concatenate": Node("Concat", inputs, name, OnnxProto.IntAttribute("axis", -1)); break;
            case "Add": Node("Sum", inputs, name); break;
            case "Maximum": Node("Max", inputs, name); break;
            case "Minimum": Node("Min", inputs, name); break;
            case "Subtract": Node("Sub", inputs, name); break;
            case "Average":
                Node("Sum", inputs, name + "/sum");
                Node("Div", [name + "/sum", Constant(name + "/count", inputs.Length)], name);
                break;
            case "Multiply":
                string product = inputs[0];
                for (int k = 1; k < inputs.Length; k++)
                {
                    string next = k == inputs.Length - 1 ? name : $"{name}/product_{k}";
                    Node("Mul", [product, inputs[k]], next);
                    product = next;
                }
                break;
            default:
                NotSupported(name, kind, "is a merge the exporter does not know");
                break;
        }
    }

    /// <summary>
    /// Keras's <c>Conv1D</c> (<paramref name="rank"/> 1, kernel (k, in, out)) or <c>Conv2D</c> (kernel (kh, kw, in, out)),
    /// channels last, with explicit paddings (Keras's "same" puts the odd one after), then the activation.
    /// </summary>
    public void Convolution(string name, string input, int rank, string kernel, string? bias, int[] kernelShape, int strides, int dilationRate,
        int[] pads, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(kernelShape);
        ArgumentNullException.ThrowIfNull(pads);
        string channelsFirst = ToChannelsFirst(name, input, rank);
        // Keras's (k..., in, out) kernel becomes ONNX's (out, in, k...).
        long[] kernelPermutation = rank == 1 ? [2, 1, 0] : [3, 2, 0, 1];
        Node("Transpose", [Weight(kernel)], name + "/kernel_oik", OnnxProto.IntsAttribute("perm", kernelPermutation));
        var convInputs = bias is null ? new[] { channelsFirst, name + "/kernel_oik" } : [channelsFirst, name + "/kernel_oik", Weight(bias)];
        Node("Conv", convInputs, name + "/conv",
            OnnxProto.IntsAttribute("kernel_shape", Longs(kernelShape)),
            OnnxProto.IntsAttribute("strides", Repeat(strides, rank)),
            OnnxProto.IntsAttribute("dilations", Repeat(dilationRate, rank)),
            OnnxProto.IntsAttribute("pads", Longs(pads)));
        string output = activation == NetGen.Activation.Linear ? name : name + "/linear";
        ToChannelsLast(name + "/conv", output, rank);
        if (activation != NetGen.Activation.Linear) Activation(name, output, activation);
    }

    /// <summary>
    /// Keras's windowed pooling (MaxPooling1D/2D, AveragePooling1D/2D; "same" averages exclude the padding, as in
    /// TensorFlow), channels last.
    /// </summary>
    public void Pooling(string name, string input, bool max, int rank, int[] poolShape, int[] strides, int[] pads)
    {
        ArgumentNullException.ThrowIfNull(poolShape);
        ArgumentNullException.ThrowIfNull(strides);
        ArgumentNullException.ThrowIfNull(pads);
        string channelsFirst = ToChannelsFirst(name, input, rank);
        Node(max ? "MaxPool" : "AveragePool", [channelsFirst], name + "/pool",
            OnnxProto.IntsAttribute("kernel_shape", Longs(poolShape)),
            OnnxProto.IntsAttribute("strides", Longs(strides)),
            OnnxProto.IntsAttribute("pads", Longs(pads)));
        ToChannelsLast(name + "/pool", name, rank);
    }

    /// <summary>Keras's global pooling: the maximum or mean over the spatial axes (1, or 1 and 2), channels last.</summary>
    public void GlobalPooling(string name, string input, bool max, int rank) =>
        Node(max ? "ReduceMax" : "ReduceMean", [input], name,
            OnnxProto.IntsAttribute("axes", rank == 1 ? [1L] : [1L, 2L]), OnnxProto.IntAttribute("keepdims", 0));

    /// <summary>Keras's <c>ZeroPadding1D/2D</c>: zeros before and after the spatial axes (rank 1: left, right).</summary>
    public void ZeroPadding(string name, string input, int rank, int top, int bottom, int left, int right)
    {
        long[] pads = rank == 1 ? [0, left, 0, 0, right, 0] : [0, top, left, 0, 0, bottom, right, 0];
        Node("Pad", [input, Int64Constant(name + "/pads", pads)], name);
    }

    /// <summary>Keras's <c>Embedding</c>: the ids (whole numbers in float inputs) gather rows of the (input_dim, output_dim) table.</summary>
    public void Embedding(string name, string input, string embeddings)
    {
        Node("Cast", [input], name + "/ids", OnnxProto.IntAttribute("to", OnnxProto.Int64));
        Node("Gather", [Weight(embeddings), name + "/ids"], name, OnnxProto.IntAttribute("axis", 0));
    }

    /// <summary>
    /// Keras's <c>LSTM</c>, <c>GRU</c> (reset_after=True: ONNX's linear_before_reset) or <c>SimpleRNN</c>
    /// (<paramref name="kind"/> is the Keras class name) over a (B, T, features) input. ONNX orders the LSTM's gates
    /// i, o, f, c where Keras has i, f, c, o, and wants kernels transposed: the graph reorders Keras's tensors.
    /// </summary>
    public void Recurrent(string name, string input, string kind, int units, string kernel, string recurrentKernel, string? bias,
        Activation activation, Activation recurrentActivation, bool returnSequences)
    {
        int gates = kind switch { "LSTM" => 4, "GRU" => 3, "SimpleRNN" => 1, _ => 0 };
        if (gates == 0) NotSupported(name, kind, "is a recurrent layer the exporter does not know");
        string w = GateMatrix(name + "/W", Weight(kernel), kind);
        string r = GateMatrix(name + "/R", Weight(recurrentKernel), kind);
        // ONNX Runtime runs only layout 0, time first: (B, T, F) becomes (T, B, F) and back.
        Node("Transpose", [input], name + "/time_major", OnnxProto.IntsAttribute("perm", [1L, 0L, 2L]));
        var inputs = new List<string> { name + "/time_major", w, r };
        if (bias is not null)
        {
            string b;
            if (kind == "GRU")
            {
                // Keras's (2, 3u) bias: input row, recurrent row; ONNX's B is the two rows side by side, (1, 6u).
                b = name + "/B";
                Node("Reshape", [Weight(bias), Int64Constant(name + "/B_shape", [1, 6L * units])], b);
            }
            else
            {
                string reordered = kind == "LSTM" ? ReorderLstmGates(name + "/bias_iofc", Weight(bias), 0) : Weight(bias);
                Node("Concat", [reordered, ZerosConstant(name + "/recurrent_bias", gates * units)], name + "/B_flat", OnnxProto.IntAttribute("axis", 0));
                b = name + "/B";
                Node("Unsqueeze", [name + "/B_flat", Int64Constant(name + "/B_axes", [0])], b);
            }
            inputs.Add(b);
        }
        string op = kind == "SimpleRNN" ? "RNN" : kind;
        var attributes = new List<ProtobufWriter> { OnnxProto.IntAttribute("hidden_size", units) };
        string[] activations = kind switch
        {
            "LSTM" => [OnnxActivation(name, recurrentActivation), OnnxActivation(name, activation), OnnxActivation(name, activation)],
            "GRU" => [OnnxActivation(name, recurrentActivation), OnnxActivation(name, activation)],
            _ => [OnnxActivation(name, activation)],
        };
        attributes.Add(OnnxProto.StringsAttribute("activations", activations));
        if (kind == "GRU") attributes.Add(OnnxProto.IntAttribute("linear_before_reset", 1));
        // Outputs Y (T, 1, B, u) and Y_h (1, B, u).
        Node(op, inputs.ToArray(), [name + "/Y", name + "/Y_h"], attributes.ToArray());
        if (returnSequences)
        {
            Node("Squeeze", [name + "/Y", Int64Constant(name + "/Y_axes", [1])], name + "/Y_time_major");
            Node("Transpose", [name + "/Y_time_major"], name, OnnxProto.IntsAttribute("perm", [1L, 0L, 2L]));
        }
        else Node("Squeeze", [name + "/Y_h", Int64Constant(name + "/Y_h_axes", [0])], name);
    }

    private string OnnxActivation(string layer, Activation activation) => activation switch
    {
        NetGen.Activation.Tanh => "Tanh",
        NetGen.Activation.Sigmoid => "Sigmoid",
        NetGen.Activation.Relu => "Relu",
        _ => throw new NotSupportedException($"{_model.Description.Name} cannot be exported to ONNX: layer '{layer}' uses the activation {activation}, which ONNX's recurrent operators do not take."),
    };

    /// <summary>Keras's (in, gates·u) kernel as ONNX's (1, gates·u, in), LSTM gates reordered to i, o, f, c.</summary>
    private string GateMatrix(string name, string kerasKernel, string kind)
    {
        string ordered = kind == "LSTM" ? ReorderLstmGates(name + "/iofc", kerasKernel, 1) : kerasKernel;
        Node("Transpose", [ordered], name + "/transposed", OnnxProto.IntsAttribute("perm", [1L, 0L]));
        Node("Unsqueeze", [name + "/transposed", Int64Constant(name + "/axes", [0])], name);
        return name;
    }

    private string ReorderLstmGates(string name, string tensor, int axis)
    {
        string[] parts = [name + "/i", name + "/f", name + "/c", name + "/o"];
        Node("Split", [tensor], parts, OnnxProto.IntAttribute("axis", axis));
        Node("Concat", [parts[0], parts[3], parts[1], parts[2]], name, OnnxProto.IntAttribute("axis", axis));
        return name;
    }

    private string ToChannelsFirst(string name, string input, int rank)
    {
        Node("Transpose", [input], name + "/channels_first", OnnxProto.IntsAttribute("perm", rank == 1 ? [0L, 2L, 1L] : [0L, 3L, 1L, 2L]));
        return name + "/channels_first";
    }

    private void ToChannelsLast(string input, string output, int rank) =>
        Node("Transpose", [input], output, OnnxProto.IntsAttribute("perm", rank == 1 ? [0L, 2L, 1L] : [0L, 2L, 3L, 1L]));

    /// <summary>The initializer of Keras weight <paramref name="kerasName"/>, with its Keras shape and the model's current values.</summary>
    private string Weight(string kerasName)
    {
        if (_initializerNames.Add(kerasName))
        {
            WeightInfo weight = _model.Description.GetWeight(kerasName);
            var dims = new long[weight.Shape.Length];
            for (int i = 0; i < dims.Length; i++) dims[i] = weight.Shape[i];
            _initializers.Add(OnnxProto.FloatTensor(kerasName, dims, _model.Parameters.Slice(weight.Offset, weight.Length)));
        }
        return kerasName;
    }

    private string Constant(string name, float value)
    {
        if (_initializerNames.Add(name)) _initializers.Add(OnnxProto.FloatTensor(name, [], [value]));
        return name;
    }

    private string ZerosConstant(string name, int length)
    {
        if (_initializerNames.Add(name)) _initializers.Add(OnnxProto.FloatTensor(name, [length], new float[length]));
        return name;
    }

    private string Int64Constant(string name, ReadOnlySpan<long> values)
    {
        if (_initializerNames.Add(name)) _initializers.Add(OnnxProto.Int64Tensor(name, values));
        return name;
    }

    private void Node(string opType, ReadOnlySpan<string> inputs, string output, params ReadOnlySpan<ProtobufWriter> attributes) =>
        Node(opType, inputs, [output], attributes);

    private void Node(string opType, ReadOnlySpan<string> inputs, ReadOnlySpan<string> outputs, params ReadOnlySpan<ProtobufWriter> attributes) =>
        _nodes.Add(OnnxProto.Node(opType, $"{opType}_{_nodeCount++}", inputs, outputs, attributes));

    private static long[] Longs(int[] values)
    {
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    private static long[] Repeat(int value, int count)
    {
        var result = new long[count];
        Array.Fill(result, value);
        return result;
    }
}
