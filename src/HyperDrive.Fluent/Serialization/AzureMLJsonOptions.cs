using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Serialization;

/// <summary>Options of <see cref="AzureMLJson"/>. Immutable; change a copy with <c>with { ... }</c>.</summary>
public sealed partial record AzureMLJsonOptions
{
    /// <summary>The api-version <see cref="ApiVersion"/> defaults to: a widely deployed stable version whose sweep-job
    /// body is the one this library writes.</summary>
    public const string DefaultApiVersion = "2024-10-01";

    private readonly string? _workspaceId;

    /// <summary>Gets the default options.</summary>
    public static AzureMLJsonOptions Default { get; } = new();

    /// <summary>Gets the workspace's ARM id,
    /// <c>/subscriptions/S/resourceGroups/R/providers/Microsoft.MachineLearningServices/workspaces/W</c>.
    /// When set, a compute given by name (<c>cpu-cluster</c> or <c>azureml:cpu-cluster</c>) is written as
    /// <c>{WorkspaceId}/computes/cpu-cluster</c>, a code asset <c>azureml:name:version</c> as
    /// <c>{WorkspaceId}/codes/name/versions/version</c>, and the reader maps a compute id of exactly that form back to
    /// <c>azureml:cpu-cluster</c>.</summary>
    /// <value>The default value is <see langword="null"/>: names are written as given and ARM ids are read as
    /// given.</value>
    /// <exception cref="ArgumentException">The value is not a workspace ARM id.</exception>
    public string? WorkspaceId
    {
        get => _workspaceId;
        init
        {
            if (value is not null && !WorkspaceIdPattern().IsMatch(value))
            {
                throw new ArgumentException(
                    $"'{value}' is not a workspace ARM id; expected " +
                        "/subscriptions/<subscription>/resourceGroups/<group>/providers/" +
                        "Microsoft.MachineLearningServices/workspaces/<workspace>.",
                    nameof(WorkspaceId));
            }

            _workspaceId = value?.TrimEnd('/');
        }
    }

    /// <summary>Gets the api-version the body is meant for (the Azure engine puts it in the request URL).</summary>
    /// <value>The default value is <see cref="DefaultApiVersion"/> (<c>2024-10-01</c>).</value>
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>Gets whether the JSON text is indented.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Indented { get; init; } = true;

    /// <summary>Gets the code asset ids of local code folders: the key is the folder exactly as the definition gives it
    /// (<c>./src</c>), the value the ARM id (or <c>azureml:name:version</c>) of the uploaded code version. The Azure
    /// engine uploads each folder and fills this map before it writes the body.</summary>
    /// <value>The default value is an empty map.</value>
    public IReadOnlyDictionary<string, string> CodeIds { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets what happens to a local code folder that has no entry in <see cref="CodeIds"/>.</summary>
    /// <value>The default value is <see cref="LocalCodeHandling.Reject"/>.</value>
    public LocalCodeHandling LocalCode { get; init; } = LocalCodeHandling.Reject;

    /// <summary>Gets whether the job's <see cref="JobDefinition.Name"/> is written as the ARM envelope's read-only
    /// <c>name</c> (next to <c>properties</c>, as a GET response carries it). A PUT body does not need it (the name is
    /// the URL's <c>{id}</c>); set it for files that must keep the name when read back.</summary>
    /// <value>The default value is <see langword="false"/>: the body is exactly <c>{"properties": {...}}</c>.</value>
    public bool IncludeName { get; init; }

    /// <summary>Gets the bounds on a document read (its size; JSON nesting is bounded at 64 levels by the
    /// parser).</summary>
    /// <value>The default value is <see cref="AzureMLReadLimits.Default"/> (10 MB).</value>
    public AzureMLReadLimits ReadLimits { get; init; } = AzureMLReadLimits.Default;

    [GeneratedRegex(
        @"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.MachineLearningServices/workspaces/[^/]+/?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex WorkspaceIdPattern();
}
