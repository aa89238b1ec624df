using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.DependencyInjection;

/// <summary>Checks <see cref="HyperDriveOptions"/> when the host starts; every failure names its configuration key and the fix.</summary>
internal sealed partial class HyperDriveOptionsValidator(IOptions<HyperDriveRegistration> registration) : IValidateOptions<HyperDriveOptions>
{
    public ValidateOptionsResult Validate(string? name, HyperDriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = registration.Value.SectionPath;
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Engine))
        {
            failures.Add($"{section}:Engine must be Local or AzureML (it is {(int)options.Engine}).");
        }

        var azure = options.AzureML;
        var azureKey = $"{section}:AzureML";
        if (options.Engine == HyperDriveEngineKind.AzureML)
        {
            if (string.IsNullOrWhiteSpace(azure.WorkspaceId))
            {
                failures.Add(
                    $"{azureKey}:WorkspaceId is required when Engine is AzureML: set it to the workspace's resource id " +
                    "(/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}), " +
                    "or set Engine to Local.");
            }
        }

        if (!string.IsNullOrWhiteSpace(azure.WorkspaceId) && !WorkspaceIdPattern().IsMatch(azure.WorkspaceId))
        {
            failures.Add(
                $"{azureKey}:WorkspaceId '{azure.WorkspaceId}' is not a workspace resource id: expected " +
                "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}.");
        }

        if (azure.Endpoint is { } endpoint && !IsAllowedEndpoint(endpoint))
        {
            failures.Add($"{azureKey}:Endpoint '{endpoint}' must be an absolute https URI such as https://management.azure.com (http only for localhost).");
        }

        if (azure.ApiVersion is { } apiVersion && !ApiVersionPattern().IsMatch(apiVersion))
        {
            failures.Add($"{azureKey}:ApiVersion '{apiVersion}' must be a date such as 2024-04-01, optionally followed by -preview.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAllowedEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri
        && (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback));

    [GeneratedRegex(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.MachineLearningServices/workspaces/[^/]+/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorkspaceIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}
