using System.Globalization;
using Azure;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Azure;

/// <summary>
/// Runs sweeps, command jobs and pipelines on Azure ML: validates the definition for Azure ML (an invalid one is never
/// sent), uploads local code folders once, submits the job with one idempotent PUT under a name chosen before the first
/// attempt (so a retried request never creates a second job), and returns an <see cref="AzureMLSweepRun"/> that watches
/// it.
/// </summary>
public class AzureMLSweepEngine : ISweepEngine
{
    private readonly HyperDriveClient _client;
    private readonly AzureMLSweepEngineOptions _options;
    private long _generatedNames;

    /// <summary>Initializes an engine that submits through <paramref name="client"/>.</summary>
    /// <param name="client">The workspace client.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public AzureMLSweepEngine(HyperDriveClient client, AzureMLSweepEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new AzureMLSweepEngineOptions();
    }

    /// <inheritdoc />
    public string Name => "azureml";

    /// <summary>Validates, uploads local code, and submits <paramref name="definition"/>; returns once the job is
    /// accepted.</summary>
    /// <param name="definition">A <see cref="SweepDefinition"/>, <see cref="PipelineDefinition"/> or
    /// <see cref="CommandJobDefinition"/>.</param>
    /// <param name="options">Run options: <see cref="SweepRunOptions.RunName"/> names the job (else the definition's
    /// name, else a generated one); <see cref="SweepRunOptions.BaseDirectory"/> resolves relative code folders.</param>
    /// <param name="cancellationToken">Cancels submitting.</param>
    /// <returns>The submitted run.</returns>
    /// <exception cref="HyperDriveValidationException">The definition is not valid for Azure ML; nothing was
    /// sent.</exception>
    /// <exception cref="RequestFailedException">The service refused the job or the upload; the exception carries its
    /// error code and message.</exception>
    public virtual async Task<SweepRun> StartAsync(JobDefinition definition, SweepRunOptions? options = null,
        CancellationToken cancellationToken = default) =>
        await SubmitAsync(definition, options, cancellationToken).ConfigureAwait(false);

    /// <summary>Like <see cref="StartAsync"/>, typed: validates, uploads local code, and submits.</summary>
    /// <param name="definition">The job.</param>
    /// <param name="options">Run options.</param>
    /// <param name="cancellationToken">Cancels submitting.</param>
    /// <returns>The submitted run.</returns>
    /// <exception cref="HyperDriveValidationException">The definition is not valid for Azure ML; nothing was
    /// sent.</exception>
    /// <exception cref="RequestFailedException">The service refused the job or the upload.</exception>
    public virtual async Task<AzureMLSweepRun> SubmitAsync(JobDefinition definition, SweepRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Validate(definition);
        RefuseAdditionalIncludes(definition);
        var jobName = ChooseName(definition, options);
        // Environments first, as azure-ai-ml orders it (recorded: the anonymous environment PUT precedes the code
        // upload), so an environment that cannot be created stops the submission before anything is uploaded.
        var resolved =
            await ResolveEnvironmentsAsync(definition, options?.BaseDirectory, cancellationToken).ConfigureAwait(false);
        var codeIds = await UploadLocalCodeAsync(resolved, options?.BaseDirectory, cancellationToken).ConfigureAwait(
            false);
        var body = _client.WriteJob(resolved, codeIds);
        var job = await PutJobAsync(jobName, body, cancellationToken).ConfigureAwait(false);
        return new AzureMLSweepRun(_client, definition, job, _options);
    }

    /// <summary>Attaches to a job that is already on the service (submitted earlier, by this or another process), to
    /// watch it to its end as <see cref="SubmitAsync"/>'s run would (what <c>hyperdrive status NAME --wait</c> does).
    /// The definition is read back from the job's REST body.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run.</returns>
    /// <exception cref="RequestFailedException">The service refused the call (404: no such job), or its reply was not
    /// readable.</exception>
    /// <exception cref="HyperDrive.Fluent.Serialization.AzureMLFormatException">The job's body cannot be read as a
    /// definition.</exception>
    public virtual async Task<AzureMLSweepRun> AttachAsync(
        string jobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        var job = (await _client.GetJobAsync(jobName, cancellationToken).ConfigureAwait(false)).Value;
        var definition = HyperDrive.Fluent.Serialization.AzureMLJson.Read(
            job.Content.ToString(), "job " + jobName, new HyperDrive.Fluent.Serialization.AzureMLJsonOptions
                { WorkspaceId = _client.WorkspaceId.ToString() });
        return new AzureMLSweepRun(_client, definition, job, _options);
    }

    /// <summary>The name a submission of <paramref name="definition"/> gets, chosen before anything is sent (so it can
    /// be shown first, and every retry of the PUT reuses it): <see cref="SweepRunOptions.RunName"/>, else the
    /// definition's name, else one generated from its display name, the time of
    /// <see cref="AzureMLSweepEngineOptions.TimeProvider"/> and a suffix derived from that time and how many names this
    /// engine generated before (no randomness: the same clock reading and count give the same name, and one engine
    /// never generates the same name twice).</summary>
    /// <param name="definition">The job.</param>
    /// <param name="options">Run options.</param>
    /// <returns>The job name.</returns>
    /// <exception cref="HyperDriveValidationException">The given name is not a valid Azure ML job name.</exception>
    public virtual string ChooseJobName(JobDefinition definition, SweepRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return ChooseName(definition, options);
    }

    /// <summary>PUTs the job once (the pipeline retries under the same name). When the reply is lost (the connection
    /// dropped after the request went out), unreadable, or a 5xx/408 that may have come after the service created the
    /// job, the job is looked up by name before anything is reported: if it exists, that is the submission's job (never
    /// a second one).</summary>
    private async Task<AzureMLJob> PutJobAsync(string jobName, BinaryData body, CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.CreateOrUpdateJobAsync(jobName, body, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (MayHaveReachedService(ex) && !cancellationToken.IsCancellationRequested)
        {
            AzureMLJob found;
            try
            {
                found = (await _client.GetJobAsync(jobName, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException notFound) when (notFound.Status == 404)
            {
                // The service has no such job: the PUT did not create it. Report the PUT's own failure.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw();
                throw;
            }
            catch (Exception check) when (check is RequestFailedException or AggregateException)
            {
                throw new RequestFailedException(
                    (ex as RequestFailedException)?.Status ?? 0,
                    $"Job {jobName} may or may not have been created: the reply to its PUT was lost or unreadable " +
                        $"({FirstLine(ex.Message)}), and looking the job up failed too ({FirstLine(check.Message)}). " +
                        "Look it up by its name before submitting again; submitting again under the same name never " +
                        "creates a second job.",
                    "SubmissionUnconfirmed",
                    ex);
            }

            _options.OnNotice?.Invoke(
                $"The reply to the PUT of job {jobName} was lost or unreadable ({FirstLine(ex.Message)}); the job " +
                $"exists on Azure ML ({found.Status}), so this submission goes on with it.");
            return found;
        }
    }

    private static bool MayHaveReachedService(Exception exception) => exception switch
    {
        RequestFailedException { ErrorCode: Internal.UnexpectedReply.ErrorCode } => true,
        RequestFailedException { Status: 0 } => true,
        RequestFailedException { Status: 408 or >= 500 } => true,
        AggregateException attempts => attempts.InnerExceptions.Count > 0
            && attempts.InnerExceptions.All(MayHaveReachedService),
        System.Net.Http.HttpRequestException or IOException => true,
        _ => false,
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <summary>Submits <paramref name="definition"/>, reports every update while it runs, and returns the result (what
    /// <c>hyperdrive submit --wait</c> does).</summary>
    /// <param name="definition">The job.</param>
    /// <param name="onUpdate">Called with each update (trial started, metric, finished, best changed, notices).</param>
    /// <param name="options">Run options.</param>
    /// <param name="cancellationToken">Stops waiting (the job keeps running; cancel it with
    /// <see cref="AzureMLSweepRun.CancelAsync"/>).</param>
    /// <returns>The result, with the trials and the best trial.</returns>
    /// <exception cref="HyperDriveValidationException">The definition is not valid for Azure ML; nothing was
    /// sent.</exception>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public virtual async Task<SweepResult> SubmitAndWaitAsync(
        JobDefinition definition, Action<AzureMLSweepRun, TrialUpdate>? onUpdate = null, SweepRunOptions? options =
            null, CancellationToken cancellationToken = default)
    {
        var run = await SubmitAsync(definition, options, cancellationToken).ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            await foreach (var update in run.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                onUpdate?.Invoke(run, update);
            }

            return await run.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Validate(JobDefinition definition)
    {
        var problems = definition switch
        {
            SweepDefinition sweep => sweep.Validate(ValidationTarget.AzureML),
            PipelineDefinition pipeline => pipeline.Validate(ValidationTarget.AzureML),
            CommandJobDefinition command => command.Validate(ValidationTarget.AzureML),
            _ => throw new ArgumentException(
                $"The Azure ML engine runs sweep, pipeline and command jobs, not {definition.GetType().Name}.",
                nameof(definition)),
        };
        HyperDriveValidationException.ThrowIfErrors(
            problems, $"The {definition.JobType} definition is not valid for Azure ML; nothing was submitted.");
    }

    private string ChooseName(JobDefinition definition, SweepRunOptions? options)
    {
        var name = options?.RunName ?? definition.Name;
        if (name is not null)
        {
            if (!AzureNames.IsValidJobName(name))
            {
                throw new HyperDriveValidationException(
                    "The run name is not a valid Azure ML job name; nothing was submitted.",
                    [new ValidationProblem(ValidationSeverity.Error, "name", $"'{name}' is not a valid job name.",
                        "Start with a letter or digit and use only letters, digits, '-' and '_' (at most 255 " +
                        "characters).")]);
            }

            return name;
        }

        var stem =
            new string((definition.DisplayName ?? definition.ExperimentName ?? definition.JobType).Select(c =>
            char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-', '_');
        if (stem.Length == 0 || !char.IsAsciiLetterOrDigit(stem[0]))
        {
            stem = definition.JobType;
        }

        stem = stem.Length > 200 ? stem[..200] : stem;
        var now = _options.TimeProvider.GetUtcNow().ToUniversalTime();
        var count = Interlocked.Increment(ref _generatedNames) - 1;
        return stem + "-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-"
            + NameSuffix(now.UtcTicks, count);
    }

    /// <summary>Eight hex digits from the clock's ticks and the engine's count of generated names, no randomness: the
    /// ticks are hashed (SplitMix64's finalizer, low 32 bits), the count added, and the sum mixed by MurmurHash3's
    /// 32-bit finalizer, which is a bijection. So at one clock reading the first 2^32 counts give 2^32 different
    /// suffixes, and different readings collide only by a 32-bit hash collision (as the random suffix could).</summary>
    internal static string NameSuffix(long utcTicks, long count)
    {
        var z = unchecked((ulong)utcTicks);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        var v = unchecked((uint)z + (uint)count);
        v = unchecked((v ^ (v >> 16)) * 0x85EBCA6BU);
        v = unchecked((v ^ (v >> 13)) * 0xC2B2AE35U);
        v ^= v >> 16;
        return v.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Turns every environment into the id azure-ai-ml would send (<c>_operation_orchestrator.py</c>,
    /// <c>get_asset_arm_id</c>): an inline environment is created as its anonymous version first and sent as that
    /// version's ARM id; a curated environment (<c>azureml:AzureML-...</c>, the service expands it) and ARM ids and
    /// registry URIs (<c>azureml://...</c>) are sent as given; <c>azureml:name@latest</c> is resolved to the latest
    /// version (<c>$orderBy=createdtime desc&amp;$top=1</c>) and <c>azureml:name:version</c> expanded, both to the
    /// version's ARM id. The definition the run watches keeps the original (the returned copy is only what is written).
    /// </summary>
    private async Task<JobDefinition> ResolveEnvironmentsAsync(
        JobDefinition definition, string? baseDirectory, CancellationToken cancellationToken)
    {
        switch (definition)
        {
            case SweepDefinition sweep:
                return sweep with
                    { Trial = await ResolveEnvironmentAsync(
                    sweep.Trial, baseDirectory, "trial.environment", cancellationToken).ConfigureAwait(false) };
            case CommandJobDefinition command:
                return command with
                    { Component = await ResolveEnvironmentAsync(
                    command.Component, baseDirectory, "environment", cancellationToken).ConfigureAwait(false) };
            case PipelineDefinition pipeline:
                var jobs = new List<KeyValuePair<string, JobDefinition>>();
                foreach (var (name, step) in pipeline.Jobs)
                {
                    var resolved = step switch
                    {
                        SweepDefinition sweep =>
                            sweep with
                            { Trial = await ResolveEnvironmentAsync(
                            sweep.Trial, baseDirectory, $"jobs.{name}.trial.environment", cancellationToken)
                            .ConfigureAwait(false) },
                        CommandJobDefinition command =>
                            command with
                            { Component = await ResolveEnvironmentAsync(
                            command.Component, baseDirectory, $"jobs.{name}.environment", cancellationToken)
                            .ConfigureAwait(false) },
                        _ => step,
                    };
                    jobs.Add(new(name, resolved));
                }

                return pipeline with { Jobs = EquatableMap<JobDefinition>.Create(jobs) };
            default:
                return definition;
        }
    }

    private async Task<Trials.CommandComponent> ResolveEnvironmentAsync(
        Trials.CommandComponent component, string? baseDirectory, string path, CancellationToken cancellationToken)
    {
        if (component.InlineEnvironment is { } inline)
        {
            Trials.CondaFile? conda = inline.CondaFile;
            AzureMLEnvironmentVersion created;
            try
            {
                var response = await _client.CreateAnonymousEnvironmentAsync(inline, baseDirectory, cancellationToken)
                    .ConfigureAwait(false);
                created = response.Value;
            }
            catch (HyperDriveValidationException ex)
            {
                // Name the field where the definition has it (trial.environment..., jobs.x.environment...).
                throw new HyperDriveValidationException(
                    ex.Message, [.. ex.Problems.Select(p => p with { Path = path + p.Path["environment".Length..] })]);
            }

            _options.OnNotice?.Invoke(
                $"Environment {path}: anonymous environment {created.Name}:{created.Version} " +
                $"({(inline.Image is { } image ? "image " + image : "inline")}" +
                $"{(conda is null ? string.Empty : ", conda file " + (conda.Path ?? "inline"))}).");
            return component with { Environment = created.Id, InlineEnvironment = null };
        }

        if (component.Environment is not { } reference
            || !reference.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase)
            || reference.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase))
        {
            return component;
        }

        var name = reference["azureml:".Length..];
        if (name.StartsWith(CuratedPrefix, StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            // Curated environments are expanded by the service; the SDK sends azureml:AzureML-... as given.
            return component;
        }

        var at = name.LastIndexOf('@');
        if (at > 0 && string.Equals(name[(at + 1)..], "latest", StringComparison.Ordinal))
        {
            var latest =
                (await _client.GetLatestEnvironmentVersionAsync(name[..at], cancellationToken).ConfigureAwait(false))
                .Value;
            return component with { Environment = latest.Id };
        }

        var colon = name.LastIndexOf(':');
        return colon > 0 && colon < name.Length - 1 && at < 0
            ? component with
                { Environment = _client.WorkspaceId.GetChildId(
                $"environments/{name[..colon]}/versions/{name[(colon + 1)..]}") }
            : component;
    }

    /// <summary>azure-ai-ml copies a component's <c>additional_includes</c> into its code snapshot before it uploads
    /// it; this engine does not yet, and a job sent without them would run without those files, so it is refused before
    /// anything is sent.</summary>
    private static void RefuseAdditionalIncludes(JobDefinition definition)
    {
        var problems = Components(definition, string.Empty)
            .Where(c => c.Component.AdditionalIncludes.Count > 0)
            .Select(c => new ValidationProblem(
                ValidationSeverity.Error,
                c.Path + "additional_includes",
                $"The component adds {string.Join(", ", c.Component.AdditionalIncludes)} to its code snapshot; the " +
                    "Azure engine does not copy additional_includes into the uploaded code yet.",
                "Copy those files into the code folder (and remove additional_includes), or submit this file with az " +
                    "ml job create."))
            .ToList();
        HyperDriveValidationException.ThrowIfErrors(
            problems,
            $"The {definition.JobType} definition cannot be submitted by this engine; nothing was submitted.");
    }

    private static IEnumerable<(string Path, Trials.CommandComponent Component)> Components(
        JobDefinition definition, string prefix) => definition switch
    {
        SweepDefinition sweep => [(prefix + "trial.", sweep.Trial)],
        CommandJobDefinition command => [(prefix, command.Component)],
        PipelineDefinition pipeline =>
            pipeline.Jobs.SelectMany(step => Components(step.Value, $"{prefix}jobs.{step.Key}.")),
        _ => [],
    };

    /// <summary>The prefix of curated environments (azure-ai-ml <c>CURATED_ENV_PREFIX</c>).</summary>
    private const string CuratedPrefix = "AzureML-";

    private async Task<Dictionary<string, string>> UploadLocalCodeAsync(
        JobDefinition definition, string? baseDirectory, CancellationToken cancellationToken)
    {
        var codeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in LocalCodeFolders(definition).Distinct(StringComparer.Ordinal))
        {
            var folder =
                Path.IsPathRooted(code) ? code : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), code);
            var uploaded = (await _client.UploadCodeAsync(folder, cancellationToken).ConfigureAwait(false)).Value;
            codeIds[code] = uploaded.Id;
            foreach (var warning in uploaded.Warnings)
            {
                _options.OnNotice?.Invoke($"Code folder {code}: {warning}");
            }
        }

        return codeIds;
    }

    private static IEnumerable<string> LocalCodeFolders(JobDefinition definition)
    {
        if (definition is PipelineDefinition pipeline)
        {
            return pipeline.Jobs.Values.SelectMany(LocalCodeFolders);
        }

        var code = definition switch
        {
            SweepDefinition sweep => sweep.Trial.Code,
            CommandJobDefinition command => command.Component.Code,
            _ => null,
        };
        return code is not null && IsLocalFolder(code) ? [code] : [];
    }

    /// <summary>A code reference is a local folder unless it is an ARM id, an <c>azureml:</c> reference or a
    /// URL.</summary>
    internal static bool IsLocalFolder(string code) =>
        !string.IsNullOrWhiteSpace(code)
        && !code.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
        && !code.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase)
        && !code.Contains("://", StringComparison.Ordinal);
}
