using System.CommandLine;
using Azure;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Cli.Azure;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary><c>hyperdrive cancel NAME --workspace ID [--endpoint URL] [--wait]</c>: requests the cancellation (and with
/// <c>--wait</c> waits until the service reports the job canceled).</summary>
internal static class CancelCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name." };
        var connection = new AzureConnectionOptions();
        var wait = new Option<bool>("--wait") { Description = "Wait until the service reports the job canceled." };
        var command = new Command("cancel", "Cancel an Azure ML job. " + AzureConnectionOptions.CredentialsShort) { name };
        connection.AddTo(command);
        command.Options.Add(wait);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, connection.CreateClient(parseResult, context.Services, context.Error), parseResult.GetValue(name)!, parseResult.GetValue(wait), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, HyperDriveClient client, string name, bool wait, CancellationToken cancellationToken)
    {
        var output = context.Out;
        try
        {
            var job = (await client.GetJobAsync(name, cancellationToken).ConfigureAwait(false)).Value;
            if (job.Status.IsTerminal)
            {
                var canceled = job.Status == AzureMLJobStatus.Canceled;
                await (canceled ? output : context.Error).WriteLineAsync($"job {name} is already {job.Status}; nothing to cancel.").ConfigureAwait(false);
                return canceled ? ExitCodes.Success : ExitCodes.Failure;
            }

            var operation = await client.CancelJobAsync(WaitUntil.Started, name, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"cancel requested for job {name}").ConfigureAwait(false);
            if (!wait)
            {
                return ExitCodes.Success;
            }

            try
            {
                await operation.WaitForCompletionResponseAsync(cancellationToken).ConfigureAwait(false);
                job = (await client.GetJobAsync(name, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync($"Stopped waiting; the service goes on canceling job {name}.").ConfigureAwait(false);
                return ExitCodes.Canceled;
            }

            await output.WriteLineAsync($"job {name} is {job.Status}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (AzureErrors.IsReportable(ex))
        {
            return await AzureErrors.ReportAsync(context, ex).ConfigureAwait(false);
        }
    }
}
