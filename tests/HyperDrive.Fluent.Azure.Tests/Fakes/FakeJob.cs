using System.Globalization;
using System.Text.Json.Nodes;

namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>A job held by the fake. A sweep lives one step per GET: NotStarted; Running with every trial reporting its first
/// value; Running with the second values and trial 0 finished; Completed with every trial finished (and best_child_run_id).</summary>
public sealed class FakeJob
{
    /// <summary>The primary-metric histories of trials 0, 1, 2, ... (cycled): trial 1 peaks at 0.50 then falls to 0.20, so
    /// "best of its history" (the Azure rule) picks trial 1 while "last value" would pick trial 2.</summary>
    public static readonly double[][] Histories = [[0.30, 0.35], [0.50, 0.20], [0.40, 0.45]];

    public FakeJob(string name, JsonObject? recorded = null)
    {
        Name = name;
        Recorded = recorded;
        Properties = new JsonObject();
    }

    public string Name { get; }

    public JsonObject? Recorded { get; }

    public bool Replayed { get; init; }

    public JsonObject Properties { get; private set; }

    public string Status { get; set; } = "NotStarted";

    public int Step { get; private set; }

    public int CancelPolls { get; set; }

    public int PutCount { get; private set; }

    /// <summary>Gets or sets a status the job's GET reports whatever its life says (e.g. one the client does not know).</summary>
    public string? StatusOverride { get; set; }

    public List<FakeTrial> Trials { get; } = [];

    public string? ExperimentName => (string?)Properties["experimentName"] ?? "Default";

    public bool IsTerminal => Status is "Completed" or "Failed" or "Canceled";

    /// <summary>Gets or sets the number of trials a sweep simulates (default: limits.maxTotalTrials).</summary>
    public int? TrialCount { get; set; }

    /// <summary>Gets or sets each trial's scripted history and final MLflow status (the conformance scenarios); by default
    /// the trials replay <see cref="Histories"/> and finish.</summary>
    public Func<int, FakeTrialScript>? Script { get; set; }

    public static FakeJob Create(string name, JsonObject properties, Func<int, FakeTrialScript>? script = null) =>
        new FakeJob(name) { Script = script }.Update(properties);

    public FakeJob Update(JsonObject properties)
    {
        Properties = (JsonObject)properties.DeepClone();
        PutCount++;
        return this;
    }

    public void Advance(bool setBestChildRunId)
    {
        if (IsTerminal || Status == "CancelRequested")
        {
            return;
        }

        var isSweep = (string?)Properties["jobType"] == "Sweep";
        Step++;
        if (!isSweep)
        {
            Status = Step >= 2 ? "Completed" : "Running";
            return;
        }

        var metric = (string?)Properties["objective"]?["primaryMetric"] ?? "accuracy";
        var count = TrialCount ?? (int?)Properties["limits"]?["maxTotalTrials"] ?? 1;
        if (Script is { } script)
        {
            AdvanceScripted(script, metric, count);
            return;
        }

        switch (Step)
        {
            case 1:
                Status = "Running";
                for (var i = 0; i < count; i++)
                {
                    Trials.Add(new FakeTrial($"{Name}_{i}", i, metric, SampleParameters(i, count)) { Status = "RUNNING" });
                    Trials[i].History.Add(Histories[i % Histories.Length][0]);
                }

                break;
            case 2:
                foreach (var trial in Trials)
                {
                    trial.History.Add(Histories[trial.Index % Histories.Length][1]);
                }

                Trials[0].Status = "FINISHED";
                break;
            default:
                foreach (var trial in Trials)
                {
                    trial.Status = "FINISHED";
                }

                Status = "Completed";
                var goalIsMax = !string.Equals((string?)Properties["objective"]?["goal"], "Minimize", StringComparison.OrdinalIgnoreCase);
                var best = Trials.Where(t => t.History.Count > 0)
                    .OrderBy(t => goalIsMax ? -t.History.Max() : t.History.Min()).ThenBy(t => t.Index).FirstOrDefault();
                if (setBestChildRunId && best is not null)
                {
                    Properties["properties"] ??= new JsonObject();
                    Properties["properties"]!["best_child_run_id"] = best.RunId;
                    Properties["properties"]!["score"] = (goalIsMax ? best.History.Max() : best.History.Min()).ToString(CultureInfo.InvariantCulture);
                }

                break;
        }
    }

    private void AdvanceScripted(Func<int, FakeTrialScript> script, string metric, int count)
    {
        if (Step == 1)
        {
            Status = "Running";
            for (var i = 0; i < count; i++)
            {
                Trials.Add(new FakeTrial($"{Name}_{i}", i, metric, SampleParameters(i, count)) { Status = "RUNNING" });
                Trials[i].History.AddRange(script(i).History);
            }

            return;
        }

        foreach (var trial in Trials)
        {
            trial.Status = script(trial.Index).FinalStatus;
        }

        Status = "Completed";
    }

    public JsonObject ToResource(Uri endpoint)
    {
        var properties = (JsonObject)Properties.DeepClone();
        properties["status"] = StatusOverride ?? Status;
        properties["services"] = new JsonObject
        {
            ["Studio"] = new JsonObject
            {
                ["jobServiceType"] = "Studio",
                ["port"] = null,
                ["endpoint"] = $"https://ml.azure.com/runs/{Name}?wsid={FakeAzureML.WorkspacePath}",
                ["status"] = null,
            },
        };
        var tags = properties["tags"] as JsonObject ?? new JsonObject();
        tags["_aml_system_max_total_jobs"] = Trials.Count.ToString(CultureInfo.InvariantCulture);
        foreach (var trial in Trials)
        {
            tags["_aml_system_" + trial.RunId] = trial.Parameters.ToJsonString();
        }

        properties["tags"] = tags;
        return new JsonObject
        {
            ["id"] = $"{FakeAzureML.WorkspacePath}/jobs/{Name}",
            ["name"] = Name,
            ["type"] = "Microsoft.MachineLearningServices/workspaces/jobs",
            ["properties"] = properties,
            ["systemData"] = new JsonObject { ["createdAt"] = "2024-10-01T12:00:00Z", ["createdBy"] = "tester", ["createdByType"] = "User" },
        };
    }

    private JsonObject SampleParameters(int index, int count)
    {
        var parameters = new JsonObject();
        if (Properties["searchSpace"] is JsonObject space)
        {
            foreach (var (key, expression) in space)
            {
                var kind = (string?)expression?[0];
                var args = expression?[1]?.AsArray();
                parameters[key] = kind switch
                {
                    "choice" => args![0]![index % args[0]!.AsArray().Count]!.DeepClone(),
                    "uniform" or "quniform" => (double)args![0]! + (((double)args[1]! - (double)args[0]!) * (index + 1) / (count + 1)),
                    "randint" => index % (int)args![0]!,
                    _ => index,
                };
            }
        }

        return parameters;
    }
}
