using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using HyperDrive.Fluent.Testing.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>
/// A loopback fake of Azure ML, started by the tests on https://127.0.0.1:{ephemeral} with a self-signed certificate:
/// ARM (workspace, jobs PUT/GET/list/cancel with its mfeOperationResults polling, codes with startPendingUpload, models), the
/// workspace's discovery document and run history (a sweep's children), a blob endpoint for the SAS upload (IP-style:
/// /{account}/{container}/{blob}) and MLflow (metrics/get-history; runs/search and experiments/get-by-name are kept for older
/// callers). Wherever the service was recorded (<c>TestData/recordings/</c>, see its INDEX.md) the fake answers with the
/// recorded status, headers and body, its own names substituted (<see cref="Recording"/>): the workspace, discovery, children
/// listing, job 404, cancel (202 <c>"null"</c> + Location, polls 202 <c>{}</c> then 200 empty, direct 200, 400 terminal),
/// code versions by hash, startPendingUpload and code version PUT (201 new, 200 existing). It checks every bearer token,
/// validates every job and model PUT body against the REST definitions, simulates a sweep's life (NotStarted, Running with
/// trials reporting metrics, Completed with best_child_run_id; one step per GET of the job), and injects faults on demand.
/// </summary>
public sealed class FakeAzureML : IAsyncDisposable
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000000";
    public const string ApiVersion = "2024-10-01";

    /// <summary>The preview api-version the fake also answers (the client's <c>V2024_01_01_Preview</c>): its job bodies are
    /// the GA ones plus a random sweep's <c>samplingAlgorithm.logbase</c>, a string (the preview SDKs' <c>Logbase</c>).</summary>
    public const string PreviewApiVersion = "2024-01-01-preview";
    public const string SasSignature = "c2VjcmV0LXNhcy1zaWduYXR1cmU%3D";
    public static readonly string WorkspacePath = $"/subscriptions/{SubscriptionId}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly RestContractValidator _validator;
    private readonly object _sync = new();
    private readonly HashSet<string> _expired = new(StringComparer.Ordinal);
    private readonly List<Fault> _faults = [];
    private int _operationCounter;

    private FakeAzureML(WebApplication app, X509Certificate2 certificate, RestContractValidator validator)
    {
        _app = app;
        _certificate = certificate;
        _validator = validator;
    }

    public Uri Endpoint { get; private set; } = null!;

    public FakeCredential Credential { get; } = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentQueue<string> ContractViolations { get; } = new();

    public ConcurrentDictionary<string, FakeJob> Jobs { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, JsonObject> Codes { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, JsonObject> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the environment versions the workspace holds, keyed <c>name/version</c>, in creation order (what the
    /// client created, and what a test registers with <see cref="RegisterEnvironment"/>).</summary>
    public ConcurrentDictionary<string, (long Order, JsonObject Resource)> Environments { get; } = new(StringComparer.Ordinal);

    private long _environmentOrder;

    /// <summary>Registers a named environment version (as <c>az ml environment create</c> would), created after the ones before.</summary>
    public void RegisterEnvironment(string name, string version, string image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04")
    {
        // Recorded: the latest-version listing's entry (a registered, non-anonymous version) is the template.
        var template = Recording.Load(Recordings.EnvironmentLatest).BodyObject["value"]![0]!.AsObject();
        template["id"] = $"{WorkspacePath}/environments/{name}/versions/{version}";
        template["name"] = version;
        template["properties"]!["image"] = image;
        Environments[name + "/" + version] = (Interlocked.Increment(ref _environmentOrder), template);
    }

    public HashSet<string> Computes { get; } = new(StringComparer.OrdinalIgnoreCase) { "cpu-cluster", "testCompute" };

    /// <summary>Gets or sets how many runs one runs/search page holds at most (whatever the client asks).</summary>
    public int RunsPageSize { get; set; } = 2;

    /// <summary>Gets or sets how many values one metrics/get-history page holds.</summary>
    public int HistoryPageSize { get; set; } = 1;

    /// <summary>Gets or sets how many jobs one jobs list page holds.</summary>
    public int JobsPageSize { get; set; } = 2;

    /// <summary>Gets or sets how many runs one run-history children page holds (<see langword="null"/>: all in one reply without a
    /// <c>nextLink</c>, as every recorded children reply is).</summary>
    public int? ChildrenPageSize { get; set; }

    /// <summary>Gets or sets how many polls of a cancel operation answer 202 before one answers 200 (recorded: 1, and 0).</summary>
    public int CancelPollsBeforeDone { get; set; } = 1;

    /// <summary>Gets or sets whether cancel answers 200 at once with an empty body and no Location (recorded
    /// <c>cancel_job_200__*</c>) instead of 202.</summary>
    public bool CancelAnswersDirectly { get; set; }

    /// <summary>Gets or sets whether a completed sweep gets <c>best_child_run_id</c>.</summary>
    public bool SetBestChildRunId { get; set; } = true;

    /// <summary>Gets or sets the script of every sweep job created from now on (see <see cref="FakeJob.Script"/>).</summary>
    public Func<int, FakeTrialScript>? TrialScript { get; set; }

    /// <summary>Gets or sets the <c>Retry-After</c> (seconds) sent with a running job's GET.</summary>
    public int? RunningRetryAfterSeconds { get; set; }

    public HttpPipelineTransport CreateTransport() =>
        new HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.Thumbprint == _certificate.Thumbprint,
        });

    public HyperDriveClientOptions CreateOptions(TimeProvider? timeProvider = null)
    {
        var options = new HyperDriveClientOptions
        {
            ArmEndpoint = Endpoint,
            Audience = new Uri("https://management.azure.com"),
            Transport = CreateTransport(),
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxRetries = 4;
        if (timeProvider is not null)
        {
            options.TimeProvider = timeProvider;
        }

        return options;
    }

    public HyperDriveClient CreateClient(TimeProvider? timeProvider = null) => new(WorkspacePath, Credential, CreateOptions(timeProvider));

    public void Inject(Fault fault)
    {
        lock (_sync)
        {
            _faults.Add(fault);
        }
    }

    public static async Task<FakeAzureML> StartAsync()
    {
        var certificate = SharedCertificate.Value;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var validator = RestContractValidator.Load(Path.Combine(AppContext.BaseDirectory, "Shared", "RestContract", "sweepjob-definitions.json"));
        var fake = new FakeAzureML(app, certificate, validator);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>Registers a job whose GET replays a recorded service response body verbatim.</summary>
    public void ReplayJob(string name, string responseBody) =>
        Jobs[name] = new FakeJob(name, JsonNode.Parse(responseBody)!.AsObject()) { Replayed = true };

    public int Count(string method, string pathContains) =>
        Requests.Count(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // One loopback certificate for every fake in the process: making an RSA-2048 key per test cost most of the Azure
    // tests' wall time (issue 12). Never disposed: it lives as long as the test process.
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(CreateCertificate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var path = request.Path.Value ?? "/";
        Requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? string.Empty, body, request.Headers.Authorization.ToString()));

        var fault = TakeFault(request.Method, path);
        if (fault?.Kind == FaultKind.ResetBeforeProcessing)
        {
            context.Abort();
            return;
        }

        if (fault?.Kind == FaultKind.Status && fault.Recording is { } recorded)
        {
            await new DiscardingContext(context, discard: false).WriteRecordingAsync(recorded, Endpoint);
            return;
        }

        if (fault?.Kind == FaultKind.Status)
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
            }

            if (fault.Body is { } faultBody)
            {
                context.Response.StatusCode = fault.Status;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(faultBody);
                return;
            }

            await WriteErrorAsync(context, fault.Status, fault.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", "Injected fault.");
            return;
        }

        if (path.StartsWith("/fakestorage/", StringComparison.Ordinal))
        {
            await HandleBlobAsync(context, path, body);
            return;
        }

        if (fault?.Kind == FaultKind.ExpireToken)
        {
            ExpireTokens();
        }

        if (!Authorized(request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The access token has expired.\"";
            await WriteErrorAsync(context, 401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time.");
            return;
        }

        if (fault?.Kind == FaultKind.ResetAfterProcessing)
        {
            await RouteAsync(new DiscardingContext(context), path, body);
            context.Abort();
            return;
        }

        if (fault?.Kind == FaultKind.ReplaceReplyAfterProcessing)
        {
            await RouteAsync(new DiscardingContext(context), path, body);
            context.Response.Headers.Clear();
            context.Response.StatusCode = fault.Status;
            context.Response.ContentType = fault.ContentType ?? "application/json; charset=utf-8";
            context.Response.Headers["x-ms-correlation-request-id"] = "fault-" + Guid.NewGuid().ToString("N")[..12];
            if (!string.IsNullOrEmpty(fault.Body))
            {
                await context.Response.WriteAsync(fault.Body);
            }

            return;
        }

        await RouteAsync(new DiscardingContext(context, discard: false), path, body);
    }

    private Fault? TakeFault(string method, string path)
    {
        lock (_sync)
        {
            var fault = _faults.FirstOrDefault(f => f.Count > 0 && f.Method == method && path.Contains(f.PathContains, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Count--;
            }

            return fault;
        }
    }

    private bool Authorized(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var token = header["Bearer ".Length..];
        lock (_sync)
        {
            return Credential.Issued.Contains(token) && !_expired.Contains(token);
        }
    }

    /// <summary>Makes every token issued so far invalid (as if they had expired).</summary>
    public void ExpireTokens()
    {
        lock (_sync)
        {
            foreach (var token in Credential.Issued)
            {
                _expired.Add(token);
            }
        }
    }

    private async Task RouteAsync(DiscardingContext context, string path, string body)
    {
        var http = context.Http;
        var method = http.Request.Method;
        var mlflowPrefix = "/mlflow/v1.0" + WorkspacePath + "/api/2.0/mlflow/";
        if (path.StartsWith(mlflowPrefix, StringComparison.Ordinal))
        {
            await HandleMlflowAsync(context, path[mlflowPrefix.Length..], body);
            return;
        }

        if (path == "/discovery" && method == "GET")
        {
            // Recorded: GET {discoveryUrl} -> the regional endpoints; the client must take "api" (run history lives there).
            await context.WriteRecordingAsync(Recording.Load(Recordings.Discovery), Endpoint, ("https://master.api.azureml-test.ms", Endpoint.AbsoluteUri.TrimEnd('/')));
            return;
        }

        var historyPrefix = "/history/v1.0" + WorkspacePath + "/runs/";
        if (path.StartsWith(historyPrefix, StringComparison.Ordinal) && path.EndsWith("/children", StringComparison.Ordinal) && method == "GET")
        {
            await ListChildrenAsync(context, Uri.UnescapeDataString(path[historyPrefix.Length..^"/children".Length]));
            return;
        }

        var operationsPrefix = $"/subscriptions/{SubscriptionId}/providers/Microsoft.MachineLearningServices/locations/";
        if (path.StartsWith(operationsPrefix, StringComparison.Ordinal) && path.Contains("/mfeOperationResults/jc:", StringComparison.Ordinal) && method == "GET")
        {
            await CancelStatusAsync(context, Uri.UnescapeDataString(path)[(Uri.UnescapeDataString(path).LastIndexOf(':') + 1)..]);
            return;
        }

        if (!path.StartsWith(WorkspacePath, StringComparison.Ordinal))
        {
            await context.WriteErrorAsync(404, "NotFound", $"No route for {path}.");
            return;
        }

        if (http.Request.Query["api-version"] != ApiVersion && http.Request.Query["api-version"] != PreviewApiVersion)
        {
            await context.WriteErrorAsync(400, "InvalidApiVersion", $"Expected api-version {ApiVersion}.");
            return;
        }

        var rest = path[WorkspacePath.Length..].Trim('/');
        var segments = rest.Length == 0 ? [] : rest.Split('/').Select(Uri.UnescapeDataString).ToArray();
        switch (segments)
        {
            case []:
                await GetWorkspaceAsync(context);
                return;
            case ["jobs"] when method == "GET":
                await ListJobsAsync(context);
                return;
            case ["jobs", var name] when method == "PUT":
                await PutJobAsync(context, name, body);
                return;
            case ["jobs", var name] when method == "GET":
                await GetJobAsync(context, name);
                return;
            case ["jobs", var name, "cancel"] when method == "POST":
                await CancelJobAsync(context, name);
                return;
            case ["codes", _, "versions"] when method == "GET":
                await FindCodeAsync(context);
                return;
            case ["codes", var name, "versions", var version, "startPendingUpload"] when method == "POST":
                await StartPendingUploadAsync(context, name, version, body);
                return;
            case ["codes", var name, "versions", var version] when method == "PUT":
                await PutCodeAsync(context, name, version, body);
                return;
            case ["environments", var name, "versions", var version] when method == "PUT":
                await PutEnvironmentAsync(context, name, version, body);
                return;
            case ["environments", var name, "versions"] when method == "GET":
                await ListEnvironmentVersionsAsync(context, name);
                return;
            case ["models", var name] when method == "GET":
                await GetModelAsync(context, name);
                return;
            case ["models", var name, "versions", var version] when method == "PUT":
                await PutModelAsync(context, name, version, body);
                return;
            default:
                await context.WriteErrorAsync(404, "NotFound", $"No route for {method} {path}.");
                return;
        }
    }

    private async Task PutJobAsync(DiscardingContext context, string name, string body)
    {
        List<RestContractViolation> previewViolations = [];
        var checkedBody = context.Http.Request.Query["api-version"] == PreviewApiVersion ? WithoutPreviewFields(body, previewViolations) : body;
        IReadOnlyList<RestContractViolation> violations = [.. previewViolations, .. _validator.Validate(checkedBody)];
        foreach (var violation in violations)
        {
            ContractViolations.Enqueue($"jobs/{name}: {violation}");
        }

        if (violations.Count > 0)
        {
            await context.WriteErrorAsync(400, "UserError", "The request body does not match the contract: " + string.Join("; ", violations));
            return;
        }

        var resource = JsonNode.Parse(body)!.AsObject();
        var properties = resource["properties"]!.AsObject();
        var computeId = (string?)properties["computeId"];
        if (computeId is not null && !Computes.Contains(computeId.Split('/').Last()))
        {
            await context.WriteErrorAsync(400, "UserError", $"Compute '{computeId.Split('/').Last()}' was not found in workspace 'ws'. Create it or pick an existing compute.");
            return;
        }

        var created = !Jobs.ContainsKey(name);
        var job = Jobs.AddOrUpdate(name, _ => FakeJob.Create(name, properties, TrialScript), (_, existing) => existing.Update(properties));
        context.Http.Response.Headers.Location = $"{Endpoint.AbsoluteUri.TrimEnd('/')}{WorkspacePath}/jobs/{name}?api-version={ApiVersion}";
        await context.WriteJsonAsync(created ? 201 : 200, job.ToResource(Endpoint));
    }

    private async Task GetWorkspaceAsync(DiscardingContext context)
    {
        // Recorded workspace GET, with this fake's discovery URL and MLflow tracking URI.
        var recording = Recording.Load(Recordings.Workspace);
        var workspace = JsonNode.Parse(Recording.Substitute(recording.BodyText, Endpoint))!.AsObject();
        workspace["name"] = "ws";
        workspace["properties"]!["discoveryUrl"] = $"{Endpoint.AbsoluteUri.TrimEnd('/')}/discovery";
        workspace["properties"]!["mlFlowTrackingUri"] = $"azureml://{Endpoint.Authority}/mlflow/v1.0{WorkspacePath}";
        await context.WriteRecordingAsync(recording, Endpoint, workspace.ToJsonString());
    }

    private async Task ListChildrenAsync(DiscardingContext context, string parent)
    {
        if (!Jobs.TryGetValue(parent, out var job))
        {
            await context.WriteErrorAsync(404, "UserError", $"Run {parent} was not found.");
            return;
        }

        var recording = Recording.Load(Recordings.Children);
        var template = recording.BodyObject["value"]![0]!.AsObject();
        var skip = int.TryParse(context.Http.Request.Query["$skip"], out var s) ? s : 0;
        var trials = job.Trials.ToList();
        var page = ChildrenPageSize is { } size ? trials.Skip(skip).Take(size).ToList() : trials;
        var result = new JsonObject { ["value"] = new JsonArray(page.Select(t => (JsonNode)t.ToRunHistoryRun(template, parent)).ToArray()) };
        if (ChildrenPageSize is { } pageSize && skip + pageSize < trials.Count)
        {
            result["nextLink"] = $"{Endpoint.AbsoluteUri.TrimEnd('/')}/history/v1.0{WorkspacePath}/runs/{parent}/children?$skip={skip + pageSize}";
        }

        await context.WriteRecordingAsync(recording, Endpoint, result.ToJsonString());
    }

    private async Task GetJobAsync(DiscardingContext context, string name)
    {
        if (!Jobs.TryGetValue(name, out var job))
        {
            // Recorded: 404 UserError "Job {name} not found." with the MFE's additionalInfo.
            await context.WriteRecordingAsync(Recording.Load(Recordings.JobNotFound), Endpoint, ("test_594403285257", name));
            return;
        }

        if (job.Replayed)
        {
            await context.WriteJsonAsync(200, job.Recorded!);
            return;
        }

        job.Advance(SetBestChildRunId);
        if (RunningRetryAfterSeconds is { } seconds && !job.IsTerminal)
        {
            context.Http.Response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await context.WriteJsonAsync(200, job.ToResource(Endpoint));
    }

    private async Task ListJobsAsync(DiscardingContext context)
    {
        var skip = int.TryParse(context.Http.Request.Query["$skipToken"], out var s) ? s : 0;
        var all = Jobs.Values.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
        var page = all.Skip(skip).Take(JobsPageSize).ToList();
        var result = new JsonObject { ["value"] = new JsonArray(page.Select(j => (JsonNode)j.ToResource(Endpoint)).ToArray()) };
        if (skip + JobsPageSize < all.Count)
        {
            result["nextLink"] = $"{Endpoint.AbsoluteUri.TrimEnd('/')}{WorkspacePath}/jobs?api-version={ApiVersion}&$skipToken={skip + JobsPageSize}";
        }

        await context.WriteJsonAsync(200, result);
    }

    private async Task CancelJobAsync(DiscardingContext context, string name)
    {
        if (!Jobs.TryGetValue(name, out var job))
        {
            await context.WriteRecordingAsync(Recording.Load(Recordings.JobNotFound), Endpoint, ("test_594403285257", name));
            return;
        }

        if (job.IsTerminal)
        {
            // Recorded: 400 UserError "The pipeline run ... is in terminal status, it can't be canceled."
            await context.WriteRecordingAsync(Recording.Load(Recordings.CancelTerminal), Endpoint, ("000000000000000000000", name));
            return;
        }

        job.CancelPolls = 0;
        if (CancelAnswersDirectly)
        {
            // Recorded: 200 with an empty body and no Location.
            job.Status = "Canceled";
            await context.WriteRecordingAsync(Recording.Load(Recordings.CancelDirect), Endpoint);
            return;
        }

        // Recorded: 202, body "null", Location .../mfeOperationResults/jc:{workspace guid}:{job}, no Retry-After.
        job.Status = "CancelRequested";
        Interlocked.Increment(ref _operationCounter);
        await context.WriteRecordingAsync(Recording.Load(Recordings.CancelAccepted), Endpoint, ("test_718054104610", name));
    }

    private async Task CancelStatusAsync(DiscardingContext context, string name)
    {
        if (!Jobs.TryGetValue(name, out var job))
        {
            await context.WriteErrorAsync(404, "NotFound", $"No operation for {name}.");
            return;
        }

        if (job.CancelPolls++ < CancelPollsBeforeDone)
        {
            // Recorded: 202 {} with the Location again.
            await context.WriteRecordingAsync(Recording.Load(Recordings.CancelPollRunning), Endpoint, ("test_718054104610", name));
            return;
        }

        // Recorded: 200 with an empty body: done.
        job.Status = "Canceled";
        await context.WriteRecordingAsync(Recording.Load(Recordings.CancelPollDone), Endpoint, ("test_718054104610", name));
    }

    private async Task FindCodeAsync(DiscardingContext context)
    {
        var hash = (string?)context.Http.Request.Query["hash"];
        var matches = Codes.Values.Where(c => (string?)c["properties"]?["properties"]?["hash_sha256"] == hash && hash is not null).ToList();
        if (matches.Count == 0)
        {
            // Recorded: {"value": []} (not found; the upload follows).
            await context.WriteRecordingAsync(Recording.Load(Recordings.CodeByHashNotFound), Endpoint);
            return;
        }

        // Recorded: the version found (which may live under another code name than the one asked for).
        await context.WriteRecordingAsync(
            Recording.Load(Recordings.CodeByHashFound),
            Endpoint,
            new JsonObject { ["value"] = new JsonArray(matches.Select(m => m.DeepClone()).ToArray()) }.ToJsonString());
    }

    private async Task StartPendingUploadAsync(DiscardingContext context, string name, string version, string body)
    {
        if ((string?)JsonNode.Parse(body)?["pendingUploadType"] != "TemporaryBlobReference")
        {
            await context.WriteErrorAsync(400, "UserError", "pendingUploadType must be TemporaryBlobReference.");
            return;
        }

        // Recorded: blobReferenceForConsumption {blobUri (with :443), storageAccountArmId, credential {SAS, sasUri}},
        // pendingUploadType "None" in the reply; here the blob URIs point at this fake's storage.
        var recording = Recording.Load(Recordings.StartPendingUpload);
        var reply = JsonNode.Parse(Recording.Substitute(recording.BodyText, Endpoint))!.AsObject();
        var container = $"{Endpoint.AbsoluteUri.TrimEnd('/')}/fakestorage/tmp-{name}-{version}";
        var reference = reply["blobReferenceForConsumption"]!.AsObject();
        var recordedSas = (string)reference["credential"]!["sasUri"]!;
        var query = recordedSas[recordedSas.IndexOf('?', StringComparison.Ordinal)..];
        reference["blobUri"] = container;
        reference["credential"]!["sasUri"] = container + query[..(query.IndexOf("sig=", StringComparison.Ordinal) + 4)] + SasSignature;
        await context.WriteRecordingAsync(recording, Endpoint, reply.ToJsonString());
    }

    private async Task PutCodeAsync(DiscardingContext context, string name, string version, string body)
    {
        var properties = JsonNode.Parse(body)!["properties"]!.AsObject();
        var id = $"{WorkspacePath}/codes/{name}/versions/{version}";
        var created = !Codes.ContainsKey(id);

        // Recorded: 201 for a new version (with Location), 200 for a re-PUT of an existing one; the reply says isAnonymous false.
        var recording = Recording.Load(created ? Recordings.CodePutCreated : Recordings.CodePutExisting);
        var resource = JsonNode.Parse(Recording.Substitute(recording.BodyText, Endpoint))!.AsObject();
        resource["id"] = id;
        resource["name"] = version;
        resource["properties"]!["properties"] = properties["properties"]?.DeepClone();
        resource["properties"]!["codeUri"] = properties["codeUri"]?.DeepClone();
        Codes[id] = resource;
        await context.WriteRecordingAsync(
            recording,
            Endpoint,
            resource.ToJsonString(),
            ("codes/000000000000000000000/versions/1", $"codes/{name}/versions/{version}"));
    }

    private async Task PutEnvironmentAsync(DiscardingContext context, string name, string version, string body)
    {
        var properties = JsonNode.Parse(body)?["properties"] as JsonObject;
        if (properties is null || (string?)properties["image"] is null)
        {
            await context.WriteErrorAsync(400, "UserError", "An environment needs properties.image (or a build context).");
            return;
        }

        var conda = (string?)properties["condaFile"];
        if (conda is not null && conda.Contains("python=3.7", StringComparison.Ordinal))
        {
            // Recorded: the service refuses an end-of-life Python in the conda file (400 UserError, InnerError NewRecommendedPythonVersions).
            await context.WriteRecordingAsync(Recording.Load(Recordings.EnvironmentPythonEndOfLife), Endpoint);
            return;
        }

        // Recorded: 201 for a new anonymous version and 201 again for a repeated PUT of the same one; the reply adds
        // environmentType, osType, autoRebuild, stage, and condaFile "" when none was sent (the service re-encodes a conda
        // file as JSON text; this fake echoes the text it was sent).
        var repeated = Environments.ContainsKey(name + "/" + version);
        var recording = Recording.Load(conda is null ? Recordings.EnvironmentPutImage : repeated ? Recordings.EnvironmentPutRepeated : Recordings.EnvironmentPutConda);
        var resource = JsonNode.Parse(Recording.Substitute(recording.BodyText, Endpoint))!.AsObject();
        var id = $"{WorkspacePath}/environments/{name}/versions/{version}";
        resource["id"] = id;
        resource["name"] = version;
        var reply = resource["properties"]!.AsObject();
        reply["image"] = (string?)properties["image"];
        reply["condaFile"] = conda ?? string.Empty;
        reply["isAnonymous"] = (bool?)properties["isAnonymous"] ?? false;
        reply["description"] = (string?)properties["description"];
        reply["tags"] = properties["tags"]?.DeepClone() ?? new JsonObject();
        Environments.AddOrUpdate(name + "/" + version, _ => (Interlocked.Increment(ref _environmentOrder), resource), (_, existing) => (existing.Order, resource));
        await context.WriteRecordingAsync(
            recording,
            Endpoint,
            resource.ToJsonString(),
            ("environments/CliV2AnonymousEnvironment/versions/baf18218754be5571da6e579a0c774b5", $"environments/{name}/versions/{version}"),
            ("environments/CliV2AnonymousEnvironment/versions/7926e182b294d8644f987381c0081e94", $"environments/{name}/versions/{version}"));
    }

    private async Task ListEnvironmentVersionsAsync(DiscardingContext context, string name)
    {
        // The SDK's @latest query, exactly as recorded: $orderBy=createdtime desc&$top=1.
        var query = context.Http.Request.Query;
        if (query["$orderBy"] != "createdtime desc" || query["$top"] != "1")
        {
            await context.WriteErrorAsync(400, "UserError", "This fake answers only the latest-version query ($orderBy=createdtime desc&$top=1).");
            return;
        }

        var latest = Environments.Where(e => e.Key.StartsWith(name + "/", StringComparison.Ordinal)).OrderByDescending(e => e.Value.Order).Select(e => e.Value.Resource).FirstOrDefault();
        var recording = Recording.Load(Recordings.EnvironmentLatest);
        var result = new JsonObject { ["value"] = latest is null ? new JsonArray() : new JsonArray(latest.DeepClone()) };
        await context.WriteRecordingAsync(recording, Endpoint, result.ToJsonString());
    }

    private async Task GetModelAsync(DiscardingContext context, string name)
    {
        var versions = Models.Keys.Where(k => k.StartsWith(name + "/", StringComparison.Ordinal)).Select(k => int.Parse(k[(name.Length + 1)..], CultureInfo.InvariantCulture)).ToList();
        if (versions.Count == 0)
        {
            await context.WriteErrorAsync(404, "UserError", $"Model container {name} was not found.");
            return;
        }

        await context.WriteJsonAsync(200, new JsonObject { ["name"] = name, ["properties"] = new JsonObject { ["nextVersion"] = (versions.Max() + 1).ToString(CultureInfo.InvariantCulture) } });
    }

    private async Task PutModelAsync(DiscardingContext context, string name, string version, string body)
    {
        foreach (var violation in _validator.Validate(body, "ModelVersionResource"))
        {
            ContractViolations.Enqueue($"models/{name}/versions/{version}: {violation}");
        }

        var properties = JsonNode.Parse(body)!["properties"]!.AsObject();
        var resource = new JsonObject { ["id"] = $"{WorkspacePath}/models/{name}/versions/{version}", ["name"] = version, ["properties"] = properties.DeepClone() };
        var created = Models.TryAdd(name + "/" + version, resource);
        await context.WriteJsonAsync(created ? 201 : 200, resource);
    }

    private async Task HandleMlflowAsync(DiscardingContext context, string route, string body)
    {
        var query = context.Http.Request.Query;
        switch (route)
        {
            case "experiments/get-by-name":
                var experiment = (string?)query["experiment_name"];
                if (!Jobs.Values.Any(j => j.ExperimentName == experiment && j.Step >= 1))
                {
                    await context.WriteJsonAsync(404, new JsonObject { ["error_code"] = "RESOURCE_DOES_NOT_EXIST", ["message"] = $"Experiment '{experiment}' does not exist." });
                    return;
                }

                await context.WriteJsonAsync(200, new JsonObject { ["experiment"] = new JsonObject { ["experiment_id"] = "exp-" + experiment, ["name"] = experiment } });
                return;
            case "runs/search":
                await SearchRunsAsync(context, body);
                return;
            case "metrics/get-history":
                await MetricHistoryAsync(context);
                return;
            default:
                await context.WriteJsonAsync(404, new JsonObject { ["error_code"] = "ENDPOINT_NOT_FOUND", ["message"] = route });
                return;
        }
    }

    private async Task SearchRunsAsync(DiscardingContext context, string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var filter = (string?)request["filter"] ?? string.Empty;
        const string prefix = "tags.mlflow.parentRunId = '";
        if (!filter.StartsWith(prefix, StringComparison.Ordinal) || !filter.EndsWith('\''))
        {
            await context.WriteJsonAsync(400, new JsonObject { ["error_code"] = "INVALID_PARAMETER_VALUE", ["message"] = "Unsupported filter: " + filter });
            return;
        }

        var parent = filter[prefix.Length..^1];
        var trials = Jobs.TryGetValue(parent, out var job) ? job.Trials : [];
        var maxResults = (int?)request["max_results"] ?? 1000;
        var offset = int.TryParse((string?)request["page_token"], out var o) ? o : 0;
        var size = Math.Min(maxResults, RunsPageSize);
        var page = trials.Skip(offset).Take(size).ToList();
        var result = new JsonObject { ["runs"] = new JsonArray(page.Select(t => (JsonNode)t.ToMlflowRun(parent, job!.ExperimentName)).ToArray()) };
        if (offset + size < trials.Count)
        {
            result["next_page_token"] = (offset + size).ToString(CultureInfo.InvariantCulture);
        }

        await context.WriteJsonAsync(200, result);
    }

    private async Task MetricHistoryAsync(DiscardingContext context)
    {
        var runId = (string?)context.Http.Request.Query["run_id"] ?? string.Empty;
        var key = (string?)context.Http.Request.Query["metric_key"];
        var trial = Jobs.Values.SelectMany(j => j.Trials).FirstOrDefault(t => t.RunId == runId);
        var history = trial is not null && trial.Metric == key ? trial.History : [];
        var offset = int.TryParse(context.Http.Request.Query["page_token"], out var o) ? o : 0;
        var page = history.Skip(offset).Take(HistoryPageSize).Select((v, i) => (JsonNode)new JsonObject
        {
            ["key"] = key,
            ["value"] = FakeTrial.MlflowValue(v),
            ["timestamp"] = 1_727_784_000_000L + ((offset + i) * 1000L),
            ["step"] = offset + i,
        }).ToArray();
        var result = new JsonObject { ["metrics"] = new JsonArray(page) };
        if (offset + HistoryPageSize < history.Count)
        {
            result["next_page_token"] = (offset + HistoryPageSize).ToString(CultureInfo.InvariantCulture);
        }

        await context.WriteJsonAsync(200, result);
    }

    private async Task HandleBlobAsync(HttpContext context, string path, string body)
    {
        if (context.Request.Method != "PUT" || !context.Request.QueryString.Value!.Contains("sig=" + SasSignature, StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 403, "AuthenticationFailed", "Server failed to authenticate the request.");
            return;
        }

        Blobs[Uri.UnescapeDataString(path["/fakestorage/".Length..])] = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = 201;
        context.Response.Headers.ETag = "\"0x8DC" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant() + "\"";
        context.Response.Headers.LastModified = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers["x-ms-request-server-encrypted"] = "true";
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        new DiscardingContext(context, discard: false).WriteErrorAsync(status, code, message);

    /// <summary>The recordings the fake answers with (files of <c>TestData/recordings/</c>).</summary>
    public static class Recordings
    {
        public const string Workspace = "get_workspace_for_discovery__test_dsl_pipeline.pyTestDSLPipelinetest_get_child_job__6.json";
        public const string Discovery = "discovery__test_dsl_pipeline.pyTestDSLPipelinetest_get_child_job__7.json";
        public const string Children = "list_children_runhistory__test_dsl_pipeline.pyTestDSLPipelinetest_get_child_job__8.json";
        public const string CompletedSweep = "get_sweep_job_completed__test_sweep_job.pyTestSweepJobtest_sweep_job_await_completion__6.json";
        public const string JobNotFound = "error_404_get_job__test_command_job.pyTestCommandJobtest_command_job_local__0.json";
        public const string CancelAccepted = "cancel_job_202__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_with_data_binding_expression_11-run_settings_sweep_limits.yml___11.json";
        public const string CancelPollRunning = "cancel_poll__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_with_data_binding_expression_11-run_settings_sweep_limits.yml___12.json";
        public const string CancelPollDone = "cancel_poll__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_with_data_binding_expression_11-run_settings_sweep_limits.yml___13.json";
        public const string CancelDirect = "cancel_job_200__test_pipeline_job.pyTestPipelineJobtest_register_output_for_anonymous_internal_component_SparkComponent___10.json";
        public const string CancelTerminal = "cancel_job_400_terminal__test_pipeline_job.pyTestPipelineJobtest_register_output_yaml__2.json";
        public const string Timeout504 = "error_504_list_secrets__test_automl_image_classification.pyTestAutoMLImageClassificationtest_image_classification_multiclass_run__5.json";
        public const string PutJob504 = "error_504_put_job__test_dsl_pipeline_samples.pyTestDSLPipelineSamplestest_nyc_taxi_data_regression__35.json";
        public const string PutJob502 = "error_502_put_job__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_with_registered_internal_component_5-component.yaml___7.json";
        public const string Gateway500 = "error_500_gateway__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_with_data_transfer_export_sql_database__0.json";
        public const string Throttled429Get = "error_429__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_with_data_transfer_export_sql_database__1.json";
        public const string Throttled429Put = "error_429__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_with_data_transfer_export_sql_database__13.json";
        public const string CodeByHashFound = "code_get_versions_by_hash__test_sweep_job.pyTestSweepJobtest_sweep_job_await_completion__0.json";
        public const string CodeByHashNotFound = "code_get_versions_by_hash__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_serverless_compute_sweep_in_pipeline_with_job_tier__1.json";
        public const string StartPendingUpload = "code_start_pending_upload__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_serverless_compute_sweep_in_pipeline_with_job_tier__2.json";
        public const string CodePutCreated = "code_put_version__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_serverless_compute_sweep_in_pipeline_with_job_tier__6.json";
        public const string CodePutExisting = "code_put_version__test_sweep_job.pyTestSweepJobtest_sweep_job_await_completion__4.json";
        public const string EnvironmentPutImage = "env_put_anonymous__test_pipeline_job.pyTestPipelineJobtest_pipeline_job_serverless_compute_sweep_in_pipeline_with_job_tier__0.json";
        public const string EnvironmentPutConda = "env_put_anonymous__test_controlflow_pipeline.pyTestDoWhilePipelinetest_do_while_pipeline_with_primitive_inputs__0.json";
        public const string EnvironmentPutRepeated = "env_put_anonymous__test_controlflow_pipeline.pyTestDoWhilePipelinetest_do_while_pipeline_with_primitive_inputs__1.json";
        public const string EnvironmentLatest = "env_get_latest_by_orderby__test_environment.pyTestEnvironmenttest_environment_get_latest_label__1.json";
        public const string EnvironmentPythonEndOfLife = "error_400_put_environment__test_pipeline_job.pyTestPipelineJobtest_serverless_compute_in_pipeline_parallel_pipeline_serverless_compute.yml___5.json";
    }

    public sealed record RecordedRequest(string Method, string Path, string Query, string Body, string Authorization);

    /// <summary>Writes answers, or (after processing a request whose connection will be dropped) nothing.</summary>
    /// <summary>The body checked against the GA definitions: the preview's <c>samplingAlgorithm.logbase</c> (a string,
    /// "e" or a number) is checked here and taken out.</summary>
    private static string WithoutPreviewFields(string body, List<RestContractViolation> violations)
    {
        if (JsonNode.Parse(body) is not JsonObject root || root["properties"]?["samplingAlgorithm"] is not JsonObject sampling || !sampling.ContainsKey("logbase"))
        {
            return body;
        }

        if (sampling["logbase"] is not JsonValue value || !value.TryGetValue<string>(out var text)
            || !(text == "e" || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            violations.Add(new("$.properties.samplingAlgorithm.logbase", $"expected a string (\"e\" or a number), found {sampling["logbase"]?.ToJsonString() ?? "null"}"));
        }

        sampling.Remove("logbase");
        return root.ToJsonString();
    }

    private sealed class DiscardingContext(HttpContext http, bool discard = true)
    {
        public HttpContext Http { get; } = http;

        public Task WriteJsonAsync(int status, JsonNode body)
        {
            if (discard)
            {
                return Task.CompletedTask;
            }

            Http.Response.StatusCode = status;
            Http.Response.ContentType = "application/json; charset=utf-8";
            return Http.Response.WriteAsync(body.ToJsonString());
        }

        public Task WriteErrorAsync(int status, string code, string message) =>
            WriteJsonAsync(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["details"] = new JsonArray() } });

        /// <summary>Answers with a recording's status and headers and its body (or <paramref name="body"/>), the fake's names substituted.</summary>
        public Task WriteRecordingAsync(Recording recording, Uri endpoint, params (string From, string To)[] replace) =>
            WriteRecordingAsync(recording, endpoint, null, replace);

        public async Task WriteRecordingAsync(Recording recording, Uri endpoint, string? body, params (string From, string To)[] replace)
        {
            if (discard)
            {
                return;
            }

            Http.Response.StatusCode = recording.Status;
            foreach (var (name, value) in recording.Headers)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Http.Response.Headers[name] = Recording.Substitute(value, endpoint, replace);
                }
            }

            var text = body ?? Recording.Substitute(recording.BodyText, endpoint, replace);
            if (text.Length > 0)
            {
                await Http.Response.WriteAsync(text);
            }
        }
    }
}
