using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Cli.Azure;

/// <summary>Watches an Azure ML job to its end for <c>submit --wait</c> and <c>status --wait</c>: the trials live, then
/// the result (and, with <c>--register-best</c>, the best trial's model). When watching fails or stops, it says that
/// the job keeps running on the service and how to reattach.</summary>
internal static class JobWatch
{
    /// <summary>What to register once a sweep completed (<c>--register-best</c>).</summary>
    public sealed record Registration(string ModelName, string? ModelPath, string ModelType);

    public static async Task<int> WaitAsync(CliContext context, AzureMLSweepRun run, string workspace,
        Registration? registration, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var view = new ProgressView(output);
        var hinted = false;
        SweepResult result;
        try
        {
            await foreach (var update in run.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                await view.ApplyAsync(update).ConfigureAwait(false);
                if (!hinted && update.Kind == TrialUpdateKind.Notice
                    && update.Message?.Contains("keeps running on the service", StringComparison.Ordinal) == true)
                {
                    hinted = true;
                    await context.Error.WriteLineAsync(ReattachHint(run.Id, workspace)).ConfigureAwait(false);
                }
            }

            result = await run.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync($"Stopped waiting; job {run.Id} keeps running on Azure ML.")
                .ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Cancel it with: hyperdrive cancel {run.Id} --workspace {workspace}")
                .ConfigureAwait(false);
            await context.Error.WriteLineAsync(ReattachHint(run.Id, workspace)).ConfigureAwait(false);
            return ExitCodes.Canceled;
        }
        catch (Exception ex) when (AzureErrors.IsReportable(ex))
        {
            var exitCode = await AzureErrors.ReportAsync(context, ex).ConfigureAwait(false);
            await context.Error.WriteLineAsync(
                $"Job {run.Id} keeps running on Azure ML; this only stopped watching it.").ConfigureAwait(false);
            await context.Error.WriteLineAsync(ReattachHint(run.Id, workspace)).ConfigureAwait(false);
            return exitCode;
        }

        await output.WriteLineAsync($"job {run.Id} {Formatting.Status(result.Status)}").ConfigureAwait(false);
        await ResultView.WriteAsync(output, result).ConfigureAwait(false);
        foreach (var warning in result.Warnings.Where(w => !view.Notices.Contains(w)))
        {
            await context.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        if (result.Error is not null)
        {
            await context.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
        }

        if (result.Status != SweepRunStatus.Completed)
        {
            // Failed, or canceled on the service (by someone else, or by the sweep's timeout): the job did not
            // complete.
            return ExitCodes.Failure;
        }

        if (registration is { } register)
        {
            if (result.BestTrial is null)
            {
                await context.Error.WriteLineAsync(
                    $"error: --register-best {register.ModelName}: no trial reported " +
                    $"{result.Objective?.PrimaryMetric}, so there is no best model to register.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            try
            {
                var model =
                    await run.RegisterBestModelAsync(register.ModelName, register.ModelPath
                    ?? DefaultModelPath(run.Definition), register.ModelType, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                await output.WriteLineAsync(
                    $"registered model {register.ModelName} version {model.Version} from {model.ModelUri}")
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (AzureErrors.IsReportable(ex) || ex is ArgumentException)
            {
                return await AzureErrors.ReportAsync(context, ex).ConfigureAwait(false);
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>How to watch the job again from another shell or later.</summary>
    public static string ReattachHint(string jobName, string workspace) =>
        $"Reattach with: hyperdrive status {jobName} --wait --workspace {workspace}";

    private static string DefaultModelPath(JobDefinition definition)
    {
        var outputs = definition is SweepDefinition sweep && sweep.Trial.Outputs.Count > 0
            ? sweep.Trial.Outputs.Keys.ToList() : definition.Outputs.Keys.ToList();
        return outputs.Count == 1 ? outputs[0] : "model";
    }
}
