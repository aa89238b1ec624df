using System.CommandLine;
using Azure;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Cli.Azure;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary>
/// <c>hyperdrive submit FILE --workspace ID [--endpoint URL] [--name JOB] [--wait] [--register-best NAME]</c>:
/// validates the job for Azure ML (an invalid one is never sent), uploads local code folders, submits it, and with
/// <c>--wait</c> shows the trials live, then the best trial (and registers its model with <c>--register-best</c>).
/// </summary>
internal static class SubmitCommand
{
    public static Command Create(CliContext context)
    {
        var file =
            new Argument<string>("file")
            { Description = "An Azure ML sweep, command or pipeline job: CLI v2 YAML or REST JSON. Relative code " +
            "folders are resolved against the file's folder." };
        var connection = new AzureConnectionOptions();
        var name =
            new Option<string?>("--name")
            { Description = "The job name (default: the file's name, else a generated one). Resubmitting under the " +
            "same name updates that job instead of creating another." };
        var wait =
            new Option<bool>("--wait")
            { Description = "Watch the job until it ends: trials running/completed/terminated and the best so far, " +
            "then the best trial. Ctrl+C stops watching; the job keeps running." };
        var registerBest = new Option<string?>("--register-best")
            { Description = "With --wait, register the best trial's model under this name when the sweep completes." };
        var modelPath = new Option<string?>("--model-path")
        {
            Description =
                "The best trial's output holding the model for --register-best: an output name (model), a path in " +
                "one (model/sklearn) or an MLflow artifact path (artifacts/model). Default: the sweep's only output, " +
                "else 'model'.",
        };
        var modelType =
            new Option<string>("--model-type")
            { Description = "The registered model's type.", DefaultValueFactory = _ => "custom_model" };
        modelType.AcceptOnlyFromAmong("custom_model", "mlflow_model", "triton_model");

        var command =
            new Command("submit", "Submit a job to an Azure ML workspace. " + AzureConnectionOptions.CredentialsShort)
            { file };
        connection.AddTo(command);
        command.Options.Add(name);
        command.Options.Add(wait);
        command.Options.Add(registerBest);
        command.Options.Add(modelPath);
        command.Options.Add(modelType);
        command.Validators.Add(result =>
        {
            if (result.GetValue(registerBest) is not null && !result.GetValue(wait))
            {
                result.AddError("--register-best needs --wait: the best trial is known once the sweep has completed.");
            }

            if (result.GetValue(modelPath) is not null && result.GetValue(registerBest) is null)
            {
                result.AddError("--model-path only applies with --register-best.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult,
            parseResult.GetValue(file)!,
            connection,
            new Settings(parseResult.GetValue(name), parseResult.GetValue(wait), parseResult.GetValue(registerBest),
                parseResult.GetValue(modelPath), parseResult.GetValue(modelType)!),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, string path,
        AzureConnectionOptions connection, Settings settings, CancellationToken cancellationToken)
    {
        var workspace = parseResult.GetValue(connection.Workspace)!;
        if (await DefinitionFile.TryReadAsync(context, path, new AzureMLJsonOptions { WorkspaceId = workspace },
            cancellationToken).ConfigureAwait(false) is not { } definition)
        {
            return ExitCodes.Failure;
        }

        if (!await CheckAsync(context, path, definition, settings).ConfigureAwait(false))
        {
            return ExitCodes.Failure;
        }

        var client = connection.CreateClient(parseResult, context.Services, context.Error);
        var error = context.Error;
        var engine =
            new AzureMLSweepEngine(client, context.Services.EngineOptions with
            { OnNotice = notice => error.WriteLine($"hyperdrive: {notice}") });
        AzureMLSweepRun run;
        string? jobName = null;
        try
        {
            var runOptions =
                new SweepRunOptions
                { RunName = settings.JobName, BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) };

            // The name is chosen (and shown) before anything is sent: if the reply to the PUT is lost, the user knows
            // which job to look for, and submitting again can never create a second job. A generated name is kept in
            // the file's submission ledger until the service confirms the job, so a rerun after a failure reuses it.
            var ledger = settings.JobName is null && definition.Name is null ? SubmissionLedger.For(path, workspace)
                : null;
            if (ledger?.PendingName() is { } pending)
            {
                runOptions = runOptions with { RunName = pending };
                await error.WriteLineAsync(
                    $"hyperdrive: job {pending} of an earlier submit of this file was not confirmed; submitting it " +
                    "again under the same name.").ConfigureAwait(false);
            }

            jobName = engine.ChooseJobName(definition, runOptions);
            if (ledger is not null)
            {
                await ledger.MarkPendingAsync(jobName, cancellationToken).ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync($"submitting {definition.JobType} job {jobName}").ConfigureAwait(false);
            run = await engine.SubmitAsync(definition, runOptions with { RunName = jobName }, cancellationToken)
                .ConfigureAwait(false);
            if (ledger is not null)
            {
                await ledger.MarkSubmittedAsync(jobName, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (AzureErrors.IsReportable(ex) || ex is ArgumentException or IOException)
        {
            var exitCode = await AzureErrors.ReportAsync(context, ex, path).ConfigureAwait(false);
            // Only when the job may exist: a refusal (4xx other than 408) means the service did not create it.
            if (jobName is not null && ex is not HyperDriveValidationException && ex is not RequestFailedException
                { Status: >= 400 and < 500 and not 408 })
            {
                await error.WriteLineAsync(
                    $"To see whether job {jobName} exists: hyperdrive status {jobName} --workspace {workspace}; " +
                    $"submitting again with --name {jobName} never creates a second job.").ConfigureAwait(false);
            }

            return exitCode;
        }

        await using (run.ConfigureAwait(false))
        {
            var output = context.Out;
            await output.WriteLineAsync($"submitted {definition.JobType} job {run.Id} ({run.Job.Status})")
                .ConfigureAwait(false);
            if (run.StudioUri is { } studio)
            {
                await output.WriteLineAsync($"studio: {studio}").ConfigureAwait(false);
            }

            if (!settings.Wait)
            {
                await output.WriteLineAsync($"watch it with: hyperdrive status {run.Id} --workspace {workspace}")
                    .ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var registration =
                settings.RegisterBest is { } model
                ? new JobWatch.Registration(model, settings.ModelPath, settings.ModelType) : null;
            return await JobWatch.WaitAsync(context, run, workspace, registration, cancellationToken).ConfigureAwait(
                false);
        }
    }

    private static async Task<bool> CheckAsync(CliContext context, string path, JobDefinition definition,
        Settings settings)
    {
        var problems = definition switch
        {
            SweepDefinition sweep => sweep.Validate(ValidationTarget.AzureML),
            PipelineDefinition pipeline => pipeline.Validate(ValidationTarget.AzureML),
            CommandJobDefinition job => job.Validate(ValidationTarget.AzureML),
            _ => [],
        };
        var list = problems.OrderByDescending(p => p.Severity).ToList();
        if (settings.RegisterBest is not null && definition is not SweepDefinition)
        {
            list.Insert(
                0, new ValidationProblem(
                ValidationSeverity.Error, "--register-best",
                $"--register-best needs a sweep job; {path} is a {definition.JobType} job.",
                "Leave out --register-best, or register the model from the pipeline's own register step."));
        }

        if (list.Any(p => p.IsError))
        {
            await AzureErrors.ReportAsync(
                context, new HyperDriveValidationException("The job is not valid for Azure ML; nothing was submitted.",
                list), path).ConfigureAwait(false);
            return false;
        }

        foreach (var warning in list)
        {
            await context.Error.WriteLineAsync($"{path}: {CliAdvice.Problem(warning)}").ConfigureAwait(false);
        }

        return true;
    }

    private sealed record Settings(string? JobName, bool Wait, string? RegisterBest, string? ModelPath,
        string ModelType);
}
