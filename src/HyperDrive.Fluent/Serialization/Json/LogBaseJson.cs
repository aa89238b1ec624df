using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Sampling;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// <c>samplingAlgorithm.logbase</c> of a random sweep: a string in the REST model (<c>"e"</c> or a number), present
/// only in the preview api-versions' <c>RandomSamplingAlgorithm</c>. Evidence: the recorded 201 echoes carry
/// <c>"logbase": null</c> from 2022-12-01-preview on (2022-12-01-preview, 2023-04-01-preview) and not at
/// 2022-06-01-preview; the GA definitions (2024-04-01 <c>RandomSamplingAlgorithm</c>: <c>samplingAlgorithmType</c>,
/// <c>rule</c>, <c>seed</c>) and the GA SDKs have no such field; azure-ai-ml builds it from its
/// <c>v2023_08_01_preview</c> models.
/// </summary>
internal static class LogBaseJson
{
    /// <summary>The api-version the error for a GA version recommends: the newest preview azure-ai-ml was recorded
    /// sending jobs with (2024-01-01-preview, the azure-sdk-assets recordings).</summary>
    public const string PreviewApiVersion = "2024-01-01-preview";

    private const string FirstPreviewWithLogBase = "2022-12-01-preview";

    /// <summary>Whether <paramref name="apiVersion"/>'s <c>RandomSamplingAlgorithm</c> has <c>logbase</c>: a
    /// <c>yyyy-MM-dd-preview</c> version from 2022-12-01-preview on.</summary>
    public static bool IsSupported(string apiVersion) =>
        apiVersion.EndsWith("-preview", StringComparison.OrdinalIgnoreCase)
        && string.CompareOrdinal(apiVersion[..Math.Min(10, apiVersion.Length)], FirstPreviewWithLogBase[..10]) >= 0;

    /// <summary>The REST text: <c>e</c> for <see cref="Math.E"/>, else the shortest round-trip number.</summary>
    public static string Format(double logBase) =>
        logBase == Math.E ? "e" : logBase.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>logbase</c> for the body's api-version, or throws when that version has no such
    /// field.</summary>
    /// <exception cref="InvalidOperationException">The sampling has a log base and <paramref name="apiVersion"/> is not
    /// a preview that has it.</exception>
    public static void Write(Utf8JsonWriter writer, RandomSampling random, string apiVersion, string path)
    {
        if (random.LogBase is not { } logBase)
        {
            return;
        }

        if (!IsSupported(apiVersion))
        {
            throw new InvalidOperationException(
                $"{path}: api-version {apiVersion} has no logbase (only the preview api-versions' " +
                    "RandomSamplingAlgorithm has it, from " +
                $"{FirstPreviewWithLogBase} on), so logbase {Format(logBase)} would be dropped. Write the body for a " +
                    "preview api-version " +
                $"such as {PreviewApiVersion} (AzureMLJsonOptions.ApiVersion, or " +
                    "HyperDriveClientOptions.ServiceVersion.V2024_01_01_Preview), " +
                "or remove the log base (RandomSampling.LogBase = null: base e).");
        }

        writer.WriteString("logbase", Format(logBase));
    }

    /// <summary>Reads <c>logbase</c> (a string <c>"e"</c> or number, or a JSON number); <see langword="null"/> when
    /// absent.</summary>
    public static double? Read(JsonElement sampling, JsonReadContext context, string path)
    {
        if (!JsonReadContext.TryGet(sampling, "logbase", out var value))
        {
            return null;
        }

        var fieldPath = JsonReadContext.Join(path, "logbase");
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetDouble();
            case JsonValueKind.String when value.GetString() is "e" or "E":
                return Math.E;
            case JsonValueKind.String when double.TryParse(
                value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw context.Fail(fieldPath, $"expected a number or \"e\", found {JsonReadContext.Describe(value)}.");
        }
    }
}
