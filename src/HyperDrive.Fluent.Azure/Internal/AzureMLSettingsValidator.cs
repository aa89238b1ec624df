using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Checks the Azure ML settings when the host starts; every failure names its configuration key and the fix. A
/// missing workspace id is reported when the client is first created (the engine need not be the one in use).</summary>
internal sealed class AzureMLSettingsValidator : IValidateOptions<AzureMLSettings>
{
    public ValidateOptionsResult Validate(string? name, AzureMLSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.Source;
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.WorkspaceId) && !WorkspaceId.TryParse(options.WorkspaceId, out _))
        {
            failures.Add(
                $"{key}:WorkspaceId '{options.WorkspaceId}' is not a workspace resource id: expected " +
                "/subscriptions/{subscription}/resourceGroups/{group}/providers/" +
                "Microsoft.MachineLearningServices/workspaces/{name}.");
        }

        if (options.Endpoint is { } endpoint && !IsAllowedEndpoint(endpoint))
        {
            failures.Add(
                $"{key}:Endpoint '{endpoint}' must be an absolute https URI such as https://management.azure.com " +
                "(http only for localhost).");
        }

        if (options.ApiVersion is { } apiVersion && AzureMLServiceVersions.Find(apiVersion) is null)
        {
            failures.Add(
                $"{key}:ApiVersion '{apiVersion}' is not supported: use one of " +
                $"{string.Join(", ", AzureMLServiceVersions.All.Select(v => v.Name))}, or leave it unset for the " +
                "client's default.");
        }

        if (options.PollInterval is { } poll && poll <= TimeSpan.Zero)
        {
            failures.Add($"{key}:PollInterval must be a positive duration such as 00:00:10 (it is {poll}).");
        }

        if (options.MaxPollInterval is { } maxPoll && maxPoll <= TimeSpan.Zero)
        {
            failures.Add($"{key}:MaxPollInterval must be a positive duration such as 00:01:00 (it is {maxPoll}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAllowedEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri
        && (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback));
}
