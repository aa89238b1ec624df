using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;

namespace HyperDrive.Fluent.Azure;

/// <summary>
/// A client for one Azure ML workspace: jobs (sweep, command, pipeline), a sweep's trials and metrics (through the
/// workspace's MLflow endpoint), model registration, environments and code upload. Shaped like the Azure SDK's own
/// clients: every service call has a synchronous and an asynchronous form returning <see cref="Response{T}"/>,
/// <see cref="Pageable{T}"/>/<see cref="AsyncPageable{T}"/> or an <see cref="Operation"/>; every call goes through an
/// Azure.Core pipeline (retries per <see cref="ClientOptions.Retry"/>, logging that never writes the token) inside a
/// distributed-tracing scope named <c>HyperDriveClient.{Method}</c> (ActivitySource
/// <c>HyperDrive.Fluent.Azure.HyperDriveClient</c>, DiagnosticListener <c>HyperDrive.Fluent.Azure</c>); failures
/// surface as
/// <see cref="RequestFailedException"/> carrying the service's error code and message, and every member is virtual so
/// tests can substitute the client.
/// </summary>
public partial class HyperDriveClient
{
    private readonly HttpPipeline _pipeline;
    private readonly ClientDiagnostics _diagnostics;
    private readonly HyperDriveClientOptions _options;
    private readonly string _armBase;
    private AzureMLWorkspace? _workspace;
    private string? _runHistoryBase;

    /// <summary>Initializes a client for mocking.</summary>
    protected HyperDriveClient()
    {
        _pipeline = null!;
        _diagnostics = null!;
        _options = null!;
        _armBase = null!;
        WorkspaceId = null!;
    }

    /// <summary>Initializes a client for the workspace <paramref name="workspaceResourceId"/>.</summary>
    /// <param name="workspaceResourceId">The workspace resource id
    /// <c>/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}</c>
    /// (see <see cref="WorkspaceId"/>).</param>
    /// <param name="credential">The credential tokens are requested from (e.g. <c>DefaultAzureCredential</c>).</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="workspaceResourceId"/> is not a workspace resource
    /// id.</exception>
    public HyperDriveClient(string workspaceResourceId, TokenCredential credential,
        HyperDriveClientOptions? options = null)
        : this(WorkspaceId.Parse(workspaceResourceId ?? throw new ArgumentNullException(nameof(workspaceResourceId))),
            credential, options)
    {
    }

