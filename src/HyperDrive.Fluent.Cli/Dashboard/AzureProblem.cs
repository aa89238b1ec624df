using Azure;
using Azure.Identity;
using HyperDrive.Fluent.Cli.Azure;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>What the dashboard shows when Azure ML cannot be read: the service's error code and first message line
/// (never a body or header, which can hold SAS URIs), or the credential failure with what to do.</summary>
internal static class AzureProblem
{
    /// <summary>Whether <paramref name="exception"/> is a failure of the service or the credential (not a
    /// bug).</summary>
    public static bool IsAzureFailure(Exception exception) =>
        exception is RequestFailedException or AuthenticationFailedException
        || exception is AggregateException { InnerExceptions.Count: > 0 } attempts
            && attempts.InnerExceptions.All(e => e is RequestFailedException);

    /// <summary>One line saying what went wrong and what to do.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: 401 or 403 } failed =>
            $"{Service(failed)} The credential was refused: check the token's tenant and expiry, and that the " +
            "identity has a role such as AzureML Data Scientist on the workspace.",
        RequestFailedException failed => Service(failed),
        AuthenticationFailedException authentication =>
            $"no Azure credential: {FirstLine(authentication.Message)} Run 'az login', or set " +
            "HYPERDRIVE_ACCESS_TOKEN to a bearer token for https://management.azure.com.",
        AggregateException attempts =>
            $"the service could not be reached ({attempts.InnerExceptions.Count} attempts): " +
            $"{FirstLine(attempts.InnerExceptions[^1].Message)} Check the network and --endpoint.",
        _ => FirstLine(exception.Message),
    };

    /// <summary>The service's code and message from its <c>{"error": {...}}</c> body (as the CLI's other commands print
    /// them), else the client's code and the exception's first line (Azure.Core appends the body and headers after
    /// it).</summary>
    private static string Service(RequestFailedException failed)
    {
        var status = failed.Status == 0 ? "no reply" : $"HTTP {failed.Status}";
        if (failed.GetRawResponse() is { } response && ServiceError.TryRead(response.Content, out var error))
        {
            return $"{error.Code ?? failed.ErrorCode ?? "error"} ({status}): " +
                $"{FirstLine(error.Message ?? "(no message)")}";
        }

        return $"{(string.IsNullOrEmpty(failed.ErrorCode) ? status : $"{failed.ErrorCode} ({status})")}: " +
            $"{FirstLine(failed.Message)}";
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
