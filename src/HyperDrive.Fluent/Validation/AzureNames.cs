using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Validation;

/// <summary>The name patterns of the Azure ML REST contract.</summary>
public static partial class AzureNames
{
    /// <summary>Gets whether <paramref name="name"/> is a valid job, step or model name
    /// (<c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>).</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidJobName(string? name) => name is not null && JobName().IsMatch(name);

    /// <summary>Gets whether <paramref name="name"/> is a valid primary metric name (REST pattern <c>[a-zA-Z0-9_]</c>:
    /// at least one letter, digit or underscore, and no whitespace or control characters).</summary>
    /// <param name="name">The metric name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidMetricName(string? name) =>
        !string.IsNullOrEmpty(name) && MetricChar().IsMatch(name)
            && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Gets whether <paramref name="name"/> is a valid search-space, input or output name
    /// (<c>^[A-Za-z_][A-Za-z0-9_]*$</c>).</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidParameterName(string? name) => name is not null && ParameterName().IsMatch(name);

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$")]
    private static partial Regex JobName();

    [GeneratedRegex(@"[a-zA-Z0-9_]")]
    private static partial Regex MetricChar();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParameterName();
}
