using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Helpers;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// A diagnostic as value-equal data (Diagnostic itself compares by reference and holds the compilation).
/// Arguments are stored as strings.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object[] arguments) =>
        new(descriptor, LocationInfo.From(location), arguments.Select(a => a?.ToString() ?? "").ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Cast<object>().ToArray());
}
