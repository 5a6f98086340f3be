using System.Linq;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Text;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The Vector256, Vector128 and dispatching paths of every generated Dense kernel against its scalar Reference twin,
/// for output widths that hit every case of the column tiling (full 4-vector blocks, a remainder block of 1–3 vectors,
/// a scalar tail, and each alone), input widths 1, 7 and 784, and batches 1, 3, 13 (full row tiles and leftover rows), 32
/// and 201 (several cache blocks: the forward product's row blocks and blocks of 128 inputs, the weight gradient's batch
/// blocks, each continuing the sums the block before stored, also under a last column tile that overlaps the one before).
/// </summary>
/// <remarks>
/// Buffers are exact-length slices of larger arrays: outputs start as NaN (an element a kernel forgets to write
/// fails), inputs are followed by NaN (a read past the end poisons the result), and outputs by a canary (a write
/// past the end is caught).
/// </remarks>
public sealed class KernelParityTests
{
    private const float Canary = 12345.5f;
    private const int Padding = 40;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string shape in KernelShapes.All.Keys)
        {
            foreach (int batch in new[] { 1, 3, 13, 32, 201 }) data.Add(shape, batch);
        }
        return data;
    }

    /// <summary>The forward-only (transposed) kernel classes, whose Forward is the dx of a narrow layer.</summary>
    public static TheoryData<string, int> ForwardOnlyCases()
    {
        var data = new TheoryData<string, int>();
        foreach (string shape in KernelShapes.ForwardOnly.Keys)
        {
            foreach (int batch in new[] { 1, 3, 13, 32 }) data.Add(shape, batch);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ForwardOnlyCases))]
    public void ForwardOnly_VectorPathsMatchReference(string shape, int batch) => CheckForward(KernelShapes.ForwardOnly[shape], batch);

    [Fact]
    public void ForwardOnly_ClassesExistForTheNarrowLayers()
    {
        // ParityChain's 32 → 13, 13 → 10 ... layers take dx through the transposed shape; 784 → 128 does not.
        Assert.Contains("Dense_13x32_NoBias", KernelShapes.ForwardOnly.Keys);
        Assert.DoesNotContain("Dense_128x784_NoBias", KernelShapes.ForwardOnly.Keys);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_VectorPathsMatchReference(string shape, int batch) => CheckForward(KernelShapes.All[shape], batch);

    private static void CheckForward(DenseKernels k, int batch)
    {
        var random = new SeededRandom(batch * 1000 + k.In * 7 + k.Out);
        float[] x = Input(random, batch * k.In);
        float[] w = Input(random, k.In * k.Out);
        float[] bias = Input(random, k.Out);
        int n = batch * k.Out;

        float[] expected = Output(n);
        k.ForwardReference(expected.AsSpan(0, n), x.AsSpan(0, batch * k.In), w.AsSpan(0, k.In * k.Out), bias.AsSpan(0, k.Out), batch);
        AssertFinite(expected, n, $"{k.Name}.ForwardReference");

        var failures = new List<string>();
        foreach ((string path, bool run, ForwardKernel kernel) in new[]
        {
            ("Forward512", Vector512.IsHardwareAccelerated && k.Forward512 is not null, k.Forward512!),
            ("Forward256", Vector256.IsHardwareAccelerated, k.Forward256),
            ("Forward128", Vector128.IsHardwareAccelerated, k.Forward128),
            ("Forward", true, k.Forward),
        })
        {
            if (!run) continue; // the path is not what this machine runs; Forward below still checks the dispatch
            float[] actual = Output(n);
            kernel(actual.AsSpan(0, n), x.AsSpan(0, batch * k.In), w.AsSpan(0, k.In * k.Out), bias.AsSpan(0, k.Out), batch);
            Compare(failures, $"{k.Name}.{path}, batch {batch}", actual, expected, n, k.Out, reduction: k.In);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardInput_VectorPathsMatchReference(string shape, int batch)
    {
        DenseKernels k = KernelShapes.All[shape];
        var random = new SeededRandom(batch * 1000 + k.In * 7 + k.Out + 1);
        float[] dy = Input(random, batch * k.Out);
        float[] w = Input(random, k.In * k.Out);
        int n = batch * k.In;

        float[] expected = Output(n);
        k.BackwardInputReference(expected.AsSpan(0, n), dy.AsSpan(0, batch * k.Out), w.AsSpan(0, k.In * k.Out), batch);
        AssertFinite(expected, n, $"{k.Name}.BackwardInputReference");

        var failures = new List<string>();
        foreach ((string path, bool run, BackwardInputKernel kernel) in new[]
        {
            ("BackwardInput512", Vector512.IsHardwareAccelerated && k.BackwardInput512 is not null, k.BackwardInput512!),
            ("BackwardInput256", Vector256.IsHardwareAccelerated, k.BackwardInput256),
            ("BackwardInput128", Vector128.IsHardwareAccelerated, k.BackwardInput128),
            ("BackwardInput", true, k.BackwardInput),
        })
        {
            if (!run) continue;
            float[] actual = Output(n);
            kernel(actual.AsSpan(0, n), dy.AsSpan(0, batch * k.Out), w.AsSpan(0, k.In * k.Out), batch);
            Compare(failures, $"{k.Name}.{path}, batch {batch}", actual, expected, n, k.In, reduction: k.Out);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardWeights_VectorPathsMatchReference(string shape, int batch)
    {
        DenseKernels k = KernelShapes.All[shape];
        var random = new SeededRandom(batch * 1000 + k.In * 7 + k.Out + 2);
        float[] x = Input(random, batch * k.In);
        float[] dy = Input(random, batch * k.Out);
        int nw = k.In * k.Out, nb = k.UseBias ? k.Out : 0;

        float[] expectedW = Output(nw), expectedB = Output(nb);
        k.BackwardWeightsReference(expectedW.AsSpan(0, nw), expectedB.AsSpan(0, nb), x.AsSpan(0, batch * k.In), dy.AsSpan(0, batch * k.Out), batch);
        AssertFinite(expectedW, nw, $"{k.Name}.BackwardWeightsReference");
        AssertFinite(expectedB, nb, $"{k.Name}.BackwardWeightsReference (bias)");

        var failures = new List<string>();
        foreach ((string path, bool run, BackwardWeightsKernel kernel) in new[]
        {
            ("BackwardWeights512", Vector512.IsHardwareAccelerated && k.BackwardWeights512 is not null, k.BackwardWeights512!),
            ("BackwardWeights256", Vector256.IsHardwareAccelerated, k.BackwardWeights256),
            ("BackwardWeights128", Vector128.IsHardwareAccelerated, k.BackwardWeights128),
            ("BackwardWeights", true, k.BackwardWeights),
        })
        {
            if (!run) continue;
            float[] actualW = Output(nw), actualB = Output(nb);
            kernel(actualW.AsSpan(0, nw), actualB.AsSpan(0, nb), x.AsSpan(0, batch * k.In), dy.AsSpan(0, batch * k.Out), batch);
            Compare(failures, $"{k.Name}.{path} dW, batch {batch}", actualW, expectedW, nw, k.Out, reduction: batch);
            if (k.UseBias) Compare(failures, $"{k.Name}.{path} db, batch {batch}", actualB, expectedB, nb, k.Out, reduction: batch);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Shapes_CoverEveryTilingCase()
    {
        // A column plan is (full blocks of 4 vectors or not, 0–3 remainder vectors, a scalar tail or not); every
        // combination except "nothing at all" must occur for the 8-lane and for the 4-lane path, with and without bias.
        var missing = new List<string>();
        foreach (int lanes in new[] { 8, 4 })
        {
            var seen = new HashSet<(bool Blocks, int Remainder, bool Tail)>();
            foreach (DenseKernels k in KernelShapes.All.Values)
                seen.Add((k.Out >= 4 * lanes, k.Out % (4 * lanes) / lanes, k.Out % lanes != 0));
            foreach (bool blocks in new[] { false, true })
            {
                for (int remainder = 0; remainder < 4; remainder++)
                {
                    foreach (bool tail in new[] { false, true })
                    {
                        if (!blocks && remainder == 0 && !tail) continue;
                        if (!seen.Contains((blocks, remainder, tail)))
                            missing.Add($"{lanes} lanes: blocks {blocks}, {remainder} remainder vector(s), tail {tail}");
                    }
                }
            }
        }
        Assert.True(missing.Count == 0, "No parity shape covers:\n" + string.Join("\n", missing));
        foreach (string name in new[] { "Dense_784x128", "Dense_7x1", "Dense_1x40", "Dense_784x33_NoBias", "Dense_10x128_NoBias" })
            Assert.Contains(name, KernelShapes.All.Keys);
        // Vector512 paths exist exactly for the shapes whose output fills a 16-lane vector.
        Assert.All(KernelShapes.All.Values, k => Assert.Equal(k.Out >= 16, k.Forward512 is not null));
        Assert.Contains(KernelShapes.All.Values, k => k.Out == 100 && k.In == 100);
        Assert.Contains(KernelShapes.All.Values, k => k.In == 1);
        Assert.Contains(KernelShapes.All.Values, k => k.In == 7);
        Assert.Contains(KernelShapes.All.Values, k => k.In == 784);
    }

    /// <summary>The comparison's negative controls: one missing product, a write past the end, an element left unwritten.</summary>
    [Fact]
    public void Comparison_ReportsMissingProductsOverrunsAndGaps_CheckTensorStyle()
    {
        DenseKernels k = KernelShapes.All["Dense_784x128"];
        var random = new SeededRandom(1);
        const int batch = 3, n = batch * 128;
        float[] x = Input(random, batch * 784), w = Input(random, 784 * 128), bias = Input(random, 128);
        float[] expected = Output(n);
        k.ForwardReference(expected.AsSpan(0, n), x.AsSpan(0, batch * 784), w.AsSpan(0, 784 * 128), bias.AsSpan(0, 128), batch);

        float[] missingProduct = (float[])expected.Clone();
        missingProduct[130] -= x[784 + 783] * w[783 * 128 + 2]; // sample 1, column 2 without its last input
        float[] overrun = (float[])expected.Clone();
        overrun[n + 1] = 0f;
        float[] gap = (float[])expected.Clone();
        gap[n - 1] = float.NaN;

        var failures = new List<string>();
        Compare(failures, "missing product", missingProduct, expected, n, 128, reduction: 784);
        Compare(failures, "overrun", overrun, expected, n, 128, reduction: 784);
        Compare(failures, "gap", gap, expected, n, 128, reduction: 784);
        Compare(failures, "exact", (float[])expected.Clone(), expected, n, 128, reduction: 784);

        Assert.Equal(3, failures.Count);
        Assert.StartsWith("missing product: NOT OK, maxdiff", failures[0]);
        Assert.Contains("at index 130 [1, 2]", failures[0]);
        Assert.Contains("[0] OK", failures[0]);
        Assert.Contains("actual", failures[0]);
        Assert.Contains("expected", failures[0]);
        Assert.Contains("wrote past the end of the output at offsets 1", failures[1]);
        Assert.Contains("maxdiff ∞", failures[2].Replace("Infinity", "∞"));
    }

    /// <summary>
    /// Tolerance: 1e-5 relative, plus 1e-5 · √K absolute for a reduction over K products of values in [-1, 1): the
    /// paths differ only in summation order and FMA rounding, whose error grows like √K · ε · |partial sums| for
    /// random data. An indexing bug is off by a whole product (about 0.3 on average) and fails by orders of magnitude.
    /// </summary>
    internal static void Compare(List<string> failures, string what, float[] actual, float[] expected, int n, int rowLength, int reduction)
    {
        double absolute = 1e-5 * Math.Sqrt(reduction);
        double maxDiff = 0, worstRatio = 0;
        int worst = -1;
        for (int i = 0; i < n; i++)
        {
            double diff = Math.Abs((double)actual[i] - expected[i]);
            double ratio = diff / (1e-5 * Math.Abs(expected[i]) + absolute);
            if (double.IsNaN(diff)) ratio = diff = double.PositiveInfinity;
            if (ratio > worstRatio)
            {
                worstRatio = ratio;
                worst = i;
            }
            maxDiff = Math.Max(maxDiff, diff);
        }
        var tail = new List<int>();
        for (int i = n; i < actual.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(Canary)) tail.Add(i - n);
        }
        if (worstRatio <= 1 && tail.Count == 0) return;

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{what}: NOT OK, maxdiff {maxDiff:E3}");
        if (worst >= 0)
            text.Append(CultureInfo.InvariantCulture, $" at index {worst} [{worst / rowLength}, {worst % rowLength}], {worstRatio:F1}x the tolerance there");
        text.Append('\n');
        for (int i = 0; i < Math.Min(5, n); i++)
        {
            bool ok = Math.Abs((double)actual[i] - expected[i]) <= 1e-5 * Math.Abs(expected[i]) + absolute;
            text.Append(CultureInfo.InvariantCulture, $"  [{i}] {(ok ? "OK    " : "NOT OK")} actual {actual[i],14:G9}  expected {expected[i],14:G9}\n");
        }
        if (tail.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"  wrote past the end of the output at offsets {string.Join(", ", tail)}\n");
        failures.Add(text.ToString());
    }

    private static void AssertFinite(float[] values, int n, string what)
    {
        for (int i = 0; i < n; i++)
            Assert.True(float.IsFinite(values[i]), $"{what} left element {i} unwritten or read past its inputs ({values[i]}).");
    }

    /// <summary>Random values in [-1, 1), followed by NaN so that a read past the end shows.</summary>
    internal static float[] Input(SeededRandom random, int n)
    {
        var values = new float[n + Padding];
        for (int i = 0; i < n; i++) values[i] = 2f * random.NextSingle() - 1f;
        values.AsSpan(n).Fill(float.NaN);
        return values;
    }

    /// <summary>NaN where the kernel must write, then a canary that it must leave alone.</summary>
    internal static float[] Output(int n)
    {
        var values = new float[n + Padding];
        values.AsSpan(0, n).Fill(float.NaN);
        values.AsSpan(n).Fill(Canary);
        return values;
    }
}

internal delegate void ForwardKernel(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, int batch);

internal delegate void BackwardInputKernel(Span<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> w, int batch);

internal delegate void BackwardWeightsKernel(Span<float> dw, Span<float> db, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch);

internal delegate void ForwardNoBiasKernel(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, int batch);

internal delegate void BackwardWeightsNoBiasKernel(Span<float> dw, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch);

internal delegate void ForwardRangeKernel(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, int batch, int kStart, int kEnd);

internal delegate void ForwardNoBiasRangeKernel(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, int batch, int kStart, int kEnd);

internal delegate void BackwardWeightsRangeKernel(Span<float> dw, Span<float> db, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch, int kStart, int kEnd);

internal delegate void BackwardWeightsNoBiasRangeKernel(Span<float> dw, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int batch, int kStart, int kEnd);

/// <summary>The twelve entry points of one generated Dense kernel class (no-bias kernels get an empty bias).</summary>
internal sealed record DenseKernels(
    string Name, int In, int Out, bool UseBias,
    ForwardKernel Forward, ForwardKernel Forward256, ForwardKernel Forward128, ForwardKernel ForwardReference,
    BackwardInputKernel BackwardInput, BackwardInputKernel BackwardInput256, BackwardInputKernel BackwardInput128, BackwardInputKernel BackwardInputReference,
    BackwardWeightsKernel BackwardWeights, BackwardWeightsKernel BackwardWeights256, BackwardWeightsKernel BackwardWeights128, BackwardWeightsKernel BackwardWeightsReference)
{
    /// <summary>The public row-range entry (bias kernels only), or null.</summary>
    public BackwardWeightsRangeKernel? BackwardWeightsRange { get; init; }

    /// <summary>The public entry for one block of the sum over inputs (bias kernels only), or null.</summary>
    public ForwardRangeKernel? ForwardRange { get; init; }

    /// <summary>The Vector512 paths, which only shapes with OUT ≥ 16 have; null otherwise.</summary>
    public ForwardKernel? Forward512 { get; init; }

    /// <inheritdoc cref="Forward512"/>
    public BackwardInputKernel? BackwardInput512 { get; init; }

    /// <inheritdoc cref="Forward512"/>
    public BackwardWeightsKernel? BackwardWeights512 { get; init; }

    public static DenseKernels NoBias(
        string name, int input, int output,
        ForwardNoBiasKernel forward, ForwardNoBiasKernel forward256, ForwardNoBiasKernel forward128, ForwardNoBiasKernel forwardReference,
        BackwardInputKernel backwardInput, BackwardInputKernel backwardInput256, BackwardInputKernel backwardInput128, BackwardInputKernel backwardInputReference,
        BackwardWeightsNoBiasKernel weights, BackwardWeightsNoBiasKernel weights256, BackwardWeightsNoBiasKernel weights128, BackwardWeightsNoBiasKernel weightsReference) => new(
        name, input, output, false,
        (y, x, w, _, b) => forward(y, x, w, b), (y, x, w, _, b) => forward256(y, x, w, b),
        (y, x, w, _, b) => forward128(y, x, w, b), (y, x, w, _, b) => forwardReference(y, x, w, b),
        backwardInput, backwardInput256, backwardInput128, backwardInputReference,
        weights is null ? null! : (dw, _, x, dy, b) => weights(dw, x, dy, b), weights256 is null ? null! : (dw, _, x, dy, b) => weights256(dw, x, dy, b),
        weights128 is null ? null! : (dw, _, x, dy, b) => weights128(dw, x, dy, b), weightsReference is null ? null! : (dw, _, x, dy, b) => weightsReference(dw, x, dy, b));
}

/// <summary>
/// Every Dense kernel class the parity networks below generate, found by reflection (the methods are bound to typed
/// delegates, so the calls themselves are direct).
/// </summary>
internal static class KernelShapes
{
    private static readonly Type[] s_networks =
    [
        typeof(ParityChain), typeof(ParityNarrow), typeof(ParityWideNoBias), typeof(ParityWide),
        typeof(ParityWideSingle), typeof(ParityWideFive), typeof(ParityTiling), typeof(ParityWideTiling),
    ];

    public static readonly IReadOnlyDictionary<string, DenseKernels> All = Build(forwardOnly: false);

    /// <summary>
    /// The forward-only classes: transposed shapes (OUT → IN, no bias) that narrow layers compute dx with. They have
    /// no backward products, so only their Forward entries are bound (BackwardInput and BackwardWeights are null).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, DenseKernels> ForwardOnly = Build(forwardOnly: true);

    private static Dictionary<string, DenseKernels> Build(bool forwardOnly)
    {
        var all = new Dictionary<string, DenseKernels>();
        foreach (Type network in s_networks)
        {
            Type kernels = network.GetNestedType("Kernels", BindingFlags.NonPublic)
                ?? throw new InvalidOperationException($"{network.Name} has no nested Kernels class.");
            foreach (Type kernel in kernels.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
            {
                bool isForwardOnly = kernel.GetMethod("BackwardInput", BindingFlags.Public | BindingFlags.Static) is null;
                if (all.ContainsKey(kernel.Name) || isForwardOnly != forwardOnly) continue;
                all.Add(kernel.Name, Bind(kernel));
            }
        }
        return all;
    }

    private static DenseKernels Bind(Type kernel)
    {
        int input = (int)kernel.GetField("IN")!.GetValue(null)!;
        int output = (int)kernel.GetField("OUT")!.GetValue(null)!;
        bool useBias = !kernel.Name.EndsWith("_NoBias", StringComparison.Ordinal);
        bool forwardOnly = kernel.GetMethod("BackwardInput", BindingFlags.Public | BindingFlags.Static) is null;
        T Get<T>(string name) where T : Delegate
        {
            if (forwardOnly && !name.StartsWith("Forward", StringComparison.Ordinal)) return null!;
            Type[] parameters = typeof(T).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType).ToArray();
            MethodInfo method = kernel.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, parameters)
                ?? throw new InvalidOperationException($"{kernel.Name} has no method {name} with the expected parameters.");
            return method.CreateDelegate<T>();
        }
        // The weight-gradient paths take a row range [kStart, kEnd) (one thread's part); the whole range here,
        // and BackwardWeightsRangeTests checks that parts assemble into the whole.
        BackwardWeightsKernel Whole(BackwardWeightsRangeKernel range) => range is null ? null! : (dw, db, x, dy, b) => range(dw, db, x, dy, b, 0, input);
        BackwardWeightsNoBiasKernel WholeNoBias(BackwardWeightsNoBiasRangeKernel range) => range is null ? null! : (dw, x, dy, b) => range(dw, x, dy, b, 0, input);
        // The forward paths take a block [kStart, kEnd) of the inputs (one core's part); here the whole sum, and
        // Forward_BlocksAddUpToTheWhole checks the blocks.
        ForwardKernel WholeForward(ForwardRangeKernel range) => (y, x, w, bias, b) => range(y, x, w, bias, b, 0, input);
        ForwardNoBiasKernel WholeForwardNoBias(ForwardNoBiasRangeKernel range) => (y, x, w, b) => range(y, x, w, b, 0, input);
        MethodInfo? Find(string name) => kernel.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        bool wide = Find("Forward512") is not null;
        if (useBias)
        {
            var kernels = new DenseKernels(kernel.Name, input, output, true,
                Get<ForwardKernel>("Forward"), WholeForward(Get<ForwardRangeKernel>("Forward256")),
                WholeForward(Get<ForwardRangeKernel>("Forward128")), WholeForward(Get<ForwardRangeKernel>("ForwardReference")),
                Get<BackwardInputKernel>("BackwardInput"), Get<BackwardInputKernel>("BackwardInput256"), Get<BackwardInputKernel>("BackwardInput128"), Get<BackwardInputKernel>("BackwardInputReference"),
                Get<BackwardWeightsKernel>("BackwardWeights"), Whole(Get<BackwardWeightsRangeKernel>("BackwardWeights256")),
                Whole(Get<BackwardWeightsRangeKernel>("BackwardWeights128")), Whole(Get<BackwardWeightsRangeKernel>("BackwardWeightsReference")))
            {
                BackwardWeightsRange = Get<BackwardWeightsRangeKernel>("BackwardWeights"),
                ForwardRange = Get<ForwardRangeKernel>("Forward"),
            };
            return !wide ? kernels : kernels with
            {
                Forward512 = WholeForward(Get<ForwardRangeKernel>("Forward512")),
                BackwardInput512 = Get<BackwardInputKernel>("BackwardInput512"),
                BackwardWeights512 = Whole(Get<BackwardWeightsRangeKernel>("BackwardWeights512")),
            };
        }
        var noBias = DenseKernels.NoBias(kernel.Name, input, output,
            Get<ForwardNoBiasKernel>("Forward"), WholeForwardNoBias(Get<ForwardNoBiasRangeKernel>("Forward256")),
            WholeForwardNoBias(Get<ForwardNoBiasRangeKernel>("Forward128")), WholeForwardNoBias(Get<ForwardNoBiasRangeKernel>("ForwardReference")),
            Get<BackwardInputKernel>("BackwardInput"), Get<BackwardInputKernel>("BackwardInput256"), Get<BackwardInputKernel>("BackwardInput128"), Get<BackwardInputKernel>("BackwardInputReference"),
            Get<BackwardWeightsNoBiasKernel>("BackwardWeights"), WholeNoBias(Get<BackwardWeightsNoBiasRangeKernel>("BackwardWeights256")),
            WholeNoBias(Get<BackwardWeightsNoBiasRangeKernel>("BackwardWeights128")), WholeNoBias(Get<BackwardWeightsNoBiasRangeKernel>("BackwardWeightsReference")));
        if (!wide) return noBias;
        ForwardNoBiasKernel forward512 = WholeForwardNoBias(Get<ForwardNoBiasRangeKernel>("Forward512"));
        BackwardWeightsNoBiasKernel weights512 = WholeNoBias(Get<BackwardWeightsNoBiasRangeKernel>("BackwardWeights512"));
        return noBias with
        {
            Forward512 = (y, x, w, _, b) => forward512(y, x, w, b),
            BackwardInput512 = Get<BackwardInputKernel>("BackwardInput512"),
            BackwardWeights512 = weights512 is null ? null : (dw, _, x, dy, b) => weights512(dw, x, dy, b),
        };
    }
}

[Network]
[Input(784)]
[Dense(128)]
[Dense(40)]
[Dense(33)]
[Dense(32)]
[Dense(13)]
[Dense(10)]
[Dense(8)]
[Dense(5)]
[Dense(4)]
[Dense(3)]
[Dense(1)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityChain;

[Network]
[Input(7)]
[Dense(1)]
[Dense(40)]
[Dense(7)]
[Dense(13)]
[Dense(5)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityNarrow;

[Network]
[Input(784)]
[Dense(33, UseBias = false)]
[Dense(1, UseBias = false)]
[Dense(3)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityWideNoBias;

[Network]
[Input(784)]
[Dense(10)]
[Dense(128, UseBias = false)]
[Dense(4)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityWide;

[Network]
[Input(784)]
[Dense(1)]
[Dense(8)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityWideSingle;

[Network]
[Input(784)]
[Dense(5)]
[Dense(13)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityWideFive;

/// <summary>The output widths that complete the tiling cases: 2 and 3 remainder vectors of 8, with and without a tail, after full blocks or not.</summary>
[Network]
[Input(7)]
[Dense(16)]
[Dense(20)]
[Dense(24)]
[Dense(27)]
[Dense(45)]
[Dense(48)]
[Dense(50)]
[Dense(56)]
[Dense(63)]
[Dense(12)]
[Dense(21)]
[Dense(28)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityTiling;

/// <summary>
/// The 16-lane (Vector512) tiling cases: full tiles then one vector overlapping them (100, 63), full tiles then two
/// vectors the last overlapping (500), two vectors overlapping inside one tile (17), and reductions of 100, 500, 17, 63.
/// </summary>
[Network]
[Input(100)]
[Dense(100)]
[Dense(500)]
[Dense(17)]
[Dense(63)]
[Dense(100)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd)]
public partial class ParityWideTiling;
