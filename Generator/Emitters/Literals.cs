using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Emitters;

/// <summary>C# literals, culture-invariant and round-trippable, so generated code is byte-identical everywhere.</summary>
internal static class Literals
{
    public static string Float(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text : text + ".0";
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>"100,480": thousands separators for comments.</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
