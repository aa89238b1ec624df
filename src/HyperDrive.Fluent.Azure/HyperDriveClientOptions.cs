using Azure.Core;

namespace HyperDrive.Fluent.Azure;

/// <summary>Options of a <see cref="HyperDriveClient"/>: the service version, the Azure Resource Manager endpoint and
/// token audience (sovereign clouds), and, through <see cref="ClientOptions"/>, retries, transport and
/// diagnostics.</summary>
public class HyperDriveClientOptions : ClientOptions
{
    private const ServiceVersion LatestVersion = ServiceVersion.V2024_10_01;
    private Uri _armEndpoint = new("https://management.azure.com");
    private TimeProvider _timeProvider = TimeProvider.System;
    private TimeSpan _retryAfterCap = TimeSpan.FromSeconds(60);

    /// <summary>The Azure ML REST api-versions this client speaks. The job, model and code bodies are the same in all
    /// of them, except that only the preview has a random sweep's <c>logbase</c>.</summary>
#pragma warning disable CA1707 // Azure SDK convention: service versions are named V{yyyy}_{MM}_{dd}.
    public enum ServiceVersion
    {
        /// <summary>api-version <c>2024-04-01</c> (the version the reference definitions were taken from).</summary>
        V2024_04_01 = 1,

        /// <summary>api-version <c>2024-10-01</c>, the default.</summary>
        V2024_10_01 = 2,

        /// <summary>api-version <c>2025-09-01</c>.</summary>
        V2025_09_01 = 3,

        /// <summary>api-version <c>2024-01-01-preview</c>, the newest preview azure-ai-ml was recorded sending jobs
        /// with; use it for a random sweep with a log base (<c>sampling_algorithm.logbase</c>), which the GA versions
        /// do not have.</summary>
        V2024_01_01_Preview = 4,
    }
#pragma warning restore CA1707

    /// <summary>Initializes options for <paramref name="version"/>.</summary>
    /// <param name="version">The api-version to send.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not a member of
    /// <see cref="ServiceVersion"/>.</exception>
    public HyperDriveClientOptions(ServiceVersion version = LatestVersion)
    {
        ApiVersion = version switch
        {
            ServiceVersion.V2024_04_01 => "2024-04-01",
            ServiceVersion.V2024_10_01 => "2024-10-01",
            ServiceVersion.V2025_09_01 => "2025-09-01",
            ServiceVersion.V2024_01_01_Preview => "2024-01-01-preview",
            _ => throw new ArgumentOutOfRangeException(
                nameof(version), version, "Use a value of HyperDriveClientOptions.ServiceVersion."),
        };
        Version = version;
    }

    /// <summary>Gets the service version requests are sent with.</summary>
    public ServiceVersion Version { get; }

    /// <summary>Gets or sets the Azure Resource Manager endpoint.</summary>
    /// <value>The default value is <c>https://management.azure.com</c> (public cloud); e.g.
    /// <c>https://management.chinacloudapi.cn</c> or <c>https://management.usgovcloudapi.net</c> for sovereign
    /// clouds.</value>
    public Uri ArmEndpoint
    {
        get => _armEndpoint;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.IsAbsoluteUri)
            {
                throw new ArgumentException(
                    $"The ARM endpoint '{value}' must be an absolute URI such as https://management.azure.com.",
                    nameof(value));
            }

            _armEndpoint = value;
        }
    }

    /// <summary>Gets or sets the token audience: tokens are requested for the scope
    /// <c>{Audience}/.default</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the audience is <see cref="ArmEndpoint"/> without its path
    /// (right for the public and sovereign clouds, whose ARM endpoint is also the audience).</value>
    public Uri? Audience { get; set; }

    /// <summary>Gets or sets the clock used to wait between polls of long-running operations (job
    /// cancellation).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets or sets the longest server <c>Retry-After</c> the client honours; a longer one (a reply saying
    /// <c>Retry-After: 100000</c> would otherwise silence a call for 28 hours) is replaced by the client's own
    /// back-off.</summary>
    /// <value>The default value is 60 seconds. Must not be negative.</value>
    public TimeSpan RetryAfterCap
    {
        get => _retryAfterCap;
        set => _retryAfterCap = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(
            nameof(value), value, "The Retry-After cap must not be negative.");
    }

    /// <summary>Gets or sets a callback told, in one sentence, each time a throttled or failing call is retried on the
    /// client's own back-off (the HTTP status, the request id, why, and the wait); the CLI prints it.</summary>
    /// <value>The default value is <see langword="null"/> (retries are silent, as in Azure.Core).</value>
    public Action<string>? RetryNotice { get; set; }

    /// <summary>Gets the api-version string sent in the <c>api-version</c> query parameter.</summary>
    internal string ApiVersion { get; }

    /// <summary>Gets the token scope.</summary>
    internal string Scope
    {
        get
        {
            var audience = Audience ?? ArmEndpoint;
            return audience.GetLeftPart(UriPartial.Authority) + "/.default";
        }
    }
}
