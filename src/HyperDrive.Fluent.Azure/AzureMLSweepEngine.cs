using System.Globalization;
using Azure;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Azure;

/// <summary>
/// Runs sweeps, command jobs and pipelines on Azure ML: validates the definition for Azure ML (an invalid one is never
/// sent), uploads local code folders once, submits the job with one idempotent PUT under a name chosen before the first
/// attempt (so a retried request never creates a second job), and returns an <see cref="AzureMLSweepRun"/> that watches it.
/// </summary>
public class AzureMLSweepEngine : ISweepEngine
{
    private readonly HyperDriveClient _client;
    private readonly AzureMLSweepEngineOptions _options;

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

    /// <summary>Validates, uploads local code, and submits <paramref name="definition"/>; returns once the job is accepted.</summary>
    /// <param name="definition">A <see cref="SweepDefinition"/>, <see cref="PipelineDefinition"/> or <see cref="CommandJobDefinition"/>.</param>
    /// <param name="options">Run options: <see cref="SweepRunOptions.RunName"/> names the job (else the definition's name, else a
    /// generated one); <see cref="SweepRunOptions.BaseDirectory"/> resolves relative code folders.</param>
    /// <param name="cancellationToken">Cancels submitting.</param>
    /// <returns>The submitted run.</returns>
    /// <exception cref="HyperDriveValidationException">The definition is not valid for Azure ML; nothing was sent.</exception>
    /// <exception cref="RequestFailedException">The service refused the job or the upload; the exception carries its error code and message.</exception>
    public virtual async Task<SweepRun> StartAsync(JobDefinition definition, SweepRunOptions? options = null, CancellationToken cancellationToken = default) =>
        await SubmitAsync(definition, options, cancellationToken).ConfigureAwait(false);

    /// <summary>Like <see cref="StartAsync"/>, typed: validates, uploads local code, and submits.</summary>
    /// <param name="definition">The job.</param>
    /// <param name="options">Run options.</param>
    /// <param name="cancellationToken">Cancels submitting.</param>
    /// <returns>The submitted run.</returns>
    /// <exception cref="HyperDriveValidationException">The definition is not valid for Azure ML; nothing was sent.</exception>
    /// <exception cref="RequestFailedException">The service refused the job or the upload.</exception>
    public virtual async Task<AzureMLSweepRun> SubmitAsync(JobDefinition definition, SweepRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Validate(definition);
        var jobName = ChooseJobName(definition, options);
        var codeIds = await UploadLocalCodeAsync(definition, options?.BaseDirectory, cancellationToken).ConfigureAwait(false);
        var body = _client.WriteJob(definition, codeIds);
        var job = await _client.CreateOrUpdateJobAsync(jobName, body, cancellationToken).ConfigureAwait(false);
        return new AzureMLSweepRun(_client, definition, job.Value, _options);
    }

    /// <summary>Submits <paramref name="definition"/>, reports every update while it runs, and returns the result (what
    /// <c>hyperdrive submit --wait</c> does).</summary>
    /// <param name="definition">The job.</param>
    /// <param name="onUpdate">Called with each update (trial started, metric, finished, best changed, notices).</param>
    /// <param name="options">Run options.</param>
    /// <param name="cancellationToken">Stops waiting (the job keeps running; cancel it with <see cref="AzureMLSweepRun.CancelAsync"/>).</param>
    /// <returns>The result, with the trials and the best trial.</returns>
    /// <exception cref="HyperDriveValidationException">The definition is not valid for Azure ML; nothing was sent.</exception>
    /// <exception cref="RequestFailedException">The service refused a call.</exception>
    public virtual async Task<SweepResult> SubmitAndWaitAsync(
        JobDefinition definition, Action<AzureMLSweepRun, TrialUpdate>? onUpdate = null, SweepRunOptions? options = null, CancellationToken cancellationToken = default)
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
            _ => throw new ArgumentException($"The Azure ML engine runs sweep, pipeline and command jobs, not {definition.GetType().Name}.", nameof(definition)),
        };
        HyperDriveValidationException.ThrowIfErrors(problems, $"The {definition.JobType} definition is not valid for Azure ML; nothing was submitted.");
    }

    private static string ChooseJobName(JobDefinition definition, SweepRunOptions? options)
    {
        var name = options?.RunName ?? definition.Name;
        if (name is not null)
        {
            if (!AzureNames.IsValidJobName(name))
            {
                throw new HyperDriveValidationException(
                    "The run name is not a valid Azure ML job name; nothing was submitted.",
                    [new ValidationProblem(ValidationSeverity.Error, "name", $"'{name}' is not a valid job name.", "Start with a letter or digit and use only letters, digits, '-' and '_' (at most 255 characters).")]);
            }

            return name;
        }

        var stem = new string((definition.DisplayName ?? definition.ExperimentName ?? definition.JobType).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-', '_');
        if (stem.Length == 0 || !char.IsAsciiLetterOrDigit(stem[0]))
        {
            stem = definition.JobType;
        }

        stem = stem.Length > 200 ? stem[..200] : stem;
        return stem + "-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
    }

    private async Task<Dictionary<string, string>> UploadLocalCodeAsync(JobDefinition definition, string? baseDirectory, CancellationToken cancellationToken)
    {
        var codeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in LocalCodeFolders(definition).Distinct(StringComparer.Ordinal))
        {
            var folder = Path.IsPathRooted(code) ? code : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), code);
            var uploaded = await _client.UploadCodeAsync(folder, cancellationToken).ConfigureAwait(false);
            codeIds[code] = uploaded.Id;
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

    /// <summary>A code reference is a local folder unless it is an ARM id, an <c>azureml:</c> reference or a URL.</summary>
    internal static bool IsLocalFolder(string code) =>
        !string.IsNullOrWhiteSpace(code)
        && !code.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
        && !code.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase)
        && !code.Contains("://", StringComparison.Ordinal);
}
