using System;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Model.Summary for networks declared as graphs, against tf.keras 2.15's <c>print_summary</c>
/// (<c>tf_keras/utils/layer_utils.py</c>) and the layer order of <c>functional._map_graph_network</c>: a functional
/// model prints 98 columns with stops int(98·[.30, .60, .70, 1]) = 29/58/68/98 and a "Connected to" column listing
/// <c>name[node][tensor]</c> as Python prints a list of strings, broken after each <c>',</c>; its InputLayers are rows
/// (shape <c>[(None, 5)]</c>, 0 params, <c>[]</c>), and <c>model.layers</c> runs by decreasing depth (longest path to
/// the output), ties in the order a depth-first walk from the output meets them. A chain from one input is
/// "sequential-like": Keras prints it in 65 columns without connections, its InputLayer row included.
/// </summary>
public sealed class GraphSummaryTests
{
    private static readonly string Rule98 = new('_', 98), Double98 = new('=', 98), Blank98 = new(' ', 98);
    private static readonly string Rule65 = new('_', 65), Double65 = new('=', 65), Blank65 = new(' ', 65);

    /// <summary>The wide &amp; deep network of Tests/Reference/wide_deep.json (Keras's functional API).</summary>
    private static DescribedNet WideDeep() => new(DescribedNet.Graph(
        "wide_deep",
        [new InputInfo("wide", [5]), new InputInfo("deep", [6])],
        [
            new LayerInfo("dense", "Dense", "(None, 8)", 56, ["deep"]),
            new LayerInfo("dense_1", "Dense", "(None, 4)", 36, ["dense"]),
            new LayerInfo("concatenate", "Concatenate", "(None, 9)", 0, ["wide", "dense_1"]),
            new LayerInfo("dense_2", "Dense", "(None, 1)", 10, ["concatenate"]),
        ],
        [("dense/kernel", [6, 8]), ("dense/bias", [8]), ("dense_1/kernel", [8, 4]), ("dense_1/bias", [4]),
         ("dense_2/kernel", [9, 1]), ("dense_2/bias", [1])]));

    /// <summary>
    /// Depths from the output dense_2 (0): concatenate 1, wide and dense_1 2, dense 3, deep 4; the walk from dense_2 meets
    /// concatenate, wide, dense_1, dense, deep, so at depth 2 wide comes before dense_1. The Concatenate's two
    /// connections print on two rows, the second one column right of the bracket.
    /// </summary>
    [Fact]
    public void WideAndDeep_IsKerasFunctionalTable()
    {
        string[] expected =
        [
            "Model: \"wide_deep\"",
            Rule98,
            Pad(" Layer (type)                Output Shape                 Param #   Connected to", 98),
            Double98,
            Pad(" deep (InputLayer)           [(None, 6)]                  0         []", 98),
            Blank98,
            Pad(" dense (Dense)               (None, 8)                    56        ['deep[0][0]']", 98),
            Blank98,
            Pad(" wide (InputLayer)           [(None, 5)]                  0         []", 98),
            Blank98,
            Pad(" dense_1 (Dense)             (None, 4)                    36        ['dense[0][0]']", 98),
            Blank98,
            Pad(" concatenate (Concatenate)   (None, 9)                    0         ['wide[0][0]',", 98),
            Pad("                                                                     'dense_1[0][0]']", 98),
            Blank98,
            Pad(" dense_2 (Dense)             (None, 1)                    10        ['concatenate[0][0]']", 98),
            Blank98,
            Double98,
            "Total params: 102 (408.00 Byte)",
            "Trainable params: 102 (408.00 Byte)",
            "Non-trainable params: 0 (0.00 Byte)",
            Rule98,
        ];

        AssertLines(expected, WideDeep().GetSummary());
    }

