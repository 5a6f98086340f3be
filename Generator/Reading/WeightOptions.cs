using System;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>The weight options layers share: regularizers, initializer arguments, options for an absent weight.</summary>
internal static class WeightOptions
{
    /// <summary>
    /// NG0024 when a named argument starting with <paramref name="prefix"/> (e.g. <c>BiasL2</c>) configures a weight
    /// the layer does not create; true when there is none.
    /// </summary>
    public static bool CheckAbsentWeightOptions(LayerAttributeData attribute, string prefix, string weight, string reason, string fix)
    {
        string[] options = attribute.Data.NamedArguments.Select(a => a.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        if (options.Length == 0) return true;
        attribute.Report(DiagnosticDescriptors.OptionForAbsentWeight, attribute.Text, string.Join(", ", options), weight, reason, options.Length == 1 ? "it" : "them", fix);
        return false;
    }

    /// <summary>The <c>{prefix}L1</c> / <c>{prefix}L2</c> pair as a regularizer (null when both are 0); a bad factor is NG0020.</summary>
    public static RegularizerSpec? Regularizer(LayerAttributeData attribute, string prefix, ref bool valid)
    {
        double l1 = attribute.Named(prefix + "L1", 0.0), l2 = attribute.Named(prefix + "L2", 0.0);
        bool ok = true;
        foreach ((string property, double factor) in new[] { (prefix + "L1", l1), (prefix + "L2", l2) })
        {
            if (factor >= 0 && !double.IsInfinity(factor)) continue;
            attribute.Report(DiagnosticDescriptors.InvalidRegularizer, attribute.Text, property, LayerAttributeData.Format(factor));
            ok = false;
        }
        valid &= ok;
        return ok ? RegularizerSpec.Of(l1, l2) : null;
    }

    /// <summary>
    /// The arguments of the <c>{prefix}Initializer</c> (Kernel or Bias), or null when it takes none. An argument
    /// set for an initializer that does not read it, a bad value, or Orthogonal on a bias is NG0022.
    /// </summary>
    public static InitializerArgumentsSpec? InitializerArguments(LayerAttributeData attribute, string prefix, InitializerKind kind, ref bool valid)
    {
        string[] uses = kind switch
        {
            InitializerKind.Constant => new[] { "Constant" },
            InitializerKind.RandomUniform => new[] { "MinVal", "MaxVal" },
            InitializerKind.RandomNormal => new[] { "Mean", "Stddev" },
            InitializerKind.Orthogonal => new[] { "Gain" },
            _ => Array.Empty<string>(),
        };
        bool ok = true;
        void Fail(string message)
        {
            attribute.Report(DiagnosticDescriptors.InvalidInitializerArgument, attribute.Text, message);
            ok = false;
        }
        foreach (string argument in new[] { "Constant", "MinVal", "MaxVal", "Mean", "Stddev", "Gain" })
        {
            string property = prefix + argument;
            if (attribute.HasNamed(property) && !uses.Contains(argument))
                Fail($"{property} applies to Initializer.{ArgumentOwner(argument)} only; {prefix}Initializer is Initializer.{kind}");
        }
        double value = attribute.Named(prefix + "Constant", 0.0), minVal = attribute.Named(prefix + "MinVal", -0.05), maxVal = attribute.Named(prefix + "MaxVal", 0.05);
        double mean = attribute.Named(prefix + "Mean", 0.0), stddev = attribute.Named(prefix + "Stddev", 0.05), gain = attribute.Named(prefix + "Gain", 1.0);
        if (kind == InitializerKind.Orthogonal && prefix == "Bias")
            Fail("Initializer.Orthogonal needs a weight of rank 2 or more; the bias has rank 1");
        foreach ((string argument, double number) in new[] { ("Constant", value), ("MinVal", minVal), ("MaxVal", maxVal), ("Mean", mean), ("Stddev", stddev), ("Gain", gain) })
        {
            if (uses.Contains(argument) && (double.IsNaN(number) || double.IsInfinity(number)))
                Fail($"{prefix}{argument} must be a finite number; found {LayerAttributeData.Format(number)}");
        }
        if (kind == InitializerKind.RandomUniform && minVal > maxVal)
            Fail($"{prefix}MinVal must not exceed {prefix}MaxVal; found {LayerAttributeData.Format(minVal)} > {LayerAttributeData.Format(maxVal)}");
        if (kind == InitializerKind.RandomNormal && stddev < 0)
            Fail($"{prefix}Stddev must be non-negative; found {LayerAttributeData.Format(stddev)}");
        valid &= ok;
        return ok && uses.Length > 0 ? new InitializerArgumentsSpec(value, minVal, maxVal, mean, stddev, gain) : null;
    }

    private static string ArgumentOwner(string argument) => argument switch
    {
        "Constant" => nameof(InitializerKind.Constant),
        "MinVal" or "MaxVal" => nameof(InitializerKind.RandomUniform),
        "Mean" or "Stddev" => nameof(InitializerKind.RandomNormal),
        _ => nameof(InitializerKind.Orthogonal),
    };
}
