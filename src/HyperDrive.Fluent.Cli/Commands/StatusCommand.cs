using System.CommandLine;
using Azure;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Cli.Azure;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary><c>hyperdrive status NAME --workspace ID [--endpoint URL]</c>: the job's status and Studio page and, for a
/// sweep, its trials (the best one marked) and the best trial.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name (printed by 'hyperdrive submit')." };
        var connection = new AzureConnectionOptions();
        var command = new Command("status", "Show an Azure ML job: status, Studio URL, and for a sweep its trials and the best trial. " + AzureConnectionOptions.CredentialsShort) { name };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, connection.CreateClient(parseResult, context.Services, context.Error), parseResult.GetValue(name)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, HyperDriveClient client, string name, CancellationToken cancellationToken)
    {
        var output = context.Out;
        try
        {
            var job = (await client.GetJobAsync(name, cancellationToken).ConfigureAwait(false)).Value;
            await output.WriteLineAsync($"job {job.Name} ({job.JobType ?? "unknown type"}): {job.Status}").ConfigureAwait(false);
            if (job.DisplayName is not null || job.ExperimentName is not null)
            {
                await output.WriteLineAsync($"display name: {job.DisplayName ?? "-"}, experiment: {job.ExperimentName ?? "-"}").ConfigureAwait(false);
            }

            if (job.StudioUri is { } studio)
            {
                await output.WriteLineAsync($"studio: {studio}").ConfigureAwait(false);
            }

            if (string.Equals(job.JobType, "Sweep", StringComparison.OrdinalIgnoreCase) && job.PrimaryMetric is { } metric && job.Goal is { } goal)
            {
                await WriteTrialsAsync(context, client, job, new Objective(goal, metric), cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (AzureErrors.IsReportable(ex))
        {
            return await AzureErrors.ReportAsync(context, ex).ConfigureAwait(false);
        }
    }

    private static async Task WriteTrialsAsync(CliContext context, HyperDriveClient client, AzureMLJob job, Objective objective, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var trials = new List<SweepTrial>();
        try
        {
            await foreach (var trial in client.GetSweepTrialsAsync(job.Name, cancellationToken).ConfigureAwait(false))
            {
                trials.Add(trial);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && !job.Status.IsTerminal)
        {
            // The sweep's MLflow experiment appears when its first trial starts.
        }

        if (trials.Count == 0)
        {
            await output.WriteLineAsync("no trials yet").ConfigureAwait(false);
            return;
        }

        var best = await client.GetBestTrialAsync(job.Name, cancellationToken).ConfigureAwait(false);
        var counts = trials.GroupBy(t => t.Status).OrderBy(g => g.Key).Select(g => $"{Formatting.Status(g.Key)} {g.Count()}");
        await output.WriteLineAsync($"trials: {trials.Count} ({string.Join(", ", counts)})").ConfigureAwait(false);
        var rows = trials.OrderBy(t => t.Number).ThenBy(t => t.RunId, StringComparer.Ordinal).Select(t => new ResultView.Row(
            t.RunId,
            Formatting.Status(t.Status),
            t.LatestMetrics.TryGetValue(objective.PrimaryMetric, out var value) ? value : null,
            t.Parameters,
            best?.Id == t.RunId)).ToList();
        await ResultView.WriteTableAsync(output, rows, $"last {objective.PrimaryMetric}").ConfigureAwait(false);
        await ResultView.WriteBestAsync(output, best, objective).ConfigureAwait(false);
    }
}