    /// <summary>x reaches add directly (depth 2) and through dense (depth 3): it takes the larger depth and comes first.</summary>
    [Fact]
    public void Residual_OneInputWithAMerge_IsFunctional()
    {
        var model = new DescribedNet(DescribedNet.Graph(
            "residual",
            [new InputInfo("x", [4])],
            [
                new LayerInfo("dense", "Dense", "(None, 4)", 20, ["x"]),
                new LayerInfo("add", "Add", "(None, 4)", 0, ["x", "dense"]),
                new LayerInfo("dense_1", "Dense", "(None, 1)", 5, ["add"]),
            ],
            [("dense/kernel", [4, 4]), ("dense/bias", [4]), ("dense_1/kernel", [4, 1]), ("dense_1/bias", [1])]));
        string[] expected =
        [
            "Model: \"residual\"",
            Rule98,
            Pad(" Layer (type)                Output Shape                 Param #   Connected to", 98),
            Double98,
            Pad(" x (InputLayer)              [(None, 4)]                  0         []", 98),
            Blank98,
            Pad(" dense (Dense)               (None, 4)                    20        ['x[0][0]']", 98),
            Blank98,
            Pad(" add (Add)                   (None, 4)                    0         ['x[0][0]',", 98),
            Pad("                                                                     'dense[0][0]']", 98),
            Blank98,
            Pad(" dense_1 (Dense)             (None, 1)                    5         ['add[0][0]']", 98),
            Blank98,
            Double98,
            "Total params: 25 (100.00 Byte)",
            "Trainable params: 25 (100.00 Byte)",
            "Non-trainable params: 0 (0.00 Byte)",
            Rule98,
        ];

        AssertLines(expected, model.GetSummary());
    }

    /// <summary>A chain from one named input: every depth holds one node, so Keras prints the 65-column table, InputLayer first.</summary>
    [Fact]
    public void ChainFromOneNamedInput_IsSequentialLikeWithTheInputRow()
    {
        var model = new DescribedNet(DescribedNet.Graph(
            "chain",
            [new InputInfo("x", [4])],
            [
                new LayerInfo("dense", "Dense", "(None, 3)", 15, ["x"]),
                new LayerInfo("dense_1", "Dense", "(None, 2)", 8, ["dense"]),
            ],
            [("dense/kernel", [4, 3]), ("dense/bias", [3]), ("dense_1/kernel", [3, 2]), ("dense_1/bias", [2])]));
        string[] expected =
        [
            "Model: \"chain\"",
            Rule65,
            Pad(" Layer (type)                Output Shape              Param #", 65),
            Double65,
            Pad(" x (InputLayer)              [(None, 4)]               0", 65),
            Blank65,
            Pad(" dense (Dense)               (None, 3)                 15", 65),
            Blank65,
            Pad(" dense_1 (Dense)             (None, 2)                 8", 65),
            Blank65,
            Double65,
            "Total params: 23 (92.00 Byte)",
            "Trainable params: 23 (92.00 Byte)",
            "Non-trainable params: 0 (0.00 Byte)",
            Rule65,
        ];

        AssertLines(expected, model.GetSummary());
    }

    /// <summary>The same wiring without IsGraph is a sequential network: the existing table, no InputLayer row.</summary>
    [Fact]
    public void SameLayersNotDeclaredAsGraph_KeepTheSequentialTable()
    {
        var model = new DescribedNet(DescribedNet.Graph(
            "plain",
            [new InputInfo("input", [4])],
            [new LayerInfo("dense", "Dense", "(None, 3)", 15), new LayerInfo("dense_1", "Dense", "(None, 2)", 8)],
            [("dense/kernel", [4, 3]), ("dense/bias", [3]), ("dense_1/kernel", [3, 2]), ("dense_1/bias", [2])],
            isGraph: false));

        string[] lines = model.GetSummary().Split('\n');

        Assert.Equal(Pad(" dense (Dense)               (None, 3)                 15", 65), lines[4]);
        Assert.DoesNotContain("InputLayer", model.GetSummary());
    }

    /// <summary>An image input prints its whole shape; a layer name with a quote prints as Python's repr does.</summary>
    [Fact]
    public void InputShapeOfRankTwo_AndQuotedNames_PrintLikePython()
    {
        var model = new DescribedNet(DescribedNet.Graph(
            "quoted",
            [new InputInfo("img", [28, 28]), new InputInfo("it's", [2])],
            [
                new LayerInfo("flatten", "Flatten", "(None, 784)", 0, ["img"]),
                new LayerInfo("concatenate", "Concatenate", "(None, 786)", 0, ["flatten", "it's"]),
            ],
            []));

        string summary = model.GetSummary();

        Assert.Contains(" img (InputLayer)            [(None, 28, 28)]             0         []", summary);
        Assert.Contains("\"it's[0][0]\"]", summary);
    }

    private static string Pad(string line, int width) => line.PadRight(width);

    private static void AssertLines(string[] expected, string actual)
    {
        Assert.EndsWith("\n", actual);
        string[] lines = actual[..^1].Split('\n');
        for (int i = 0; i < Math.Min(expected.Length, lines.Length); i++)
            Assert.True(expected[i] == lines[i], $"line {i}:\nexpected [{expected[i]}]\nfound    [{lines[i]}]\nwhole table:\n{actual}");
        Assert.Equal(expected.Length, lines.Length);
    }
}
