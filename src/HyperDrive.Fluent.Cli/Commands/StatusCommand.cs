using System.CommandLine;
using Azure;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Cli.Azure;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary><c>hyperdrive status NAME --workspace ID [--endpoint URL] [--wait]</c>: the job's status and Studio page
/// and, for a sweep, its trials (the best one marked) and the best trial; with <c>--wait</c>, watches the job to its
/// end as <c>submit --wait</c> does (how to reattach to a job whose watch was interrupted).</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name (printed by 'hyperdrive submit')." };
        var connection = new AzureConnectionOptions();
        var wait =
            new Option<bool>("--wait")
            { Description = "Watch the job until it ends (trials live, then the best trial), as 'submit --wait' " +
            "does. Ctrl+C stops watching; the job keeps running." };
        var command =
            new Command(
            "status", "Show an Azure ML job: status, Studio URL, and for a sweep its trials and the best trial. "
            + AzureConnectionOptions.CredentialsShort) { name };
        connection.AddTo(command);
        command.Options.Add(wait);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var client = connection.CreateClient(parseResult, context.Services, context.Error);
            return parseResult.GetValue(wait)
                ? WaitAsync(context, client, parseResult.GetValue(connection.Workspace)!, parseResult.GetValue(name)!,
                    cancellationToken)
                : RunAsync(context, client, parseResult.GetValue(name)!, cancellationToken);
        });
        return command;
    }

    private static async Task<int> WaitAsync(CliContext context, HyperDriveClient client, string workspace, string name,
        CancellationToken cancellationToken)
    {
        AzureMLSweepRun run;
        try
        {
            run = await new AzureMLSweepEngine(client, context.Services.EngineOptions).AttachAsync(
                name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureErrors.IsReportable(ex)
            || ex is HyperDrive.Fluent.Serialization.AzureMLFormatException)
        {
            return await AzureErrors.ReportAsync(context, ex).ConfigureAwait(false);
        }

        await using (run.ConfigureAwait(false))
        {
            await context.Out.WriteLineAsync($"watching {run.Definition.JobType} job {run.Id} ({run.Job.Status})")
                .ConfigureAwait(false);
            return await JobWatch.WaitAsync(context, run, workspace, registration: null, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(CliContext context, HyperDriveClient client, string name,
        CancellationToken cancellationToken)
    {
        var output = context.Out;
        try
        {
            var job = (await client.GetJobAsync(name, cancellationToken).ConfigureAwait(false)).Value;
            await output.WriteLineAsync($"job {job.Name} ({job.JobType ?? "unknown type"}): {job.Status}")
                .ConfigureAwait(false);
            if (job.DisplayName is not null || job.ExperimentName is not null)
            {
                await output.WriteLineAsync(
                    $"display name: {job.DisplayName ?? "-"}, experiment: {job.ExperimentName ?? "-"}").ConfigureAwait(
                    false);
            }

            if (job.StudioUri is { } studio)
            {
                await output.WriteLineAsync($"studio: {studio}").ConfigureAwait(false);
            }

            if (string.Equals(job.JobType, "Sweep", StringComparison.OrdinalIgnoreCase) && job.PrimaryMetric is
                { } metric && job.Goal is { } goal)
            {
                await WriteTrialsAsync(context, client, job, new Objective(goal, metric), cancellationToken)
                    .ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (AzureErrors.IsReportable(ex))
        {
            return await AzureErrors.ReportAsync(context, ex).ConfigureAwait(false);
        }
    }

    private static async Task WriteTrialsAsync(CliContext context, HyperDriveClient client, AzureMLJob job,
        Objective objective, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var trials = new List<TrialResult>();
        try
        {
            await foreach (var trial in client.GetSweepTrialResultsAsync(job.Name, cancellationToken).ConfigureAwait(
                false))
            {
                trials.Add(trial);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && !job.Status.IsTerminal)
        {
            // A sweep that has not started its trials yet.
        }

        if (trials.Count == 0)
        {
            await output.WriteLineAsync("no trials yet").ConfigureAwait(false);
            return;
        }

        // The service's best trial when it named one; otherwise (the recorded Completed sweep names none) the shared
        // rule.
        var best = job.BestChildRunId is { } serviceBest && trials.Find(t => t.Id == serviceBest) is { } named
            ? named
            : TrialLedger.SelectBest(trials, objective);
        var counts =
            trials.GroupBy(t => t.Status).OrderBy(g => g.Key).Select(g => $"{Formatting.Status(g.Key)} {g.Count()}");
        await output.WriteLineAsync($"trials: {trials.Count} ({string.Join(", ", counts)})").ConfigureAwait(false);
        var rows = trials.OrderBy(t => t.Number).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t =>
            new ResultView.Row(
            t.Id,
            Formatting.Status(t.Status),
            t.GetMetric(objective.PrimaryMetric) is { Count: > 0 } values ? values[^1].Value : null,
            t.Parameters,
            best?.Id == t.Id)).ToList();
        await ResultView.WriteTableAsync(output, rows, $"last {objective.PrimaryMetric}").ConfigureAwait(false);
        await ResultView.WriteBestAsync(output, best, objective).ConfigureAwait(false);
    }
}
