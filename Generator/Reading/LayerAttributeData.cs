using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Reading;

/// <summary>
/// One NetGen attribute as written, for the readers: its arguments, its text (quoted in generated comments and
/// messages) and its location (where diagnostics go). Lives only inside the parse step; nothing of it reaches a spec
/// but strings and numbers.
/// </summary>
internal sealed class LayerAttributeData
{
    private readonly List<DiagnosticInfo> _diagnostics;

    public LayerAttributeData(AttributeData data, string text, Location location, List<DiagnosticInfo> diagnostics)
    {
        Data = data;
        Text = text;
        Location = location;
        _diagnostics = diagnostics;
    }

    public AttributeData Data { get; }

    /// <summary>The attribute on one line, e.g. <c>[Dense(128, Activation.Relu)]</c>.</summary>
    public string Text { get; }

    public Location Location { get; }

    /// <summary>The attribute class's name, e.g. <c>DenseAttribute</c>.</summary>
    public string Kind => Data.AttributeClass!.Name;

    public TypedConstant Argument(int index) => Data.ConstructorArguments[index];

    public bool HasNamed(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in Data.NamedArguments)
        {
            if (argument.Key == name) return true;
        }
        return false;
    }

    /// <summary>The named argument <paramref name="name"/> (a property set in the attribute), or <paramref name="fallback"/>.</summary>
    public T Named<T>(string name, T fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in Data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value) return value;
        }
        return fallback;
    }

    /// <summary>The enum value of a constant, or null with NG0007 when the integer is not a member.</summary>
    public T? Enum<T>(TypedConstant constant, string what) where T : struct, System.Enum
    {
        if (constant.Value is int value && System.Enum.IsDefined(typeof(T), value)) return (T)(object)value;
        Report(DiagnosticDescriptors.InvalidArgument, Text, $"unknown {what} value {constant.Value ?? "null"}");
        return null;
    }

    /// <summary>The enum-valued named argument <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public T? EnumNamed<T>(string name, T fallback) where T : struct, System.Enum
    {
        foreach (KeyValuePair<string, TypedConstant> argument in Data.NamedArguments)
        {
            if (argument.Key == name) return Enum<T>(argument.Value, name);
        }
        return fallback;
    }

    /// <summary>The string array constructor argument <paramref name="index"/> (empty for null).</summary>
    public string[] Strings(int index)
    {
        TypedConstant constant = Data.ConstructorArguments[index];
        if (constant.Kind != TypedConstantKind.Array || constant.IsNull) return Array.Empty<string>();
        var values = new string[constant.Values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = constant.Values[i].Value as string ?? "";
        return values;
    }

    /// <summary>The int array constructor argument <paramref name="index"/> (empty for null).</summary>
    public int[] Ints(int index)
    {
        TypedConstant constant = Data.ConstructorArguments[index];
        if (constant.Kind != TypedConstantKind.Array || constant.IsNull) return Array.Empty<int>();
        var values = new int[constant.Values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = constant.Values[i].Value is int v ? v : 0;
        return values;
    }

    /// <summary>Reports <paramref name="descriptor"/> on this attribute.</summary>
    public void Report(DiagnosticDescriptor descriptor, params object[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, Location, arguments));

    /// <summary>A double as C# round-trips it, for messages.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
