using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>
/// Checks every layer and input attribute has before its reader runs: no size argument past
/// <see cref="Limits.MaxElements"/> (NG0121), so that the readers' window and padding arithmetic cannot wrap, and a
/// name Keras would accept (NG0122), so that a name can never break the generated file or a weight name.
/// </summary>
internal static class ArgumentChecks
{
    /// <summary>The int-valued named arguments that are sizes (the others, such as seeds, may use int's whole range).</summary>
    private static readonly HashSet<string> s_sizeProperties = new() { "Strides", "DilationRate" };

    /// <summary>Whether the attribute's sizes and name are acceptable; reports on the attribute when not.</summary>
    public static bool Check(LayerAttributeData attribute)
    {
        if (attribute.Kind == "CompileAttribute") return true;
        bool valid = true;
        IMethodSymbol? constructor = attribute.Data.AttributeConstructor;
        for (int i = 0; i < attribute.Data.ConstructorArguments.Length; i++)
        {
            string parameter = constructor is not null && i < constructor.Parameters.Length ? constructor.Parameters[i].Name : "argument " + i;
            TypedConstant argument = attribute.Data.ConstructorArguments[i];
            if (argument.Kind == TypedConstantKind.Array)
            {
                // A null array ([Input((int[])null)]) has no values; its reader reports it.
                if (argument.IsNull) continue;
                for (int k = 0; k < argument.Values.Length; k++)
                {
                    if (argument.Values[k].Kind != TypedConstantKind.Array) valid &= CheckSize(attribute, $"{parameter}[{k}]", argument.Values[k].Value);
                }
            }
            else if (argument.Kind == TypedConstantKind.Primitive && argument.Value is int)
            {
                valid &= CheckSize(attribute, parameter, argument.Value);
            }
            else if (attribute.Kind == "InputAttribute" && i == 0 && argument.Value is string inputName)
            {
                valid &= CheckName(attribute, inputName);
            }
        }
        foreach (KeyValuePair<string, TypedConstant> named in attribute.Data.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Array) continue;
            if (s_sizeProperties.Contains(named.Key)) valid &= CheckSize(attribute, named.Key, named.Value.Value);
            else if (named.Key == "Name" && named.Value.Value is string name) valid &= CheckName(attribute, name);
        }
        return valid;
    }

    private static bool CheckSize(LayerAttributeData attribute, string what, object? value)
    {
        if (value is not int size || size <= Limits.MaxElements) return true;
        attribute.Report(DiagnosticDescriptors.ArgumentPastLimit, attribute.Text, what, Limits.Format(size), Limits.Format(Limits.MaxElements));
        return false;
    }

    /// <summary>Keras's rule (<c>Operation.__init__</c>): no '/' in a name; and no control character, which no name needs.</summary>
    private static bool CheckName(LayerAttributeData attribute, string name)
    {
        string? problem = null;
        foreach (char c in name)
        {
            if (c == '/') problem = "contains '/'";
            else if (char.IsControl(c)) problem = "contains a control character";
            else continue;
            break;
        }
        if (problem is null) return true;
        attribute.Report(DiagnosticDescriptors.InvalidLayerName, Quote(attribute.Text), SymbolDisplay.FormatLiteral(name, quote: true), problem);
        return false;
    }

    /// <summary>The attribute text with its control characters escaped, so the message stays on one line.</summary>
    private static string Quote(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text) builder.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
        return builder.ToString();
    }
}
