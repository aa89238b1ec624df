using System.CommandLine;
using Azure;
using HyperDrive.Fluent.Azure;
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
        var command = new Command("cancel", "Cancel an Azure ML job. " + AzureConnectionOptions.CredentialsShort)
            { name };
        connection.AddTo(command);
        command.Options.Add(wait);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, connection.CreateClient(parseResult, context.Services, context.Error),
                parseResult.GetValue(name)!, parseResult.GetValue(wait), cancellationToken));
        return command;
    }

    private static string ServiceMessage(RequestFailedException ex) =>
        ServiceError.TryRead(ex.GetRawResponse()?.Content, out var error) && error.Message is { } message ? message
            : ex.Message;

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private static async Task<int> RunAsync(CliContext context, HyperDriveClient client, string name, bool wait,
        CancellationToken cancellationToken)
    {
        var output = context.Out;
        try
        {
            var job = (await client.GetJobAsync(name, cancellationToken).ConfigureAwait(false)).Value;
            if (job.Status.IsTerminal)
            {
                // What the user asked for holds: the job is not running. Exit 0, as for a job the service calls
                // terminal below.
                await output.WriteLineAsync($"job {name} has already finished ({job.Status}); nothing to cancel.")
                    .ConfigureAwait(false);
                return ExitCodes.Success;
            }

            CancelJobOperation operation;
            try
            {
                operation = await client.CancelJobAsync(WaitUntil.Started, name, cancellationToken).ConfigureAwait(
                    false);
            }
            catch (RequestFailedException ex) when (
                ex.Status == 400 && ex.Message.Contains("terminal status", StringComparison.OrdinalIgnoreCase))
            {
                // Recorded (cancel_job_400_terminal__*): 400 UserError "... is in terminal status, it can't be
                // canceled." for a job that ended between the GET above and the cancel.
                await output.WriteLineAsync(
                    $"job {name} has already finished; nothing to cancel (Azure ML: {FirstLine(ServiceMessage(ex))}).")
                    .ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (RequestFailedException ex) when (ex.Status is 504 or 408
                || (ex.Status >= 500 && ex.ErrorCode is not "UnexpectedReply"))
            {
                await AzureErrors.ReportAsync(context, ex).ConfigureAwait(false);
                await context.Error.WriteLineAsync(
                    $"Azure ML did not confirm the cancel request for job {name} (HTTP {ex.Status}, after retrying); " +
                    $"it may or may not be canceling. Check with: hyperdrive status {name}, or run hyperdrive cancel " +
                    $"{name} again.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

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
                await context.Error.WriteLineAsync($"Stopped waiting; the service goes on canceling job {name}.")
                    .ConfigureAwait(false);
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
