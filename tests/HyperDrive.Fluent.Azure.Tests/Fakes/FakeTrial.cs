using System.Text.Json.Nodes;

namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>A trial (child run) of a fake sweep: listed as run history shows it (<see cref="ToRunHistoryRun"/>, from the recorded
/// children listing), its primary metric's history served by MLflow.</summary>
public sealed class FakeTrial(string runId, int index, string metric, JsonObject parameters)
{
    public string RunId { get; } = runId;

    public int Index { get; } = index;

    public string Metric { get; } = metric;

    public JsonObject Parameters { get; } = parameters;

    public string Status { get; set; } = "SCHEDULED";

    public List<double> History { get; } = [];

    public JsonObject ToMlflowRun(string parent, string? experimentName) => new()
    {
        ["info"] = new JsonObject
        {
            ["run_id"] = RunId,
            ["run_uuid"] = RunId,
            ["experiment_id"] = "exp-" + experimentName,
            ["user_id"] = "tester",
            ["status"] = Status,
            ["start_time"] = 1_727_784_000_000L + (Index * 1000L),
            ["end_time"] = Status is "FINISHED" or "FAILED" or "KILLED" ? 1_727_784_600_000L + (Index * 1000L) : null,
            ["artifact_uri"] = $"azureml://artifacts/ExperimentRun/dcid.{RunId}/artifacts",
            ["lifecycle_stage"] = "active",
        },
        ["data"] = new JsonObject
        {
            ["metrics"] = History.Count == 0 ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["key"] = Metric,
                ["value"] = MlflowValue(History[^1]),
                ["timestamp"] = 1_727_784_000_000L,
                ["step"] = History.Count - 1,
            }),
            ["params"] = new JsonArray(),
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "mlflow.parentRunId", ["value"] = parent }),
        },
    };

    /// <summary>A metric value as MLflow's REST API writes it (proto3 JSON): a number, or "NaN", "Infinity", "-Infinity".</summary>
    public static JsonNode MlflowValue(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The run-history status of <see cref="Status"/> (which keeps MLflow's words, as the scripts use them).</summary>
    public string RunHistoryStatus => Status switch
    {
        "RUNNING" => "Running",
        "FINISHED" => "Completed",
        "FAILED" => "Failed",
        "KILLED" => "Canceled",
        _ => "NotStarted",
    };

    /// <summary>This trial as a run-history run: the recorded child run <paramref name="template"/> (from
    /// <c>list_children_runhistory__*</c>) with this trial's id, name, parent, status and times.</summary>
    public JsonObject ToRunHistoryRun(JsonObject template, string parent)
    {
        var run = (JsonObject)template.DeepClone();
        var started = DateTimeOffset.FromUnixTimeMilliseconds(1_727_784_000_000L + (Index * 1000L));
        run["runId"] = RunId;
        run["name"] = RunId;
        run["displayName"] = RunId;
        run["parentRunId"] = parent;
        run["rootRunId"] = parent;
        run["status"] = RunHistoryStatus;
        run["runType"] = "azureml.HyperDrive.Child";
        run["createdUtc"] = started.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        run["startTimeUtc"] = Status == "SCHEDULED" ? null : started.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        run["endTimeUtc"] = Status is "FINISHED" or "FAILED" or "KILLED" ? started.AddMinutes(10).ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null;
        run["properties"] = new JsonObject();
        run["tags"] = new JsonObject();
        run["actionUris"] = new JsonObject();
        run["cancelUri"] = null;
        return run;
    }
}
