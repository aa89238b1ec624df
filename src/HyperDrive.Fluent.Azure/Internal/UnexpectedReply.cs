using System.Text.Json;
using Azure;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Reads a successful reply's body, and turns a body that is not what the service sends (cut-off JSON, an
/// empty 201, an HTML page from a gateway, a job without a name, a status that is a number) into one
/// <see cref="RequestFailedException"/> with the error code <see cref="ErrorCode"/> and the message "Unexpected reply
/// from Azure ML (HTTP 201, request id ...): ...", never a parser exception.</summary>
internal static class UnexpectedReply
{
    /// <summary>The <see cref="RequestFailedException.ErrorCode"/> of an unreadable reply.</summary>
    public const string ErrorCode = "UnexpectedReply";

    public static T Read<T>(Response response, string what, Func<BinaryData, T> read)
    {
        var content = response.Content;
        if (content.ToMemory().IsEmpty)
        {
            throw Create(response, $"{what}: the body is empty");
        }

        if (LooksLikeHtml(response, content))
        {
            throw Create(response, $"{what}: an HTML page, not JSON");
        }

        try
        {
            return read(content);
        }
        catch (JsonException ex)
        {
            throw Create(response, $"{what}: the JSON is cut off or invalid ({ex.Message})", ex);
        }
        catch (Exception ex) when (
            ex is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw Create(response, $"{what}: {ex.Message}", ex);
        }
    }

    public static RequestFailedException Create(Response response, string reason, Exception? inner = null) =>
        new(response.Status,
            $"Unexpected reply from Azure ML (HTTP {response.Status}, request id {RequestIds.Of(response)}): {reason}.",
            ErrorCode, inner);

    /// <summary>Whether <paramref name="exception"/> is an unreadable reply.</summary>
    public static bool Is(Exception exception) => exception is RequestFailedException { ErrorCode: ErrorCode };

    private static bool LooksLikeHtml(Response response, BinaryData content)
    {
        if (response.Headers.ContentType is { } type && type.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var span = content.ToMemory().Span;
        var i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            i++;
        }

        return i < span.Length && span[i] == (byte)'<';
    }
}
