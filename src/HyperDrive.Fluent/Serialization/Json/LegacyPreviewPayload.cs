using System.Text.Json;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// Recognizes the 2021 pre-GA (preview) REST sweep payloads (azureml-examples <c>rest-api/</c>): they put
/// <c>algorithm</c>, <c>maxTotalTrials</c>, <c>maxConcurrentTrials</c> and <c>timeout</c> directly in
/// <c>properties</c>, give the compute as an object (<c>compute.target</c>), bind data with
/// <c>trial.inputDataBindings</c> or <c>trial.timeout</c>, and prefix search-space keys with <c>--</c>
/// (<c>"--kernel"</c>). The GA contract has none of these, so any one of them identifies the old syntax.
/// </summary>
internal static class LegacyPreviewPayload
{
    private static readonly (string Key, string Replacement)[] LegacyTopLevelKeys =
    [
        ("algorithm", "samplingAlgorithm {\"samplingAlgorithmType\": \"Random\"}"),
        ("maxTotalTrials", "limits.maxTotalTrials"),
        ("maxConcurrentTrials", "limits.maxConcurrentTrials"),
        ("compute", "computeId (the compute's ARM id)"),
    ];

    public static void ThrowIfLegacy(JsonElement properties, JsonReadContext context, string path)
    {
        foreach (var (key, replacement) in LegacyTopLevelKeys)
        {
            if (properties.TryGetProperty(key, out _))
            {
                throw Legacy(
                    context, JsonReadContext.Join(path, key),
                    $"'{key}' is not a property of a GA job (use {replacement})");
            }
        }

        if (properties.TryGetProperty("jobType", out var jobType) && jobType.ValueKind == JsonValueKind.String
            && string.Equals(jobType.GetString(), "Sweep", StringComparison.OrdinalIgnoreCase)
            && properties.TryGetProperty("timeout", out _))
        {
            throw Legacy(context, JsonReadContext.Join(path, "timeout"), "a sweep's timeout belongs in limits.timeout");
        }

        if (JsonReadContext.TryGet(properties, "trial", out var trial) && trial.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in new[] { "inputDataBindings", "timeout" })
            {
                if (trial.TryGetProperty(key, out _))
                {
                    throw Legacy(
                        context, JsonReadContext.Join(path, "trial." + key),
                        $"trial.{key} is not part of the GA trial (use the job's inputs and limits.trialTimeout)");
                }
            }
        }

        if (JsonReadContext.TryGet(properties, "searchSpace", out var space) && space.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in space.EnumerateObject())
            {
                if (parameter.Name.StartsWith("--", StringComparison.Ordinal))
                {
                    throw Legacy(context, JsonReadContext.Join(path, "searchSpace." + parameter.Name),
                        $"the search-space key '{parameter.Name}' has a '--' prefix (GA keys are bare names such as " +
                        $"'{parameter.Name.TrimStart('-')}', with the flag in trial.command)");
                }
            }
        }
    }

    private static AzureMLFormatException Legacy(JsonReadContext context, string path, string detail) =>
        context.Fail(
            path, $"this is the 2021 pre-GA (preview) REST sweep syntax, which Azure ML no longer accepts: {detail}. " +
            "Rewrite it in the GA shape (jobType, computeId, trial {command, environmentId, codeId}, searchSpace, " +
                "samplingAlgorithm, objective, earlyTermination, limits), or convert the job's CLI v2 YAML instead.");
}
