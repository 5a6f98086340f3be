using System.Text;

namespace NetGen.Generator.Emitters;

/// <summary>Turns the names a user gave (Keras style, e.g. <c>deep_input</c>) into parts of C# identifiers.</summary>
internal static class Identifiers
{
    /// <summary><c>deep_input</c> → <c>DeepInput</c>; letters and digits only, and never a leading digit.</summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder();
        bool upper = true;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }
            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (result.Length == 0 || char.IsDigit(result[0])) result.Insert(0, "Input");
        return result.ToString();
    }
}
