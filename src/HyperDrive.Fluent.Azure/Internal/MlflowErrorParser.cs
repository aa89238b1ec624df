using System.Text.Json;
using Azure;
using Azure.Core;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Reads MLflow's error body (<c>{"error_code": "...", "message": "..."}</c>) into a
/// <see cref="RequestFailedException"/>, falling back to the ARM shape (<c>{"error": {"code",
/// "message"}}</c>).</summary>
internal sealed class MlflowErrorParser : RequestFailedDetailsParser
{
    public static MlflowErrorParser Instance { get; } = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        error = null;
        data = null;
        try
        {
            if (response.Content is null || response.Content.ToMemory().IsEmpty)
            {
                return false;
            }

            using var document = JsonDocument.Parse(response.Content);
            var root = document.RootElement;
            if (root.GetString("error_code") is { } code)
            {
                error = new ResponseError(code, root.GetString("message") ?? code);
                return true;
            }

            if (root.Get("error") is { } armError && armError.GetString("code") is { } armCode)
            {
                error = new ResponseError(armCode, armError.GetString("message") ?? armCode);
                return true;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }
}
