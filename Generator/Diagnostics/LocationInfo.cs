using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// A source position as plain values (path, span, line span), so a diagnostic can travel through the pipeline
/// without keeping a syntax tree or compilation alive (Location has no value equality).
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || !location.IsInSource ? null : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
