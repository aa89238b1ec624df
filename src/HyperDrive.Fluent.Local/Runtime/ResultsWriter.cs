using System.Text.Json;
using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Serialization.Json;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>Writes a run's result files: <c>sweep.json</c> (definition summary, trials, histories, decisions, best) and
/// <c>metrics_output.json</c> (trial → metric → values) and <c>report.html</c> (<see cref="Reporting.SweepReport"/>).
/// Every file is written to a temporary name and renamed, so a reader never sees half a file.</summary>
internal static class ResultsWriter
{
    public const string SweepFile = "sweep.json";
    public const string MetricsFile = "metrics_output.json";
    public const string ReportFile = "report.html";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static void Write(SweepResult result, SweepDefinition definition, int? seed, DateTimeOffset startedAt,
        DateTimeOffset endedAt)
    {
        var folder = result.OutputDirectory!;
        WriteAtomically(Path.Combine(folder, SweepFile), w =>
            WriteSweep(w, result, definition, seed, startedAt, endedAt));
        WriteAtomically(Path.Combine(folder, MetricsFile), w => WriteMetrics(w, result));
        Reporting.SweepReport.WriteHtml(result, Path.Combine(folder, ReportFile), options: null,
            ReportContextOf(definition));
    }

    /// <summary>What the report needs from the definition: which parameters are log-distributed (log axes).</summary>
    public static Reporting.ReportContext ReportContextOf(SweepDefinition definition) =>
        Reporting.ReportContext.ForSearchSpace(
            definition.SearchSpace.Select(p => KeyValuePair.Create(p.Key, p.Value.TypeName)));

    public static void WriteAtomically(string path, Action<Utf8JsonWriter> write) =>
        IO.AtomicFile.Write(path, stream =>
        {
            // A full disk: the file keeps its last whole version, and no half-written temporary is left behind.
            using var writer = new Utf8JsonWriter(stream, Indented);
            write(writer);
        });

