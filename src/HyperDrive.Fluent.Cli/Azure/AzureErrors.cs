using Azure;
using Azure.Identity;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Cli.Azure;

/// <summary>Turns the failures of an Azure call into a message on stderr and an exit code.</summary>
internal static class AzureErrors
{
    /// <summary>Whether <paramref name="exception"/> is a failure <see cref="ReportAsync"/> knows how to
    /// explain.</summary>
    public static bool IsReportable(Exception exception) =>
        exception is RequestFailedException or AuthenticationFailedException or HyperDriveValidationException
            or InvalidOperationException
        || IsUnreachable(exception);

    /// <summary>Whether every attempt of a retried call failed without an answer (Azure.Core's retry policy throws an
    /// <see cref="AggregateException"/> of the attempts' <see cref="RequestFailedException"/>s: no connection, DNS,
    /// TLS).</summary>
    private static bool IsUnreachable(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: > 0 } attempts
            && attempts.InnerExceptions.All(e => e is RequestFailedException { Status: 0 });

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
                await WriteServiceErrorAsync(error, failed).ConfigureAwait(false);
                if (failed.Status is 401 or 403)
                {
                    await error.WriteLineAsync(
                        "The credential was refused: check that the token is for the right tenant and not expired, " +
                        "and that the identity has a role such as AzureML Data Scientist on the workspace.")
                        .ConfigureAwait(false);
                }

                break;
            case AggregateException attempts when IsUnreachable(attempts):
                await error.WriteLineAsync(
                    $"error: the service could not be reached ({attempts.InnerExceptions.Count} attempts): " +
                    $"{FirstLine(attempts.InnerExceptions[^1].Message)}").ConfigureAwait(false);
                await error.WriteLineAsync("Check the network and --endpoint (default https://management.azure.com).")
                    .ConfigureAwait(false);
                break;
            case AuthenticationFailedException authentication:
                await error.WriteLineAsync($"error: no Azure credential: {FirstLine(authentication.Message)}")
                    .ConfigureAwait(false);
                await error.WriteLineAsync(
                    $"Run 'az login', or set {EnvironmentTokenCredential.VariableName} to a bearer token for " +
                    "https://management.azure.com.").ConfigureAwait(false);
                break;
            case HyperDriveValidationException validation:
                var prefix = source is null ? string.Empty : source + ": ";
                foreach (var problem in validation.Problems)
                {
                    await error.WriteLineAsync(prefix + CliAdvice.Problem(problem)).ConfigureAwait(false);
                }

                var errors = validation.Problems.Count(p => p.IsError);
                await error.WriteLineAsync(validation.Problems.Count == 0
                    ? $"error: {prefix}{validation.Message}"
                    : $"{prefix}not valid for Azure ML: {errors} error(s), {validation.Problems.Count - errors} " +
                        "warning(s); nothing was submitted.").ConfigureAwait(false);
                break;
            default:
                await error.WriteLineAsync($"error: {CliAdvice.Text(exception.Message)}").ConfigureAwait(false);
                break;
        }

        return ExitCodes.Failure;
    }

    /// <summary>Error codes of failures the client itself raises with a complete message.</summary>
    private static readonly HashSet<string> OwnCodes =
        new(StringComparer.Ordinal) { "UnexpectedReply", "SubmissionUnconfirmed", "WatchAbandoned" };

    /// <summary>Writes the service's error code and message (read from its <c>{"error": {"code", "message",
    /// "details"}}</c> body, as in every recorded error reply), then the request id; a body that is empty (as some
    /// recorded 404s are) or not JSON (a gateway's HTML page) is said to be so.</summary>
    private static async Task WriteServiceErrorAsync(TextWriter error, RequestFailedException failed)
    {
        if (failed.ErrorCode is { } own && OwnCodes.Contains(own))
        {
            var text = FirstLine(failed.Message);
            // "unexpected reply from Azure ML (...)", "job X may or may not have been created: ..."; "Azure ML ..."
            // stays as it is.
            var lower = text.Length > 0 && !text.StartsWith("Azure", StringComparison.Ordinal)
                ? char.ToLowerInvariant(text[0]) + text[1..] : text;
            await error.WriteLineAsync("error: " + lower).ConfigureAwait(false);
            return;
        }

        var response = failed.GetRawResponse();
        var requestId = response is null ? null : RequestId(response);
        var body = response?.Content;
        var status = failed.Status == 0 ? "no reply" : $"HTTP {failed.Status}";
        if (response is not null && ServiceError.TryRead(body, out var service))
        {
            await error.WriteLineAsync(
                $"error: {service.Code ?? failed.ErrorCode ?? "error"} ({status}): " +
                $"{Indent(Cap(service.Message ?? "(no message)"))}").ConfigureAwait(false);
            foreach (var detail in service.Details.Take(5))
            {
                await error.WriteLineAsync($"  detail: {Indent(Cap(detail))}").ConfigureAwait(false);
            }
        }
        else if (response is not null && body is not null && !body.ToMemory().IsEmpty && !IsJson(body))
        {
            var what = LooksLikeHtml(response, body) ? "an HTML page, not a JSON error" : "not a JSON error";
            await error.WriteLineAsync(
                $"error: unexpected reply from Azure ML ({status}, request id {requestId}): {what}.").ConfigureAwait(
                false);
            return;
        }
        else if (response is not null && !string.IsNullOrEmpty(failed.ErrorCode))
        {
            // Another JSON error shape (MLflow's {"error_code", "message"}), already read by the client.
            await error.WriteLineAsync($"error: {failed.ErrorCode} ({status}): {FirstLine(failed.Message)}")
                .ConfigureAwait(false);
        }
        else if (response is not null)
        {
            await error.WriteLineAsync($"error: {status} ({response.ReasonPhrase}): Azure ML sent no error details.")
                .ConfigureAwait(false);
        }
        else
        {
            var code = string.IsNullOrEmpty(failed.ErrorCode) ? status : $"{failed.ErrorCode} ({status})";
            await error.WriteLineAsync($"error: {code}: {FirstLine(failed.Message)}").ConfigureAwait(false);
        }

        if (requestId is not null)
        {
            await error.WriteLineAsync($"request id: {requestId}").ConfigureAwait(false);
        }
    }

    /// <summary><c>x-ms-request-id</c>, else <c>x-ms-correlation-request-id</c> (the only id recorded replies carry),
    /// else ours.</summary>
    public static string RequestId(Response response) =>
        response.Headers.TryGetValue("x-ms-request-id", out var id) && !string.IsNullOrEmpty(id) ? id
        : response.Headers.TryGetValue("x-ms-correlation-request-id", out var correlation)
            && !string.IsNullOrEmpty(correlation) ? correlation
        : response.ClientRequestId;

    private static bool LooksLikeHtml(Response response, BinaryData body) =>
        (response.Headers.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
        || body.ToString().TrimStart().StartsWith('<');

    private static bool IsJson(BinaryData body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Cap(string text) => text.Length <= 2000 ? text : text[..2000] + " [...]";

    private static string Indent(string text) =>
        string.Join("\n  ", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()));

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
