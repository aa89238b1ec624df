using System.Text.Json;
using Azure;
using Azure.Core;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Azure;

public partial class HyperDriveClient
{
    /// <summary>Creates or updates the job <paramref name="jobName"/> from a definition (sweep, command or pipeline),
    /// written with <see cref="AzureMLJson"/> for this workspace (compute and code names become ARM ids). The PUT is
    /// idempotent: a retried request carries the same name, so it can never create a second job. Local code folders
    /// must be uploaded first (<see cref="UploadCodeAsync"/>; <see cref="AzureMLSweepEngine"/> does it) and passed in
    /// <paramref name="codeIds"/>.</summary>
    /// <param name="jobName">The job name (pattern <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>), chosen by the
    /// caller.</param>
    /// <param name="definition">The job.</param>
    /// <param name="codeIds">The code version id of each local code folder, keyed by the folder as the definition gives
    /// it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the service returned it.</returns>
    /// <exception cref="InvalidOperationException">The definition has a local code folder with no entry in
    /// <paramref name="codeIds"/>.</exception>
    /// <exception cref="RequestFailedException">The service refused the job; the exception carries its error code and
    /// message.</exception>
    public virtual async Task<Response<AzureMLJob>> CreateOrUpdateJobAsync(
        string jobName, JobDefinition definition, IReadOnlyDictionary<string, string>? codeIds =
            null, CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(CreateOrUpdateJob),
            () => CreateOrUpdateJobCoreAsync(jobName, WriteJob(definition, codeIds), async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Creates or updates the job <paramref name="jobName"/> from a definition (see
    /// <see cref="CreateOrUpdateJobAsync(string, JobDefinition, IReadOnlyDictionary{string, string}?,
    /// CancellationToken)"/>).</summary>
    /// <param name="jobName">The job name, chosen by the caller.</param>
    /// <param name="definition">The job.</param>
    /// <param name="codeIds">The code version id of each local code folder, keyed by the folder as the definition gives
    /// it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the service returned it.</returns>
    /// <exception cref="InvalidOperationException">The definition has a local code folder with no entry in
    /// <paramref name="codeIds"/>.</exception>
    /// <exception cref="RequestFailedException">The service refused the job; the exception carries its error code and
    /// message.</exception>
    public virtual Response<AzureMLJob> CreateOrUpdateJob(
        string jobName, JobDefinition definition, IReadOnlyDictionary<string, string>? codeIds =
            null, CancellationToken cancellationToken = default) =>
        InScopeAsync(
            nameof(CreateOrUpdateJob),
            () => CreateOrUpdateJobCoreAsync(jobName, WriteJob(definition, codeIds), async: false, cancellationToken))
            .EnsureCompleted();

    /// <summary>Writes the REST body of <paramref name="definition"/> for this workspace and api-version.</summary>
    internal BinaryData WriteJob(JobDefinition definition, IReadOnlyDictionary<string, string>? codeIds)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var options = new AzureMLJsonOptions
        {
            WorkspaceId = WorkspaceId.ToString(),
            ApiVersion = _options.ApiVersion,
            Indented = false,
            CodeIds = codeIds ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
        return BinaryData.FromString(AzureMLJson.Write(definition, options));
    }

    /// <summary>Creates or updates the job <paramref name="jobName"/> with a REST body (<c>{"properties": {...}}</c>).
    /// The PUT is idempotent: a retried request carries the same name, so it can never create a second job.</summary>
    /// <param name="jobName">The job name (pattern <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>), chosen by the
    /// caller.</param>
    /// <param name="content">The body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the service returned it (200 updated, 201 created).</returns>
    /// <exception cref="ArgumentException"><paramref name="jobName"/> is not a valid job name.</exception>
    /// <exception cref="RequestFailedException">The service refused the job (e.g. an unknown compute); the exception
    /// carries its error code and message.</exception>
    public virtual async Task<Response<AzureMLJob>> CreateOrUpdateJobAsync(
        string jobName, BinaryData content, CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(CreateOrUpdateJob),
            () => CreateOrUpdateJobCoreAsync(jobName, content, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Creates or updates the job <paramref name="jobName"/> with a REST body (<c>{"properties": {...}}</c>).
    /// The PUT is idempotent: a retried request carries the same name, so it can never create a second job.</summary>
    /// <param name="jobName">The job name (pattern <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>), chosen by the
    /// caller.</param>
    /// <param name="content">The body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the service returned it (200 updated, 201 created).</returns>
    /// <exception cref="ArgumentException"><paramref name="jobName"/> is not a valid job name.</exception>
    /// <exception cref="RequestFailedException">The service refused the job (e.g. an unknown compute); the exception
    /// carries its error code and message.</exception>
    public virtual Response<AzureMLJob> CreateOrUpdateJob(
        string jobName, BinaryData content, CancellationToken cancellationToken = default) =>
        InScopeAsync(
            nameof(CreateOrUpdateJob),
            () => CreateOrUpdateJobCoreAsync(jobName, content, async: false, cancellationToken))
            .EnsureCompleted();

    private async ValueTask<Response<AzureMLJob>> CreateOrUpdateJobCoreAsync(
        string jobName, BinaryData content, bool async, CancellationToken cancellationToken)
    {
        CheckName(jobName, nameof(jobName));
        ArgumentNullException.ThrowIfNull(content);
        using var message = CreateArmMessage(RequestMethod.Put, "jobs/" + EscapeSegment(jobName));
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, async, cancellationToken, 200, 201).ConfigureAwait(false);
        return Response.FromValue(
            UnexpectedReply.Read(response, $"the reply to the PUT of job {jobName}", ModelReader.ReadJob), response);
    }

    /// <summary>Gets a job.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    /// <exception cref="RequestFailedException">The service refused the call (404 when there is no such
    /// job).</exception>
    public virtual async Task<Response<AzureMLJob>> GetJobAsync(
        string jobName, CancellationToken cancellationToken = default) =>
        await InScopeAsync(nameof(GetJob), () => GetJobCoreAsync(jobName, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Gets a job.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    /// <exception cref="RequestFailedException">The service refused the call (404 when there is no such
    /// job).</exception>
    public virtual Response<AzureMLJob> GetJob(string jobName, CancellationToken cancellationToken = default) =>
        InScopeAsync(nameof(GetJob), () => GetJobCoreAsync(jobName, async: false, cancellationToken)).EnsureCompleted();

    /// <summary>Gets a job without a scope of its own (for calls inside another public call).</summary>
    internal async ValueTask<Response<AzureMLJob>> GetJobCoreAsync(
        string jobName, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        using var message = CreateArmMessage(RequestMethod.Get, "jobs/" + EscapeSegment(jobName));
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        return Response.FromValue(UnexpectedReply.Read(response, $"job {jobName}", ModelReader.ReadJob), response);
    }

    /// <summary>Lists the workspace's jobs, following <c>nextLink</c> page by page.</summary>
    /// <param name="jobType">Only jobs of this type (<c>Sweep</c>, <c>Command</c>, <c>Pipeline</c>);
    /// <see langword="null"/> for all.</param>
    /// <param name="tag">Only jobs that have this tag key.</param>
    /// <param name="listViewType"><c>ActiveOnly</c> (the service's default), <c>ArchivedOnly</c> or <c>All</c>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The jobs, fetched one page at a time.</returns>
    public virtual AsyncPageable<AzureMLJob> GetJobsAsync(
        string? jobType = null, string? tag = null, string? listViewType = null, CancellationToken cancellationToken =
        default) =>
        new FuncAsyncPageable<AzureMLJob>(
            InScope<AzureMLJob>(
                nameof(GetJobs),
                (token, _, async, ct) => GetJobsPageAsync(token, jobType, tag, listViewType, async, ct)),
            cancellationToken);

    /// <summary>Lists the workspace's jobs, following <c>nextLink</c> page by page.</summary>
    /// <param name="jobType">Only jobs of this type (<c>Sweep</c>, <c>Command</c>, <c>Pipeline</c>);
    /// <see langword="null"/> for all.</param>
    /// <param name="tag">Only jobs that have this tag key.</param>
    /// <param name="listViewType"><c>ActiveOnly</c> (the service's default), <c>ArchivedOnly</c> or <c>All</c>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The jobs, fetched one page at a time.</returns>
    public virtual Pageable<AzureMLJob> GetJobs(string? jobType = null, string? tag = null, string? listViewType = null,
        CancellationToken cancellationToken = default) =>
        new FuncPageable<AzureMLJob>(
            InScope<AzureMLJob>(
                nameof(GetJobs),
                (token, _, async, ct) => GetJobsPageAsync(token, jobType, tag, listViewType, async, ct)),
            cancellationToken);

    private async ValueTask<Page<AzureMLJob>> GetJobsPageAsync(
        string? nextLink, string? jobType, string? tag, string? listViewType, bool async,
        CancellationToken cancellationToken)
    {
        using var message = nextLink is null
            ? CreateArmMessage(RequestMethod.Get, "jobs", ("jobType", jobType), ("tag", tag),
                ("listViewType", listViewType))
            : CreateMessage(RequestMethod.Get, CheckSameHost(new Uri(nextLink), "nextLink"));
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        return UnexpectedReply.Read(response, "the job list", content =>
        {
            using var document = JsonDocument.Parse(content);
            var jobs = ModelReader.EnumerateArray(document.RootElement, "value").Select(j => ModelReader.ReadJob(j))
                .ToList();
            return Page<AzureMLJob>.FromValues(jobs, document.RootElement.GetString("nextLink"), response);
        });
    }

    /// <summary>Requests cancellation of a job (a long-running operation: 202 with <c>Location</c> and
    /// <c>Retry-After</c>).</summary>
    /// <param name="waitUntil"><see cref="WaitUntil.Completed"/> to return once the job is canceled;
    /// <see cref="WaitUntil.Started"/> to return once accepted.</param>
    /// <param name="jobName">The job name.</param>
    /// <param name="cancellationToken">Cancels the call and the waiting (not the job's cancellation).</param>
    /// <returns>The operation.</returns>
    /// <exception cref="RequestFailedException">The service refused the cancellation.</exception>
    public virtual async Task<CancelJobOperation> CancelJobAsync(
        WaitUntil waitUntil, string jobName, CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(CancelJob), () => CancelJobCoreAsync(waitUntil, jobName, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Requests cancellation of a job (a long-running operation: 202 with <c>Location</c> and
    /// <c>Retry-After</c>).</summary>
    /// <param name="waitUntil"><see cref="WaitUntil.Completed"/> to return once the job is canceled;
    /// <see cref="WaitUntil.Started"/> to return once accepted.</param>
    /// <param name="jobName">The job name.</param>
    /// <param name="cancellationToken">Cancels the call and the waiting (not the job's cancellation).</param>
    /// <returns>The operation.</returns>
    /// <exception cref="RequestFailedException">The service refused the cancellation.</exception>
    public virtual CancelJobOperation CancelJob(
        WaitUntil waitUntil, string jobName, CancellationToken cancellationToken = default) =>
        InScopeAsync(nameof(CancelJob), () => CancelJobCoreAsync(waitUntil, jobName, async: false, cancellationToken))
            .EnsureCompleted();

    private async ValueTask<CancelJobOperation> CancelJobCoreAsync(
        WaitUntil waitUntil, string jobName, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        using var message = CreateArmMessage(RequestMethod.Post, "jobs/" + EscapeSegment(jobName) + "/cancel");
        message.Request.Content = RequestContent.Create(BinaryData.Empty);
        var response = await SendAsync(message, async, cancellationToken, 200, 202).ConfigureAwait(false);
        var operation = new CancelJobOperation(this, jobName, response);
        if (waitUntil == WaitUntil.Completed)
        {
            if (async)
            {
                await operation.WaitForCompletionResponseAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                operation.WaitForCompletionResponse(cancellationToken);
            }
        }

        return operation;
    }

    /// <summary>Only follows links on the ARM host, so the token never goes anywhere else.</summary>
    internal Uri CheckSameHost(Uri link, string what)
    {
        if (!string.Equals(link.GetLeftPart(UriPartial.Authority), _options.ArmEndpoint.GetLeftPart(
            UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestFailedException(
                $"The service returned a {what} on another host ({link.Host}) than the ARM endpoint " +
                $"({_options.ArmEndpoint.Host}); it was not followed.");
        }

        return link;
    }

    internal static void CheckName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!AzureNames.IsValidJobName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid Azure ML name. Start with a letter or digit and use only letters, digits, " +
                    "'-' and '_' (at most 255 characters).",
                parameterName);
        }
    }
}
