using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Reads the service's response bodies into the client's models.</summary>
internal static class ModelReader
{
    private const string SystemTagPrefix = "_aml_system_";

    public static AzureMLJob ReadJob(BinaryData content)
    {
        using var document = JsonDocument.Parse(content);
        return ReadJob(document.RootElement, content);
    }

    public static AzureMLJob ReadJob(JsonElement root, BinaryData? content = null)
    {
        var properties = root.Get("properties") ?? default;
        var allTags = properties.ValueKind == JsonValueKind.Object ? properties.GetStringMap("tags") : [];
        var objective = properties.ValueKind == JsonValueKind.Object ? properties.Get("objective") : null;
        var goal = objective?.GetString("goal");
        Uri? studio = null;
        if (properties.ValueKind == JsonValueKind.Object
            && properties.Get("services")?.Get("Studio")?.GetString("endpoint") is { } endpoint)
        {
            Uri.TryCreate(endpoint, UriKind.Absolute, out studio);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(
                $"the job is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        var name = root.GetString("name")
            ?? root.GetString("id")?.Split('/').LastOrDefault()
            ?? throw new FormatException("the job has neither 'name' nor 'id'");
        if (properties.ValueKind == JsonValueKind.Object && properties.Get("status") is { } statusElement
            && statusElement.ValueKind != JsonValueKind.String)
        {
            // The service's JobStatus is a string enum; anything else is not a reply this client can trust.
            throw new FormatException($"'properties.status' is {statusElement.GetRawText()}, not a job status");
        }

        return new AzureMLJob(name)
        {
            Id = root.GetString("id"),
            JobType = properties.ValueKind == JsonValueKind.Object ? properties.GetString("jobType") : null,
            Status = properties.ValueKind == JsonValueKind.Object && properties.GetString("status") is { } status
                ? new AzureMLJobStatus(status) : AzureMLJobStatus.Unknown,
            DisplayName = properties.ValueKind == JsonValueKind.Object ? properties.GetString("displayName") : null,
            ExperimentName = properties.ValueKind == JsonValueKind.Object ? properties.GetString("experimentName")
                : null,
            ComputeId = properties.ValueKind == JsonValueKind.Object ? properties.GetString("computeId") : null,
            StudioUri = studio,
            Tags = allTags.Where(t => !t.Key.StartsWith(SystemTagPrefix, StringComparison.Ordinal)).ToDictionary(
                StringComparer.Ordinal),
            SystemTags = allTags.Where(t => t.Key.StartsWith(SystemTagPrefix, StringComparison.Ordinal)).ToDictionary(
                StringComparer.Ordinal),
            Properties = properties.ValueKind == JsonValueKind.Object ? properties.GetStringMap("properties") : [],
            PrimaryMetric = objective?.GetString("primaryMetric"),
            Goal = goal is null ? null : goal.Equals("minimize", StringComparison.OrdinalIgnoreCase)
                ? ObjectiveGoal.Minimize : ObjectiveGoal.Maximize,
            CreatedAt = root.Get("systemData")?.GetString("createdAt") is { } created
                && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                    out var at) ? at : null,
            Content = content ?? BinaryData.FromString(root.GetRawText()),
        };
    }

    /// <summary>Reads the sampled parameters of trial <paramref name="trialRunId"/> from the sweep's tags
    /// (<c>_aml_system_{run}</c>, or the v1 form <c>{run}</c>).</summary>
    public static IReadOnlyDictionary<string, object>? ReadTrialParameters(AzureMLJob sweep, string trialRunId)
    {
        var value = sweep.SystemTags.GetValueOrDefault(SystemTagPrefix + trialRunId)
            ?? sweep.Tags.GetValueOrDefault(trialRunId);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (Dictionary<string, object>)Json.ToParameterValue(document.RootElement)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The trial index of <c>{sweep}_{n}</c>, or -1.</summary>
    public static int ReadTrialNumber(string sweepName, string runId) =>
        runId.Length > sweepName.Length + 1
        && runId.StartsWith(sweepName + "_", StringComparison.Ordinal)
        && int.TryParse(runId.AsSpan(sweepName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture,
            out var number)
            ? number
            : -1;

    public static AzureMLSweepTrial ReadMlflowRun(JsonElement run, AzureMLJob sweep)
    {
        var info = run.Get("info") ?? throw new FormatException("An MLflow run has no 'info'.");
        var data = run.Get("data");
        var runId = info.GetString("run_id") ?? info.GetString("run_uuid")
            ?? throw new FormatException("An MLflow run has no 'run_id'.");
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is { } d)
        {
            foreach (var metric in EnumerateArray(d, "metrics"))
            {
                if (metric.GetString("key") is { } key && ReadMetricValue(metric.Get("value")) is { } value)
                {
                    metrics[key] = value;
                }
            }

            foreach (var param in EnumerateArray(d, "params"))
            {
                if (param.GetString("key") is { } key)
                {
                    parameters[key] = param.GetString("value") ?? string.Empty;
                }
            }

            foreach (var tag in EnumerateArray(d, "tags"))
            {
                if (tag.GetString("key") is { } key)
                {
                    tags[key] = tag.GetString("value") ?? string.Empty;
                }
            }
        }

        var status = info.GetString("status");
        return new AzureMLSweepTrial(runId)
        {
            Number = ReadTrialNumber(sweep.Name, runId),
            MlflowStatus = status,
            Status = MapMlflowStatus(status),
            Parameters = ReadTrialParameters(sweep, runId) ?? parameters,
            LatestMetrics = metrics,
            Tags = tags,
            StartTime = Json.FromUnixMilliseconds(info.GetInt64("start_time")),
            EndTime = Json.FromUnixMilliseconds(info.GetInt64("end_time")),
            ArtifactUri = info.GetString("artifact_uri"),
        };
    }

    /// <summary>Reads one run-history run (an element of <c>history/v1.0/.../runs/{parent}/children</c>'s <c>value</c>,
    /// as in the recorded <c>list_children_runhistory__*</c> replies): <c>runId</c>, <c>status</c> (a job status such
    /// as <c>Running</c> or <c>Completed</c>, not an MLflow one), <c>startTimeUtc</c>/<c>endTimeUtc</c>, <c>tags</c>.
    /// Run history carries no metrics; the sampled parameters come from the sweep's <c>_aml_system_{run}</c> tags, else
    /// the run's <c>parameters</c>.</summary>
    public static AzureMLSweepTrial ReadRunHistoryRun(JsonElement run, AzureMLJob sweep)
    {
        if (run.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(
                $"a child run is a JSON {run.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        var runId = run.GetString("runId") ?? run.GetString("name")
            ?? throw new FormatException("a child run has no 'runId'");
        var status = run.GetString("status");
        IReadOnlyDictionary<string, object>? parameters = ReadTrialParameters(sweep, runId);
        if (parameters is null && run.Get("parameters") is { ValueKind: JsonValueKind.Object } own)
        {
            parameters = (Dictionary<string, object>)Json.ToParameterValue(own);
        }

        return new AzureMLSweepTrial(runId)
        {
            Number = ReadTrialNumber(sweep.Name, runId),
            RunStatus = status,
            Status = MapRunStatus(status),
            Parameters = parameters ?? new Dictionary<string, object>(StringComparer.Ordinal),
            Tags = run.GetStringMap("tags"),
            StartTime = ReadTime(run, "startTimeUtc") ?? ReadTime(run, "createdUtc"),
            EndTime = ReadTime(run, "endTimeUtc"),
        };
    }

    /// <summary>Maps a run-history status (the service's run statuses) to a trial status.</summary>
    public static TrialStatus MapRunStatus(string? status) => status?.ToUpperInvariant() switch
    {
        "COMPLETED" => TrialStatus.Completed,
        "FAILED" => TrialStatus.Failed,
        "CANCELED" or "CANCELLED" => TrialStatus.Canceled,
        "RUNNING" or "FINALIZING" or "CANCELREQUESTED" => TrialStatus.Running,
        _ => TrialStatus.Queued,
    };

    private static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        element.GetString(name) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at : null;

    public static TrialStatus MapMlflowStatus(string? status) => status?.ToUpperInvariant() switch
    {
        "RUNNING" => TrialStatus.Running,
        "FINISHED" => TrialStatus.Completed,
        "FAILED" => TrialStatus.Failed,
        "KILLED" => TrialStatus.Canceled,
        _ => TrialStatus.Queued,
    };

    public static MetricValue ReadMetric(JsonElement metric, string fallbackName, long index) => new(
        metric.GetString("key") ?? fallbackName,
        ReadMetricValue(metric.Get("value")) ?? double.NaN,
        metric.GetInt64("step") ?? index,
        Json.FromUnixMilliseconds(metric.GetInt64("timestamp")) ?? DateTimeOffset.UnixEpoch);

    /// <summary>Reads an MLflow metric value: a JSON number, or one of the strings the proto3 JSON mapping writes for
    /// the values JSON has no number for (MLflow's REST handlers answer with protobuf's MessageToJson, mlflow/utils/
    /// proto_json_utils.py message_to_json): <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.</summary>
    /// <returns>The value, or <see langword="null"/> when it is neither.</returns>
    public static double? ReadMetricValue(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        { ValueKind: JsonValueKind.String } text => text.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => null,
        },
        _ => null,
    };

    public static IEnumerable<JsonElement> EnumerateArray(JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
