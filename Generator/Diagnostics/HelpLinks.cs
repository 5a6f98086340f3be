using System.Linq;
using System.Reflection;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Where the diagnostics' help links point: docs/diagnostics.md in the repository. The build property
/// <c>NetGenRepositoryUrl</c> (Directory.Build.props; also the package's RepositoryUrl) becomes assembly metadata of the
/// generator; when it is set the links are absolute (<c>{url}/blob/main/docs/diagnostics.md#ng0001</c>), otherwise they
/// are relative to the repository's root (<c>docs/diagnostics.md#ng0001</c>) rather than an address that may not exist.
/// </summary>
internal static class HelpLinks
{
    /// <summary>The repository's address without a trailing slash, or empty when none was configured.</summary>
    public static readonly string RepositoryUrl =
        (typeof(HelpLinks).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false)
            .OfType<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "NetGenRepositoryUrl")?.Value ?? "").Trim().TrimEnd('/');

    /// <summary>The diagnostics page, to which <c>#ngxxxx</c> is appended.</summary>
    public static readonly string DiagnosticsPage =
        RepositoryUrl.Length == 0 ? "docs/diagnostics.md" : RepositoryUrl + "/blob/main/docs/diagnostics.md";
}
