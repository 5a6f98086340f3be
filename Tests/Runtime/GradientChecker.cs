using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Compares a network's analytic gradients (<see cref="Model.Backward"/>) with central finite differences of
/// <see cref="Model.ComputeLoss"/>, designed for float32 networks.
/// </summary>
/// <remarks>
/// <para>
/// Step: h = <see cref="GradientCheckOptions.RelativeStep"/> · max(1, |w|). The step actually taken is measured after
/// rounding w ± h to float, so the quotient uses the exact distance between the two evaluated points.
/// </para>
/// <para>
/// Kinks (ReLU at 0, the probability clip at ε) make a finite difference meaningless when one lies within h of w.
/// The checker detects them from the loss alone, evaluated at w, w ± h and w ± h/2 (see
/// <c>GradientCheckReport.IsKink</c>), and skips such an element. The decision never looks at the analytic
/// gradient, so a wrong gradient cannot cause a skip, and the report fails if more than
/// <see cref="GradientCheckOptions.MaxSkippedFraction"/> of the elements are skipped.
/// </para>
/// <para>
/// Why these numbers: the loss is a double mean over float32 activations, so it carries noise of a few 1e-8; divided
/// by 2h = 2e-2 that is about 1e-6 in the difference, and the truncation error (h² times the third derivative, over 6)
/// of the networks here stays below about 1e-4. Correct gradients therefore land below 0.1 of the tolerance
/// 1e-3 + 2e-2·|g| (typically 0.001–0.01), while the bugs that matter — a wrong sign, a factor 2 or 1/B, a 10% error,
/// a wrong derivative in one tensor — are off by 10% or more of gradients of order 0.01–0.5 and land at several
/// times the tolerance (the negative controls in GradientCheckTests prove it).
/// </para>
/// <para>Acceptance: |fd − g| ≤ <see cref="GradientCheckOptions.AbsoluteTolerance"/> + <see cref="GradientCheckOptions.RelativeTolerance"/> · |g|.</para>
/// </remarks>
internal static class GradientChecker
{
    public static GradientCheckReport Check(Model model, float[] inputs, int batch, float[] labels, GradientCheckOptions? options = null) =>
        Check(model, () => model.Forward(inputs, batch, training: true), labels, options);

    /// <summary>The same check for a network with several inputs: one array per input, in declaration order.</summary>
    public static GradientCheckReport Check(Model model, IReadOnlyList<float[]> inputs, int batch, float[] labels, GradientCheckOptions? options = null) =>
        Check(model, () => model.Forward(inputs, batch, training: true), labels, options);

    /// <summary>The check itself; <paramref name="forward"/> runs a training-mode forward pass over the fixed batch.</summary>
    private static GradientCheckReport Check(Model model, Action forward, float[] labels, GradientCheckOptions? options)
    {
        options ??= new GradientCheckOptions();

        forward();
        model.Backward(labels);
        float[] analytic = model.Gradients.ToArray();
        double baseLoss = Loss(model, forward, labels);
        options.Corrupt?.Invoke(analytic, model);

        var report = new GradientCheckReport(model.Description.Name, baseLoss, options);
        var sampler = new SeededRandom(options.SamplingSeed);
        Span<float> parameters = model.Parameters;
        foreach (WeightInfo weight in model.Description.Weights)
        {
            if (!weight.Trainable) continue; // moving statistics, frozen layers: no gradient is computed
            foreach (int index in Indices(weight.Length, options, sampler))
            {
                int p = weight.Offset + index;
                float w = parameters[p];
                double h = options.RelativeStep * Math.Max(1.0, Math.Abs(w));
                Probe full = Evaluate(model, forward, labels, p, w, h, baseLoss);
                Probe half = Evaluate(model, forward, labels, p, w, h / 2, baseLoss);
                parameters[p] = w;
                report.Add(weight, index, analytic[p], full, half);
            }
        }
        return report;
    }

