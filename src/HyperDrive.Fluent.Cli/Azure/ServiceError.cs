using System.Text.Json;

namespace HyperDrive.Fluent.Cli.Azure;

/// <summary>The service's error body: <c>{"error": {"code", "message", "details": [{"code", "message"}],
/// ...}}</c>.</summary>
internal sealed record ServiceError(string? Code, string? Message, IReadOnlyList<string> Details)
{
    public static bool TryRead(BinaryData? body, out ServiceError error)
    {
        error = new ServiceError(null, null, []);
        if (body is null || body.ToMemory().IsEmpty)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var inner)
                || inner.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var details = new List<string>();
            if (inner.TryGetProperty("details", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var detail in list.EnumerateArray())
                {
                    var code = Text(detail, "code");
                    var message = Text(detail, "message");
                    if (code is not null || message is not null)
                    {
                        details.Add(code is null ? message! : message is null ? code : $"{code}: {message}");
                    }
                }
            }

            error = new ServiceError(Text(inner, "code"), Text(inner, "message"), details);
            return error.Code is not null || error.Message is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
