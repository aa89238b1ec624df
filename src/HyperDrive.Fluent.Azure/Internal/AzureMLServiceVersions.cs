namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Maps the api-version strings configuration uses (<c>2024-10-01</c>) to
/// <see cref="HyperDriveClientOptions.ServiceVersion"/> (<c>V2024_10_01</c>).</summary>
internal static class AzureMLServiceVersions
{
    public static IReadOnlyList<(string Name, HyperDriveClientOptions.ServiceVersion Version)> All { get; } =
        Enum.GetValues<HyperDriveClientOptions.ServiceVersion>()
            .Select(v => (v.ToString().TrimStart('V').Replace('_', '-').ToLowerInvariant(), v))
            .ToList();

    public static HyperDriveClientOptions.ServiceVersion? Find(string apiVersion) =>
        All.Where(v => string.Equals(v.Name, apiVersion.Trim(), StringComparison.Ordinal))
            .Select(v => (HyperDriveClientOptions.ServiceVersion?)v.Version)
            .FirstOrDefault();
}
