using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Tests.Generator.Fuzzing;

/// <summary>
/// Writes random network declarations from a seed: random layer sequences (every layer kind), argument values inside,
/// at and past every limit, random and hostile names, every type kind, and attributes in odd places (an [Input] after a
/// layer, [Compile] first, a second [Input], From and Outputs naming nothing). The same seed gives the same text.
/// </summary>
internal sealed class DeclarationFuzzer
{
    private readonly Random _random;

    public DeclarationFuzzer(int seed) => _random = new Random(seed);

    /// <summary>Sizes at and past the limits: zero, negative, int's edges, NetGen's limit, and products that wrap in 32 bits.</summary>
    private static readonly int[] s_edgeSizes = [0, -1, 1, 2, 65536, 65537, 46341, 536870911, 536870912, int.MaxValue, int.MinValue, 1 << 20, 100000];

    private static readonly string[] s_names =
        ["a", "b", "h", "dense", "dense_1", "input", "x/y", "a\\nb", "\\t", "\\\"q\\\"", "\\\\", "*/", "/*", "ü", "", " ", "{0}", "<b>", "a\\u0000b", "--", "#if"];

    private static readonly string[] s_activations = ["Linear", "Relu", "Sigmoid", "Tanh", "Softmax", "Selu", "Elu", "LeakyRelu", "Gelu", "GeluApproximate", "Swish", "Softplus", "(Activation)42"];

    private static readonly string[] s_losses = ["SparseCategoricalCrossentropy", "CategoricalCrossentropy", "BinaryCrossentropy", "MeanSquaredError", "MeanAbsoluteError", "Huber"];

    private static readonly string[] s_optimizers = ["Sgd", "Adam", "Adagrad", "RmsProp", "Adadelta", "AdamW", "Nadam"];

    /// <summary>Whether the declaration carries a usage of the generated constructor (class and record kinds).</summary>
    public bool LastHasUsage { get; private set; }

    /// <summary>One declaration of the type <paramref name="name"/>, with a usage of it when it is a class.</summary>
    public string Next(string name) => Chance(0.3) ? Tame(name) : Wild(name);

    /// <summary>
    /// A declaration meant to build: layers chosen to fit the shape they receive, small sizes, valid options, so that
    /// the emitted code of every layer kind and many combinations is compiled (the wild declarations mostly exercise
    /// the diagnostics). A few of them still fail a shape rule, which is fine.
    /// </summary>
    private string Tame(string name)
    {
        int rank = _random.Next(1, 4);
        var dims = new List<int>();
        for (int i = 0; i < rank; i++) dims.Add(_random.Next(rank == 1 ? 1 : 4, 13));
        var attributes = new List<string> { "[Network]", $"[Input({string.Join(", ", dims)})]" };
        string Act() => "Activation." + Pick(s_activations[..^1]);
        string RecurrentAct() => "Activation." + Pick(["Tanh", "Sigmoid", "Relu", "Linear", "Elu", "Selu", "LeakyRelu", "Softplus"]);
        int layers = _random.Next(1, 6);
        for (int l = 0; l < layers; l++)
        {
            string layer;
            switch (rank)
            {
                case 1:
                    layer = _random.Next(6) switch
                    {
                        0 => $"[Dropout(0.{_random.Next(0, 9)})]",
                        1 => $"[Activation({Act()})]",
                        2 => "[BatchNormalization]",
                        3 => "[LeakyReLU(Alpha = 0.2)]",
                        _ => $"[Dense({_random.Next(1, 17)}, {Act()})]",
                    };
                    break;
                case 2:
                    int units = _random.Next(1, 9);
                    layer = _random.Next(8) switch
                    {
                        0 => $"[Conv1D({_random.Next(1, 9)}, {_random.Next(1, 4)}, {Act()}, Padding = Padding.Same{(Chance(0.3) ? ", Strides = 2" : "")})]",
                        1 => $"[{Pick(["MaxPooling1D", "AveragePooling1D"])}(2, Padding = Padding.Same)]",
                        2 => $"[ZeroPadding1D({_random.Next(0, 3)}, {_random.Next(0, 3)})]",
                        3 => $"[SpatialDropout1D(0.25)]",
                        4 => $"[{Pick(["LSTM", "GRU", "SimpleRNN"])}({units}, Activation = {RecurrentAct()}, ReturnSequences = true)]",
                        5 => $"[{Pick(["GlobalMaxPooling1D", "GlobalAveragePooling1D"])}]",
                        6 => $"[{Pick(["LSTM", "GRU", "SimpleRNN"])}({units})]",
                        _ => "[Flatten]",
                    };
                    break;
                default:
                    layer = _random.Next(6) switch
                    {
                        0 => $"[Conv2D({_random.Next(1, 9)}, {_random.Next(1, 4)}, {Act()}, Padding = Padding.Same{(Chance(0.3) ? ", DilationRate = 2" : "")})]",
                        1 => $"[{Pick(["MaxPooling2D", "AveragePooling2D"])}(2, Padding = Padding.Same)]",
                        2 => $"[ZeroPadding2D({_random.Next(0, 3)}, {_random.Next(0, 3)})]",
                        3 => "[SpatialDropout2D(0.25)]",
                        4 => $"[{Pick(["GlobalMaxPooling2D", "GlobalAveragePooling2D"])}]",
                        _ => "[Flatten]",
                    };
                    break;
            }
            attributes.Add(layer);
            // Track the rank the layer leaves.
            if (layer.StartsWith("[Flatten", StringComparison.Ordinal) || layer.StartsWith("[Global", StringComparison.Ordinal)
                || (layer.Contains("LSTM(", StringComparison.Ordinal) || layer.Contains("GRU(", StringComparison.Ordinal) || layer.Contains("SimpleRNN(", StringComparison.Ordinal)) && !layer.Contains("ReturnSequences", StringComparison.Ordinal))
                rank = 1;
        }
        if (rank > 1) attributes.Add("[Flatten]");
        attributes.Add($"[Dense({_random.Next(1, 6)}, {Act()})]");
        attributes.Add($"[Compile(Loss.MeanSquaredError, Optimizer.{Pick(s_optimizers)})]");
        LastHasUsage = true;
        return string.Join(" ", attributes) + " public partial class " + name + ";\n"
            + "file static class Use" + name + " { public static object Make() => new " + name + "(seed: 1); }\n";
    }

