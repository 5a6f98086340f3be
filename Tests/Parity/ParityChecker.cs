using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Tests.Parity;

/// <summary>
/// Compares NetGen's values with a fixture's, element by element, with <c>|actual − expected| ≤ atol + rtol·|expected|</c>,
/// and keeps one line per check (llm.c style: OK / NOT OK, the tensor, the largest difference and where it is,
/// the first values side by side). Every check runs; the report lists them all.
/// </summary>
internal sealed class ParityChecker
{
    private const int Preview = 6;

    private readonly double _rtol;
    private readonly double _atol;
    private readonly List<(bool Ok, string Text)> _lines = new();

    public ParityChecker(double rtol, double atol)
    {
        _rtol = rtol;
        _atol = atol;
    }

    public int Count => _lines.Count;

    public int FailureCount => _lines.Count(l => !l.Ok);

    public void Tensor(string name, ReadOnlySpan<float> actual, FixtureTensor expected)
    {
        string shape = expected.ShapeText;
        if (actual.Length != expected.Length)
        {
            Fail($"{name} {shape}: NetGen has {actual.Length} values, the fixture {expected.Length}");
            return;
        }
        int outside = 0, firstOutside = -1, worst = -1, maxIndex = 0;
        double maxDiff = 0, worstExcess = double.NegativeInfinity;
        for (int i = 0; i < actual.Length; i++)
        {
            double e = expected.Data[i];
            double diff = Math.Abs(actual[i] - e);
            if (double.IsNaN(diff)) diff = double.PositiveInfinity;
            double allowed = _atol + _rtol * Math.Abs(e);
            if (diff > maxDiff || i == 0)
            {
                maxDiff = diff;
                maxIndex = i;
            }
            if (diff > allowed)
            {
                outside++;
                if (firstOutside < 0) firstOutside = i;
                double excess = diff / allowed;
                if (excess > worstExcess)
                {
                    worstExcess = excess;
                    worst = i;
                }
            }
        }
        if (outside == 0)
        {
            Pass($"{name} {shape}: max |diff| {Format(maxDiff)}");
            return;
        }
        var text = new StringBuilder();
        text.Append($"{name} {shape}: {outside} of {actual.Length} values out of tolerance; ");
        text.Append($"max |diff| {Format(maxDiff)} at {Index(expected.Shape, maxIndex)} (NetGen {Format(actual[maxIndex])}, Keras {Format(expected.Data[maxIndex])})");
        if (worst != maxIndex)
            text.Append($"; worst vs tolerance at {Index(expected.Shape, worst)} (NetGen {Format(actual[worst])}, Keras {Format(expected.Data[worst])}, {worstExcess:0.#}x the allowed {Format(_atol + _rtol * Math.Abs(expected.Data[worst]))})");
        else
            text.Append($", {worstExcess:0.#}x the allowed {Format(_atol + _rtol * Math.Abs(expected.Data[worst]))}");
        text.Append($"; first out of tolerance at {Index(expected.Shape, firstOutside)}");
        int count = Math.Min(Preview, actual.Length);
        var actualPreview = new string[count];
        for (int i = 0; i < count; i++) actualPreview[i] = Format(actual[i]);
        text.Append($"\n        NetGen[0..{count}): {string.Join(", ", actualPreview)}");
        text.Append($"\n        Keras [0..{count}): {string.Join(", ", expected.Data.Take(count).Select(v => Format(v)))}");
        if (firstOutside >= count)
        {
            int start = firstOutside, end = Math.Min(actual.Length, start + Preview);
            var around = new string[end - start];
            for (int i = start; i < end; i++) around[i - start] = Format(actual[i]);
            text.Append($"\n        NetGen[{start}..{end}): {string.Join(", ", around)}");
            text.Append($"\n        Keras [{start}..{end}): {string.Join(", ", expected.Data.Skip(start).Take(end - start).Select(v => Format(v)))}");
        }
        Fail(text.ToString());
    }

    public void Scalar(string name, double actual, double expected)
    {
        double diff = Math.Abs(actual - expected);
        if (double.IsNaN(diff)) diff = double.PositiveInfinity;
        double allowed = _atol + _rtol * Math.Abs(expected);
        if (diff <= allowed)
            Pass($"{name}: NetGen {Format(actual)}, Keras {Format(expected)} (|diff| {Format(diff)})");
        else
            Fail($"{name}: NetGen {Format(actual)}, Keras {Format(expected)}: |diff| {Format(diff)} > allowed {Format(allowed)} ({diff / allowed:0.#}x)");
    }

    public void Pass(string text) => _lines.Add((true, text));

    public void Fail(string text) => _lines.Add((false, text));

    /// <summary>Every check in order, each marked OK or NOT OK.</summary>
    public string Report()
    {
        var s = new StringBuilder();
        foreach ((bool ok, string text) in _lines) s.Append(ok ? "  OK     " : "  NOT OK ").AppendLine(text);
        return s.ToString();
    }

    /// <summary>The failed checks only, and how many passed.</summary>
    public string FailureReport()
    {
        var s = new StringBuilder();
        foreach ((bool _, string text) in _lines.Where(l => !l.Ok)) s.Append("  NOT OK ").AppendLine(text);
        s.AppendLine($"  ({Count - FailureCount} other checks pass; the test output lists every check)");
        return s.ToString();
    }

    private static string Index(int[] shape, int flat)
    {
        if (shape.Length <= 1) return $"[{flat}]";
        var index = new int[shape.Length];
        int rest = flat;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        return "[" + string.Join(", ", index) + $"] (flat {flat})";
    }

    private static string Format(double value) => value.ToString("G9", CultureInfo.InvariantCulture);

    private static string Format(float value) => value.ToString("G9", CultureInfo.InvariantCulture);
}
