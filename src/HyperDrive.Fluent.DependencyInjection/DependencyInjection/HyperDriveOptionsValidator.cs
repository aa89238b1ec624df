using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperDrive.Fluent.DependencyInjection;

/// <summary>Checks <see cref="HyperDriveOptions"/> when the host starts; every failure names its configuration key and the fix.</summary>
internal sealed class HyperDriveOptionsValidator(IOptions<HyperDriveRegistration> registration, IServiceProvider services) : IValidateOptions<HyperDriveOptions>
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

        else if (services.GetService(typeof(IServiceProviderIsKeyedService)) is IServiceProviderIsKeyedService keyed
                 && !keyed.IsKeyedService(typeof(ISweepEngine), options.Engine))
        {
            failures.Add($"{section}:Engine is {options.Engine}, but no {options.Engine} engine is registered: register one with " +
                $"services.AddKeyedSingleton<ISweepEngine>(HyperDriveEngineKind.{options.Engine}, ...), or set Engine to another value.");
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

        if (!string.IsNullOrWhiteSpace(azure.WorkspaceId) && !WorkspaceId.TryParse(azure.WorkspaceId, out _))
        {
            failures.Add(
                $"{azureKey}:WorkspaceId '{azure.WorkspaceId}' is not a workspace resource id: expected " +
                "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}.");
        }

        if (azure.Endpoint is { } endpoint && !IsAllowedEndpoint(endpoint))
        {
            failures.Add($"{azureKey}:Endpoint '{endpoint}' must be an absolute https URI such as https://management.azure.com (http only for localhost).");
        }

        if (azure.ApiVersion is { } apiVersion && AzureMLServiceVersions.Find(apiVersion) is null)
        {
            failures.Add($"{azureKey}:ApiVersion '{apiVersion}' is not supported: use one of {string.Join(", ", AzureMLServiceVersions.All.Select(v => v.Name))}, or leave it unset for the client's default.");
        }

        if (azure.PollInterval is { } poll && poll <= TimeSpan.Zero)
        {
            failures.Add($"{azureKey}:PollInterval must be a positive duration such as 00:00:10 (it is {poll}).");
        }

        if (azure.MaxPollInterval is { } maxPoll && maxPoll <= TimeSpan.Zero)
        {
            failures.Add($"{azureKey}:MaxPollInterval must be a positive duration such as 00:01:00 (it is {maxPoll}).");
        }

        ValidateLocal(options, $"{section}:Local", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLocal(HyperDriveOptions options, string localKey, List<string> failures)
    {
        var local = options.Local;
        if (string.IsNullOrWhiteSpace(local.OutputRoot))
        {
            failures.Add($"{localKey}:OutputRoot must name a folder (the default is ./.hyperdrive/runs); remove the key to use the default.");
        }

        if (local.MaxConcurrentTrials is < 1)
        {
            failures.Add($"{localKey}:MaxConcurrentTrials must be 1 or more (it is {local.MaxConcurrentTrials}); remove it to use the processor count.");
        }

        if (local.MlflowPollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{localKey}:MlflowPollInterval must be a positive duration such as 00:00:00.500 (it is {local.MlflowPollInterval}).");
        }

        if (local.PythonExecutable is { } python && string.IsNullOrWhiteSpace(python))
        {
            failures.Add($"{localKey}:PythonExecutable is blank; name an executable such as python3, or remove the key.");
        }
    }

    private static bool IsAllowedEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri
        && (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback));
}