    private string Wild(string name)
    {
        var attributes = new List<string>();
        var names = new List<string>();
        bool graph = Chance(0.25);
        bool tokenIds = Chance(0.08);
        int inputCount = graph ? _random.Next(1, 4) : 1;
        for (int i = 0; i < inputCount; i++)
        {
            string dims = string.Join(", ", Enumerable.Range(0, _random.Next(Chance(0.03) ? 0 : 1, 4)).Select(_ => Size(small: 12).ToString(CultureInfo.InvariantCulture)));
            string type = tokenIds ? (dims.Length > 0 ? ", " : "") + "Type = InputType.TokenIds" : "";
            if (graph)
            {
                string inputName = Chance(0.1) ? Pick(s_names) : "in" + i;
                names.Add(inputName);
                attributes.Add($"[Input(\"{inputName}\"{(dims.Length > 0 ? ", " + dims : "")}{type})]");
            }
            else attributes.Add($"[Input({dims}{type})]");
        }
        int layers = _random.Next(0, 7);
        for (int l = 0; l < layers; l++)
        {
            string layer = Layer(names);
            attributes.Add(layer);
        }
        string compile = $"[Compile(Loss.{Pick(s_losses)}, Optimizer.{Pick(s_optimizers)}{CompileOptions()})]";
        if (!Chance(0.03)) attributes.Add(compile);

        // Attributes in odd places.
        if (Chance(0.05) && attributes.Count > 1) Swap(attributes, 0, _random.Next(attributes.Count));
        if (Chance(0.03)) attributes.Insert(_random.Next(attributes.Count + 1), $"[Input({Size(small: 8)})]");
        string network = Chance(0.1) && names.Count > 0
            ? $"[Network(Outputs = [{string.Join(", ", Enumerable.Range(0, _random.Next(0, 3)).Select(_ => "\"" + Pick(names.Concat(s_names).ToArray()) + "\""))}])]"
            : "[Network]";
        bool marked = !Chance(0.02);
        if (marked) attributes.Insert(0, network);

        var text = new StringBuilder();
        string kind = Kind();
        LastHasUsage = kind is "public partial class" or "public partial record" or "internal partial class";
        if (kind == "nested")
        {
            text.Append("public static class Outer").Append(name).Append(" { ").Append(string.Join(" ", attributes)).Append(" public partial class ").Append(name).Append("; }\n");
        }
        else if (kind == "split")
        {
            int cut = _random.Next(attributes.Count + 1);
            text.Append(string.Join(" ", attributes.Take(cut))).Append(" public partial class ").Append(name).Append(";\n");
            text.Append(string.Join(" ", attributes.Skip(cut))).Append(" public partial class ").Append(name).Append(";\n");
            LastHasUsage = true;
        }
        else
        {
            text.Append(string.Join(" ", attributes)).Append(' ').Append(kind).Append(' ').Append(name)
                .Append(kind.EndsWith("<T>", StringComparison.Ordinal) ? "" : "").Append(kind.Contains("struct", StringComparison.Ordinal) || kind.Contains("interface", StringComparison.Ordinal) || kind.Contains("enum", StringComparison.Ordinal) ? " { }\n" : ";\n");
        }
        // Without [Network] nothing is generated, and nothing should be: no usage then.
        LastHasUsage &= marked;
        if (LastHasUsage) text.Append("file static class Use").Append(name).Append(" { public static object Make() => new ").Append(name).Append("(seed: 1); }\n");
        return text.ToString();
    }

    private string Kind()
    {
        double p = _random.NextDouble();
        return p switch
        {
            < 0.86 => "public partial class",
            < 0.89 => "public partial record",
            < 0.905 => "internal partial class",
            < 0.92 => "public partial struct",
            < 0.93 => "public partial record struct",
            < 0.94 => "public partial interface",
            < 0.95 => "public class",
            < 0.96 => "public static partial class",
            < 0.97 => "public abstract partial class",
            < 0.98 => "nested",
            _ => "split",
        };
    }

    private string Layer(List<string> names)
    {
        string Act() => "Activation." + Pick(s_activations.Where(a => !a.StartsWith("(", StringComparison.Ordinal)).ToArray());
        string ActArg() => Pick(s_activations) is var a && a.StartsWith("(", StringComparison.Ordinal) ? a : "Activation." + a;
        string layer = _random.Next(24) switch
        {
            0 or 1 or 2 => $"Dense({Size(small: 16)}, {ActArg()}",
            3 => "Flatten(",
            4 => $"Reshape({string.Join(", ", Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Chance(0.2) ? "-1" : Size(small: 8).ToString(CultureInfo.InvariantCulture)))}",
            5 => $"Dropout({Rate()}",
            6 => $"Activation({ActArg()}",
            7 => $"LeakyReLU(Alpha = {Rate()}",
            8 => "BatchNormalization(",
            9 => $"Conv1D({Size(small: 8)}, {Size(small: 4)}, {ActArg()}{Window()}",
            10 => $"Conv2D({Size(small: 8)}, {Size(small: 4)}, {ActArg()}{Window()}",
            11 => Chance(0.5) ? $"MaxPooling1D({Size(small: 4)}{Pool()}" : $"AveragePooling1D({Size(small: 4)}{Pool()}",
            12 => Chance(0.5) ? $"MaxPooling2D({Size(small: 4)}{Pool()}" : $"AveragePooling2D({Size(small: 4)}, {Size(small: 4)}{Pool()}",
            13 => Pick(["GlobalMaxPooling1D(", "GlobalMaxPooling2D(", "GlobalAveragePooling1D(", "GlobalAveragePooling2D("]),
            14 => $"ZeroPadding1D({Size(small: 3)}, {Size(small: 3)}",
            15 => $"ZeroPadding2D({Size(small: 3)}, {Size(small: 3)}",
            16 => $"SpatialDropout{_random.Next(1, 3)}D({Rate()}",
            17 => $"Embedding({Size(small: 50)}, {Size(small: 8)}",
            18 => $"LSTM({Size(small: 8)}{(Chance(0.5) ? ", ReturnSequences = true" : "")}",
            19 => $"GRU({Size(small: 8)}{(Chance(0.5) ? ", ReturnSequences = true" : "")}",
            20 => $"SimpleRNN({Size(small: 8)}, Activation = {Act()}",
            _ => names.Count > 0
                ? $"{Pick(["Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"])}({string.Join(", ", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => "\"" + Pick(names.Concat(s_names).ToArray()) + "\""))}"
                : $"Dense({Size(small: 16)}",
        };
        var named = new List<string>();
        if (Chance(0.25))
        {
            string layerName = Chance(0.5) ? "l" + names.Count : Pick(s_names);
            named.Add($"Name = \"{layerName}\"");
            names.Add(layerName);
        }
        if (names.Count > 0 && Chance(0.15)) named.Add($"From = \"{Pick(names.Concat(s_names).ToArray())}\"");
        bool hasArguments = !layer.EndsWith("(", StringComparison.Ordinal);
        string all = layer + (named.Count > 0 ? (hasArguments ? ", " : "") + string.Join(", ", named) : "") + ")";
        return "[" + (all.EndsWith("()", StringComparison.Ordinal) ? all[..^2] : all) + "]";
    }

    private string Window()
    {
        var options = new List<string>();
        if (Chance(0.3)) options.Add("Strides = " + Size(small: 3));
        if (Chance(0.2)) options.Add("DilationRate = " + Size(small: 3));
        if (Chance(0.4)) options.Add("Padding = Padding." + (Chance(0.5) ? "Same" : "Valid"));
        return options.Count > 0 ? ", " + string.Join(", ", options) : "";
    }

    private string Pool()
    {
        var options = new List<string>();
        if (Chance(0.3)) options.Add("Strides = " + Size(small: 3));
        if (Chance(0.4)) options.Add("Padding = Padding." + (Chance(0.5) ? "Same" : "Valid"));
        return options.Count > 0 ? ", " + string.Join(", ", options) : "";
    }

    private string CompileOptions()
    {
        var options = new List<string>();
        if (Chance(0.2)) options.Add("LearningRate = " + Pick(["1e-3", "0", "-1", "double.NaN", "double.PositiveInfinity", "1e300"]));
        if (Chance(0.1)) options.Add("FromLogits = true");
        if (Chance(0.2)) options.Add("Metrics = [Metric.Accuracy]");
        return options.Count > 0 ? ", " + string.Join(", ", options) : "";
    }

    /// <summary>A size: usually 1..<paramref name="small"/>, sometimes an edge value.</summary>
    private int Size(int small) => Chance(0.12) ? Pick(s_edgeSizes) : _random.Next(1, small + 1);

    private string Rate() => Pick(["0", "0.2", "0.5", "1.0", "-0.1", "double.NaN", "2"]);

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private static void Swap(List<string> list, int i, int j) => (list[i], list[j]) = (list[j], list[i]);
}