    /// <summary>The loss at w ± h (h as rounded to float): the central difference and the one-sided ones.</summary>
    private static Probe Evaluate(Model model, Action runForward, float[] labels, int p, float w, double h, double baseLoss)
    {
        Span<float> parameters = model.Parameters;
        float plus = (float)(w + h), minus = (float)(w - h);
        parameters[p] = plus;
        double lossPlus = Loss(model, runForward, labels);
        parameters[p] = minus;
        double lossMinus = Loss(model, runForward, labels);
        parameters[p] = w;
        double forward = (lossPlus - baseLoss) / ((double)plus - w), backward = (baseLoss - lossMinus) / ((double)w - minus);
        return new Probe((lossPlus - lossMinus) / ((double)plus - minus), forward - backward, ((double)plus - minus) / 2);
    }

    private static double Loss(Model model, Action forward, float[] labels)
    {
        forward();
        return model.ComputeLoss(labels);
    }

    private static IEnumerable<int> Indices(int length, GradientCheckOptions options, SeededRandom sampler)
    {
        if (length <= options.CheckAllUpTo)
        {
            for (int i = 0; i < length; i++) yield return i;
            yield break;
        }
        // A seeded sample without repetition (partial Fisher–Yates).
        int[] all = new int[length];
        for (int i = 0; i < length; i++) all[i] = i;
        for (int i = 0; i < options.SampleCount; i++)
        {
            int j = i + sampler.NextInt32(length - i);
            (all[i], all[j]) = (all[j], all[i]);
            yield return all[i];
        }
    }
}

/// <summary>One step size's finite differences: the central difference, forward minus backward difference, and the mean step.</summary>
internal readonly record struct Probe(double Central, double Spread, double Step);

/// <summary>How <see cref="GradientChecker"/> steps and what it accepts.</summary>
internal sealed record GradientCheckOptions
{
    /// <summary>h = RelativeStep · max(1, |w|).</summary>
    public double RelativeStep { get; init; } = 1e-2;

    public double AbsoluteTolerance { get; init; } = 1e-3;

    public double RelativeTolerance { get; init; } = 2e-2;

    /// <summary>Tensors up to this length are checked completely; larger ones by a seeded sample.</summary>
    public int CheckAllUpTo { get; init; } = 64;

    public int SampleCount { get; init; } = 50;

    public int SamplingSeed { get; init; } = 12345;

    /// <summary>The kink test's threshold, as a fraction of the tolerance (see <c>GradientCheckReport.IsKink</c>).</summary>
    public double KinkThreshold { get; init; } = 0.4;

    /// <summary>
    /// The largest fraction of elements that may be skipped for a kink before the check fails. One ReLU
    /// pre-activation near 0 makes its unit's whole kernel column and bias ambiguous (about 1/units of the layer),
    /// so this allows one such unit in a small network while still failing a check that compares too little.
    /// </summary>
    public double MaxSkippedFraction { get; init; } = 0.25;

    /// <summary>For negative controls: alters the analytic gradients (full flat buffer) before the comparison.</summary>
    public Action<float[], Model>? Corrupt { get; init; }

    /// <summary>The tolerance for an analytic gradient g.</summary>
    public double Allowed(double g) => AbsoluteTolerance + RelativeTolerance * Math.Abs(g);
}

/// <summary>The outcome of one gradient check: every compared element, the failures and the skipped kinks.</summary>
internal sealed class GradientCheckReport
{
    private readonly List<Element> _elements = new();

    public GradientCheckReport(string network, double baseLoss, GradientCheckOptions options)
    {
        Network = network;
        BaseLoss = baseLoss;
        Options = options;
    }

    public string Network { get; }

    public double BaseLoss { get; }

    public GradientCheckOptions Options { get; }

    public int Checked => _elements.Count - Skipped;

    public int Skipped { get; private set; }

    public int FailureCount { get; private set; }

    /// <summary>The largest |fd − g| / tolerance over the compared elements (below 1 passes).</summary>
    public double WorstRatio { get; private set; }

