using Azure;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>The id to quote when asking Azure support about a reply: <c>x-ms-request-id</c> when the service sent one,
/// else <c>x-ms-correlation-request-id</c> (the only id in every recorded ARM reply:
/// <c>corpus/recordings/service/*</c>), else the id this client sent (<c>x-ms-client-request-id</c>).</summary>
internal static class RequestIds
{
    public static string Of(Response response) =>
        response.Headers.TryGetValue("x-ms-request-id", out var id) && !string.IsNullOrEmpty(id) ? id
        : response.Headers.TryGetValue("x-ms-correlation-request-id", out var correlation)
            && !string.IsNullOrEmpty(correlation) ? correlation
        : response.ClientRequestId;
}
