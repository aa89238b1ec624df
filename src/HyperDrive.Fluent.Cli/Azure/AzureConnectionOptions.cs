using System.CommandLine;
using Azure.Core;
using HyperDrive.Fluent.Azure;

namespace HyperDrive.Fluent.Cli.Azure;

/// <summary>The options every Azure command shares (<c>--workspace</c>, <c>--endpoint</c>, <c>--api-version</c>) and
/// how they become a client.</summary>
internal sealed class AzureConnectionOptions
{
    /// <summary>The short note on credentials in each Azure command's description.</summary>
    public const string CredentialsShort =
        "Credentials: HYPERDRIVE_ACCESS_TOKEN when set, else DefaultAzureCredential; tokens are never printed.";

    /// <summary>The help text's note on credentials.</summary>
    public const string CredentialsHelp =
        "Credentials: the bearer token in the environment variable HYPERDRIVE_ACCESS_TOKEN when it is set " +
        "(e.g. from 'az account get-access-token --resource https://management.azure.com " +
        "--query accessToken -o tsv'), " +
        "otherwise DefaultAzureCredential (az login, managed identity, environment variables, ...). Tokens are never " +
            "printed.";

    public AzureConnectionOptions()
    {
        Workspace = new Option<string>("--workspace")
        {
            Description =
                "The workspace ARM id: " +
                "/subscriptions/S/resourceGroups/R/providers/Microsoft.MachineLearningServices/workspaces/W.",
            Required = true,
        };
        Workspace.Validators.Add(result =>
        {
            if (!WorkspaceId.TryParse(result.GetValue(Workspace), out _))
            {
                result.AddError(
                    $"--workspace '{result.GetValue(Workspace)}' is not an Azure ML workspace ARM id; expected " +
                    "/subscriptions/S/resourceGroups/R/providers/Microsoft.MachineLearningServices/workspaces/W ('az " +
                    "ml workspace show -n W -g R --query id -o tsv' prints it).");
            }
        });

        Endpoint = new Option<string?>("--endpoint")
        {
            Description =
                "The Azure Resource Manager endpoint (default https://management.azure.com; e.g. " +
                "https://management.chinacloudapi.cn or https://management.usgovcloudapi.net for sovereign clouds).",
        };
        Endpoint.Validators.Add(result =>
        {
            var value = result.GetValue(Endpoint);
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                result.AddError(
                    $"--endpoint '{value}' must be an absolute https URL such as https://management.azure.com.");
            }
        });
    }

    /// <summary>The api-versions <c>--api-version</c> accepts: the names of
    /// <see cref="HyperDriveClientOptions.ServiceVersion"/> as the service spells them (<c>V2024_01_01_Preview</c> is
    /// <c>2024-01-01-preview</c>).</summary>
    public static IReadOnlyList<(string Name, HyperDriveClientOptions.ServiceVersion Version)> ApiVersions { get; } =
        Enum.GetValues<HyperDriveClientOptions.ServiceVersion>()
            .Select(v => (v.ToString().TrimStart('V').Replace('_', '-').ToLowerInvariant(), v))
            .ToList();

    /// <summary>Gets <c>--api-version</c>.</summary>
    public Option<string?> ApiVersion { get; } = CreateApiVersion();

    /// <summary>Gets <c>--workspace</c>.</summary>
    public Option<string> Workspace { get; }

    /// <summary>Gets <c>--endpoint</c>.</summary>
    public Option<string?> Endpoint { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Workspace);
        command.Options.Add(Endpoint);
        command.Options.Add(ApiVersion);
    }

    /// <summary>Creates the client for the parsed workspace and endpoint.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="services">Where the credential and client settings come from.</param>
    /// <param name="notices">Where retry notices go (a throttled call retried on the client's own back-off); standard
    /// error.</param>
    /// <returns>The client.</returns>
    public HyperDriveClient CreateClient(ParseResult parseResult, CliServices services, TextWriter? notices = null)
    {
        var options = parseResult.GetValue(ApiVersion) is { } apiVersion
            ? new HyperDriveClientOptions(ApiVersions.First(v => v.Name == apiVersion).Version)
            : new HyperDriveClientOptions();
        if (notices is not null)
        {
            options.RetryNotice = message => notices.WriteLine($"hyperdrive: {message}");
        }

        if (parseResult.GetValue(Endpoint) is { } endpoint)
        {
            options.ArmEndpoint = new Uri(endpoint);
        }

        services.ConfigureClient?.Invoke(options);
        return new HyperDriveClient(parseResult.GetValue(Workspace)!, CreateCredential(services), options);
    }

    private static Option<string?> CreateApiVersion()
    {
        var option = new Option<string?>("--api-version")
        {
            Description =
                "The Azure ML REST api-version (default 2024-10-01; 2024-01-01-preview for a random sweep with " +
                "sampling_algorithm.logbase, which the GA versions do not have).",
        };
        option.AcceptOnlyFromAmong([.. ApiVersions.Select(v => v.Name)]);
        return option;
    }

    private static TokenCredential CreateCredential(CliServices services) =>
        services.GetEnvironmentVariable(EnvironmentTokenCredential.VariableName) is { } token
            && !string.IsNullOrWhiteSpace(token)
            ? new EnvironmentTokenCredential(token)
            : services.CreateDefaultCredential();
}
