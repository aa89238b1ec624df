using Azure;
using Azure.Identity;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Cli.Azure;

/// <summary>Turns the failures of an Azure call into a message on stderr and an exit code.</summary>
internal static class AzureErrors
{
    /// <summary>Whether <paramref name="exception"/> is a failure <see cref="ReportAsync"/> knows how to explain.</summary>
    public static bool IsReportable(Exception exception) =>
        exception is RequestFailedException or AuthenticationFailedException or HyperDriveValidationException or InvalidOperationException;

    /// <summary>Writes what went wrong: the service's error code and message (never the response body or headers, which
    /// can hold SAS URIs), the credential failure with what to do, or every validation problem.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="exception">The failure.</param>
    /// <param name="source">What the problems are about (the file), for validation failures.</param>
    /// <returns><see cref="ExitCodes.Failure"/>.</returns>
    public static async Task<int> ReportAsync(CliContext context, Exception exception, string? source = null)
    {
        var error = context.Error;
        switch (exception)
        {
            case RequestFailedException failed:
                var code = string.IsNullOrEmpty(failed.ErrorCode) ? $"HTTP {failed.Status}" : $"{failed.ErrorCode} (HTTP {failed.Status})";
                await error.WriteLineAsync($"error: {code}: {FirstLine(failed.Message)}").ConfigureAwait(false);
                if (failed.Status is 401 or 403)
                {
                    await error.WriteLineAsync("The credential was refused: check that the token is for the right tenant and not expired, and that the identity has a role such as AzureML Data Scientist on the workspace.").ConfigureAwait(false);
                }

                break;
            case AuthenticationFailedException authentication:
                await error.WriteLineAsync($"error: no Azure credential: {FirstLine(authentication.Message)}").ConfigureAwait(false);
                await error.WriteLineAsync($"Run 'az login', or set {EnvironmentTokenCredential.VariableName} to a bearer token for https://management.azure.com.").ConfigureAwait(false);
                break;
            case HyperDriveValidationException validation:
                var prefix = source is null ? string.Empty : source + ": ";
                foreach (var problem in validation.Problems)
                {
                    await error.WriteLineAsync(prefix + problem).ConfigureAwait(false);
                }

                var errors = validation.Problems.Count(p => p.IsError);
                await error.WriteLineAsync(validation.Problems.Count == 0
                    ? $"error: {prefix}{validation.Message}"
                    : $"{prefix}not valid for Azure ML: {errors} error(s), {validation.Problems.Count - errors} warning(s); nothing was submitted.").ConfigureAwait(false);
                break;
            default:
                await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
                break;
        }

        return ExitCodes.Failure;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