    /// <summary>Removes what an interrupted write left in a run folder (<c>.sweep.json.tmp</c>,
    /// <c>.report.html.tmp</c>, from earlier builds <c>sweep.json.tmp</c>, <c>best.tmp/</c>), before a resumed run
    /// writes its results again.</summary>
    /// <param name="folder">The run folder.</param>
    public static void RemoveLeftoverTemporaries(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.tmp"))
        {
            TryDelete(file);
        }

        foreach (var directory in Directory.EnumerateDirectories(folder, "*.tmp"))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Replaces <paramref name="destination"/> with a copy of <paramref name="source"/> (copied beside it,
    /// then renamed).</summary>
    public static void CopyFolder(string source, string destination)
    {
        var temp = destination + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        CopyInto(source, temp);
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        Directory.Move(temp, destination);
    }

    private static void CopyInto(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        if (!Directory.Exists(source))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            CopyInto(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }

    private static void WriteSweep(Utf8JsonWriter w, SweepResult result, SweepDefinition definition, int? seed,
        DateTimeOffset startedAt, DateTimeOffset endedAt)
    {
        w.WriteStartObject();
        w.WriteString("runId", result.RunId);
        w.WriteString("status", result.Status.ToString());
        w.WriteString("startedAt", startedAt);
        w.WriteString("endedAt", endedAt);
        if (result.WallTime is { } wallTime)
        {
            // without the gaps between an interruption and a resume
            JsonValues.WriteDouble(w, "wallTimeSeconds", wallTime.TotalSeconds);
        }

        if (result.Error is { } error)
        {
            w.WriteString("error", error);
        }

        w.WritePropertyName("definition");
        WriteDefinition(w, definition, seed);

        w.WriteStartArray("trials");
        foreach (var trial in result.Trials)
        {
            WriteTrial(w, trial, result.Objective);
        }

        w.WriteEndArray();

        w.WriteStartArray("decisions");
        foreach (var d in result.Decisions)
        {
            w.WriteStartObject();
            w.WriteString("trialId", d.TrialId);
            w.WriteString("policy", d.Policy);
            w.WriteNumber("interval", d.Interval);
            JsonValues.WriteDouble(w, "value", d.Value);
            JsonValues.WriteDouble(w, "best", d.Best);
            JsonValues.WriteDouble(w, "threshold", d.Threshold);
            w.WriteBoolean("terminate", d.Terminate);
            w.WriteString("timestamp", d.Timestamp);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        if (result.BestTrial is { } best)
        {
            w.WriteStartObject("best");
            w.WriteString("trialId", best.Id);
            w.WriteNumber("number", best.Number);
            if (result.Objective is { } objective && best.BestValue(objective) is { } value)
            {
                w.WriteString("metric", objective.PrimaryMetric);
                JsonValues.WriteDouble(w, "value", value);
            }

            w.WritePropertyName("parameters");
            JsonValues.WriteObject(w, best.Parameters);
            w.WriteString("outputs", "best");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("best");
        }

        w.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void WriteDefinition(Utf8JsonWriter w, SweepDefinition definition, int? seed)
    {
        w.WriteStartObject();
        if (definition.Name is { } name)
        {
            w.WriteString("name", name);
        }

        if (definition.InProcessTrial is not null)
        {
            w.WriteString("trial", "in-process");
        }
        else
        {
            w.WriteString("command", definition.Trial.Command);
            if (definition.Trial.Code is { } code)
            {
                w.WriteString("code", code);
            }
        }

        // The Azure ML REST encoding ({"alpha": ["uniform", [0.05, 1.0]]}), numbers in JSON's invariant form, so the
        // file reads back with the same reader as a job body and does not change with the machine's culture.
        w.WritePropertyName("searchSpace");
        RestSearchSpace.Write(w, definition.SearchSpace);
        w.WriteStartObject("sampling");
        w.WriteString("algorithm", definition.SamplingAlgorithm.Name);
        if (definition.SamplingAlgorithm is RandomSampling random)
        {
            w.WriteString("rule", (random.Rule ?? RandomSamplingRule.Random).ToString().ToLowerInvariant());
        }

        if (seed is { } s)
        {
            w.WriteNumber("seed", s);
        }

        w.WriteEndObject();
        if (!string.IsNullOrEmpty(definition.Objective.PrimaryMetric))
        {
            w.WriteStartObject("objective");
            w.WriteString("goal", definition.Objective.Goal.ToString().ToLowerInvariant());
            w.WriteString("primaryMetric", definition.Objective.PrimaryMetric);
            w.WriteEndObject();
        }

        if (definition.EarlyTermination is { } policy)
        {
            w.WriteStartObject("earlyTermination");
            w.WriteString("type", policy.Name);
            w.WriteNumber("evaluationInterval", policy.EvaluationInterval);
            w.WriteNumber("delayEvaluation", policy.DelayEvaluation);
            switch (policy)
            {
                case BanditPolicy { SlackFactor: { } factor }:
                    JsonValues.WriteDouble(w, "slackFactor", factor);
                    break;
                case BanditPolicy { SlackAmount: { } amount }:
                    JsonValues.WriteDouble(w, "slackAmount", amount);
                    break;
                case TruncationSelectionPolicy truncation:
                    w.WriteNumber("truncationPercentage", truncation.TruncationPercentage);
                    break;
            }

            w.WriteEndObject();
        }

        var limits = definition.Limits;
        w.WriteStartObject("limits");
        WriteOptional(w, "maxTotalTrials", limits.MaxTotalTrials);
        WriteOptional(w, "maxConcurrentTrials", limits.MaxConcurrentTrials);
        if (limits.Timeout is { } timeout)
        {
            JsonValues.WriteDouble(w, "timeoutSeconds", timeout.TotalSeconds);
        }

        if (limits.TrialTimeout is { } trialTimeout)
        {
            JsonValues.WriteDouble(w, "trialTimeoutSeconds", trialTimeout.TotalSeconds);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteTrial(Utf8JsonWriter w, TrialResult trial, Objective? objective)
    {
        w.WriteStartObject();
        w.WriteString("id", trial.Id);
        w.WriteNumber("number", trial.Number);
        w.WriteString("status", trial.Status.ToString());
        w.WritePropertyName("parameters");
        JsonValues.WriteObject(w, trial.Parameters);
        if (objective is not null && trial.BestValue(objective) is { } best)
        {
            JsonValues.WriteDouble(w, "bestValue", best);
        }

        if (trial.StartedAt is { } started)
        {
            w.WriteString("startedAt", started);
        }

        if (trial.EndedAt is { } ended)
        {
            w.WriteString("endedAt", ended);
        }

        if (trial.Duration is { } duration)
        {
            JsonValues.WriteDouble(w, "durationSeconds", duration.TotalSeconds);
        }

        if (trial.ExitCode is { } exit)
        {
            w.WriteNumber("exitCode", exit);
        }

        if (trial.Error is { } error)
        {
            w.WriteString("error", error);
        }

        w.WriteString("folder", Path.Combine("trials", trial.Id));
        w.WriteStartObject("metrics");
        foreach (var (name, values) in trial.Metrics)
        {
            w.WriteStartArray(name);
            foreach (var value in values)
            {
                w.WriteStartObject();
                JsonValues.WriteDouble(w, "value", value.Value);
                w.WriteNumber("step", value.Step);
                w.WriteString("timestamp", value.Timestamp);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter w, SweepResult result)
    {
        w.WriteStartObject();
        foreach (var trial in result.Trials)
        {
            w.WriteStartObject(trial.Id);
            foreach (var (name, values) in trial.Metrics)
            {
                w.WriteStartArray(name);
                foreach (var value in values)
                {
                    JsonValues.WriteDouble(w, value.Value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