    /// <summary>The largest |fd − g| over the compared elements.</summary>
    public double MaxAbsoluteDifference { get; private set; }

    public bool TooManySkipped => Skipped > Options.MaxSkippedFraction * _elements.Count;

    public bool Passed => FailureCount == 0 && !TooManySkipped && Checked > 0 && double.IsFinite(BaseLoss);

    public void Add(WeightInfo weight, int index, float analytic, Probe full, Probe half)
    {
        var element = new Element(weight.Name, index, analytic, full.Central, half.Central, IsKink(full, half));
        _elements.Add(element);
        if (element.Kink)
        {
            Skipped++;
            return;
        }
        double difference = Math.Abs(full.Central - analytic);
        double ratio = difference / Options.Allowed(analytic);
        if (!(ratio <= 1)) FailureCount++; // NaN fails too
        MaxAbsoluteDifference = Math.Max(MaxAbsoluteDifference, double.IsNaN(difference) ? double.PositiveInfinity : difference);
        WorstRatio = Math.Max(WorstRatio, double.IsNaN(ratio) ? double.PositiveInfinity : ratio);
    }

    /// <summary>
    /// Whether a kink lies within the step. On a smooth loss the central differences at h and h/2 agree, and the
    /// spread (forward minus backward difference, h·L'') halves with the step, both up to O(h²). A kink at distance
    /// δ from w breaks at least one of the two by |Δslope|/7 or more (the first is blind at δ = 0, the second at
    /// δ = h/3), while it puts the central difference off by at most |Δslope|/2; so with a threshold of 0.4 × the
    /// tolerance, every kink that could push the difference beyond the tolerance is caught.
    /// </summary>
    private bool IsKink(Probe full, Probe half)
    {
        double threshold = Options.KinkThreshold * Options.Allowed(half.Central);
        double centralDisagreement = Math.Abs(full.Central - half.Central);
        double curvatureDisagreement = Math.Abs(full.Spread - half.Spread * (full.Step / half.Step));
        return !(centralDisagreement <= threshold && curvatureDisagreement <= threshold);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Gradient check of {Network}: {(Passed ? "OK" : "NOT OK")}; loss {BaseLoss:G6}; {Checked} elements compared, {Skipped} skipped at kinks, {FailureCount} failed; ");
        text.Append(CultureInfo.InvariantCulture,
            $"max |fd - g| {MaxAbsoluteDifference:E2}, worst |fd - g| / tolerance {WorstRatio:F3} (tolerance {Options.AbsoluteTolerance:G3} + {Options.RelativeTolerance:G3}·|g|, h = {Options.RelativeStep:G3}·max(1, |w|))\n");
        if (TooManySkipped)
            text.Append(CultureInfo.InvariantCulture, $"  too many kinks: at most {Options.MaxSkippedFraction:P0} of the elements may be skipped\n");
        if (Checked == 0) text.Append("  nothing was compared\n");
        if (Skipped > 0)
        {
            var kinks = new List<string>();
            foreach (Element element in _elements)
            {
                if (element.Kink) kinks.Add($"{element.Weight}[{element.Index}]");
            }
            text.Append("  skipped at kinks: ").Append(string.Join(", ", kinks)).Append('\n');
        }
        int shown = 0;
        foreach (Element element in _elements)
        {
            bool failed = !element.Kink && !(Math.Abs(element.Full - element.Analytic) <= Options.Allowed(element.Analytic));
            if (!failed) continue;
            if (shown++ == 12)
            {
                text.Append("  ...\n");
                break;
            }
            text.Append(CultureInfo.InvariantCulture,
                $"  NOT OK {element.Weight}[{element.Index}]: analytic {element.Analytic:E4}, finite difference {element.Full:E4} (h/2: {element.Half:E4}), ratio {(element.Full / element.Analytic):F4}\n");
        }
        return text.ToString();
    }

    private readonly record struct Element(string Weight, int Index, float Analytic, double Full, double Half, bool Kink);
}