    /// <summary>Initializes a client for the workspace <paramref name="workspaceId"/>.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="credential">The credential tokens are requested from (e.g. <c>DefaultAzureCredential</c>).</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public HyperDriveClient(
        WorkspaceId workspaceId, TokenCredential credential, HyperDriveClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        ArgumentNullException.ThrowIfNull(credential);
        _options = options ?? new HyperDriveClientOptions();
        WorkspaceId = workspaceId;
        _armBase = _options.ArmEndpoint.GetLeftPart(UriPartial.Authority) + _options.ArmEndpoint.AbsolutePath.TrimEnd(
            '/');
        // Retries: ours (Retry-After capped, own jittered back-off when the service gives none), unless the caller set
        // one.
        _options.RetryPolicy ??= new ServiceRetryPolicy(_options);
        _pipeline = HttpPipelineBuilder.Build(
            _options,
            perCallPolicies: [],
            perRetryPolicies: [new ArmTokenPolicy(credential, _options.Scope, _options.TimeProvider)],
            new ResponseClassifier());
        _diagnostics = new ClientDiagnostics(_options);
    }

    /// <summary>Gets the workspace this client works in.</summary>
    public virtual WorkspaceId WorkspaceId { get; }

    /// <summary>Gets the pipeline requests are sent through.</summary>
    internal HttpPipeline Pipeline => _pipeline;

    /// <summary>Gets the options.</summary>
    internal HyperDriveClientOptions Options => _options;

    /// <summary>Gets the workspace (its MLflow tracking URI, region, ...).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="RequestFailedException">The service refused the call; the exception carries its error code and
    /// message.</exception>
    public virtual async Task<Response<AzureMLWorkspace>> GetWorkspaceAsync(
        CancellationToken cancellationToken = default) =>
        await InScopeAsync(nameof(GetWorkspace), () => GetWorkspaceCoreAsync(async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Gets the workspace (its MLflow tracking URI, region, ...).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="RequestFailedException">The service refused the call; the exception carries its error code and
    /// message.</exception>
    public virtual Response<AzureMLWorkspace> GetWorkspace(CancellationToken cancellationToken = default) =>
        InScopeAsync(nameof(GetWorkspace), () => GetWorkspaceCoreAsync(async: false, cancellationToken))
            .EnsureCompleted();

    private async ValueTask<Response<AzureMLWorkspace>> GetWorkspaceCoreAsync(
        bool async, CancellationToken cancellationToken)
    {
        using var message = CreateArmMessage(RequestMethod.Get, string.Empty);
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        var workspace = UnexpectedReply.Read(response, "the workspace", content =>
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            var properties = root.Get("properties");
            return new AzureMLWorkspace(root.GetString("id") ?? WorkspaceId.ToString())
            {
                Location = root.GetString("location"),
                MlflowTrackingUri = properties?.GetString("mlFlowTrackingUri") is { } tracking
                    && Uri.TryCreate(tracking, UriKind.Absolute, out var t) ? t : null,
                DiscoveryUri = properties?.GetString("discoveryUrl") is { } discovery
                    && Uri.TryCreate(discovery, UriKind.Absolute, out var d) ? d : null,
            };
        });
        return Response.FromValue(workspace, response);
    }

    /// <summary>Gets the workspace once per client (its tracking URI does not change); concurrent first callers may
    /// both fetch it.</summary>
    internal async ValueTask<AzureMLWorkspace> GetCachedWorkspaceAsync(bool async, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _workspace) is { } cached)
        {
            return cached;
        }

        var workspace = (await GetWorkspaceCoreAsync(async, cancellationToken).ConfigureAwait(false)).Value;
        Volatile.Write(ref _workspace, workspace);
        return workspace;
    }

    /// <summary>Runs one public call in its <see cref="DiagnosticScope"/> <c>HyperDriveClient.{method}</c> (the sync
    /// method's name), as the Azure SDK's clients do: started before the call, marked failed with the
    /// exception.</summary>
    internal async ValueTask<T> InScopeAsync<T>(string method, Func<ValueTask<T>> call)
    {
        using var scope = _diagnostics.CreateScope(nameof(HyperDriveClient) + "." + method);
        scope.Start();
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            scope.Failed(e);
            throw;
        }
    }

    /// <summary>Wraps each page fetch of a pageable in the scope <c>HyperDriveClient.{method}</c>.</summary>
    internal PageFetcher<T> InScope<T>(string method, PageFetcher<T> fetch)
        where T : notnull =>
        (token, size, async, ct) => InScopeAsync(method, () => fetch(token, size, async, ct));

    /// <summary>Creates a message to <c>{arm}{workspace}/{relativePath}?api-version=...</c>; the caller escapes path
    /// segments.</summary>
    internal HttpMessage CreateArmMessage(
        RequestMethod method, string relativePath, params (string Name, string? Value)[] query)
    {
        var path = _armBase + WorkspaceId + (relativePath.Length == 0 ? string.Empty : "/" + relativePath);
        var uri = path + "?api-version=" + Uri.EscapeDataString(_options.ApiVersion);
        foreach (var (name, value) in query)
        {
            if (value is not null)
            {
                uri += "&" + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
            }
        }

        return CreateMessage(method, new Uri(uri));
    }

    internal HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        return message;
    }

    internal static void SetJsonContent(HttpMessage message, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(new BinaryData(buffer.ToArray()));
    }

    /// <summary>Sends <paramref name="message"/>; a status not in <paramref name="expected"/> throws
    /// <see cref="RequestFailedException"/>.</summary>
    internal async ValueTask<Response> SendAsync(HttpMessage message, bool async, CancellationToken cancellationToken,
        params int[] expected)
    {
        if (async)
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _pipeline.Send(message, cancellationToken);
        }

        var response = message.Response;
        if (!expected.Contains(response.Status))
        {
            throw IsMlflow(message.Request.Uri.Path)
                ? new RequestFailedException(response, null, MlflowErrorParser.Instance)
                : new RequestFailedException(response);
        }

        return response;
    }

    private static bool IsMlflow(string path) => path.Contains("/api/2.0/mlflow/", StringComparison.Ordinal);

    internal static string EscapeSegment(string value) => Uri.EscapeDataString(value);
}
