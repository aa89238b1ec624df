using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// Reads a sweep that is still running (or never finished) from its append-only <c>journal.jsonl</c>: the trials so
/// far with their parameters, metric values, status and policy decisions, and what the run's first entry says about
/// the objective and the search space. Only whole lines count (a line still being written is read next time); a line
/// that is not a journal entry is skipped, so a damaged journal still shows what it can.
/// </summary>
internal static class JournalReader
{
    /// <summary>Reads the journal at <paramref name="path"/>.</summary>
    public static (SweepResult Result, IReadOnlyDictionary<string, string> SearchSpace, int? MaxTotalTrials) Read(string path, string runId)
    {
        // A pooled buffer: a journal of a thousand trials is megabytes, read again whenever the run moves.
        byte[] buffer;
        int length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = checked((int)stream.Length);
            buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            stream.ReadExactly(buffer, 0, length);
        }

        try
        {
            return Parse(buffer.AsMemory(0, length), path, runId);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (SweepResult Result, IReadOnlyDictionary<string, string> SearchSpace, int? MaxTotalTrials) Parse(ReadOnlyMemory<byte> bytes, string path, string runId)
    {

        var trials = new SortedDictionary<int, TrialBuilder>();
        var decisions = new List<(int Trial, PolicyDecision Decision)>();
        var space = new Dictionary<string, string>(StringComparer.Ordinal);
        Objective? objective = null;
        int? maxTotal = null;
        var status = SweepRunStatus.Running;
        var id = runId;
        var start = 0;
        var span = bytes.Span;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] != (byte)'\n')
            {
                continue;
            }

            var line = bytes.Slice(start, i - start);
            start = i + 1;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue;
            }

            using (document)
            {
                var e = document.RootElement;
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("event", out var kind))
                {
                    continue;
                }

                TrialBuilder? Trial() => e.TryGetProperty("trial", out var n) && n.TryGetInt32(out var number) && trials.TryGetValue(number, out var t) ? t : null;
                switch (kind.GetString())
                {
                    case "run":
                        id = Text(e, "runId") ?? id;
                        if (e.TryGetProperty("objective", out var o) && o.ValueKind == JsonValueKind.Object)
                        {
                            objective = new Objective(string.Equals(Text(o, "goal"), "maximize", StringComparison.OrdinalIgnoreCase) ? ObjectiveGoal.Maximize : ObjectiveGoal.Minimize, Text(o, "primaryMetric") ?? string.Empty);
                        }

                        if (e.TryGetProperty("maxTotalTrials", out var total) && total.TryGetInt32(out var max))
                        {
                            maxTotal = max;
                        }

                        if (e.TryGetProperty("searchSpace", out var s) && s.ValueKind == JsonValueKind.Object)
                        {
                            foreach (var p in s.EnumerateObject())
                            {
                                space[p.Name] = JsonReading.DistributionName(p.Value);
                            }
                        }

                        break;
                    case "proposed" when e.TryGetProperty("trial", out var number) && number.TryGetInt32(out var n) && e.TryGetProperty("parameters", out var parameters):
                        trials[n] = new TrialBuilder(n, JsonReading.Object(parameters));
                        break;
                    case "started" when Trial() is { } t:
                        t.Metrics.Clear();
                        t.Status = TrialStatus.Running;
                        t.StartedAt = Time(e, "time");
                        t.EndedAt = null;
                        decisions.RemoveAll(d => d.Trial == t.Number);
                        break;
                    case "metric" when Trial() is { } t && Text(e, "name") is { } name:
                        if (!t.Metrics.TryGetValue(name, out var list))
                        {
                            t.Metrics[name] = list = [];
                        }

                        list.Add(new MetricValue(name, JsonReading.Double(e.GetProperty("value")), e.TryGetProperty("step", out var step) ? step.GetInt64() : list.Count, Time(e, "time") ?? default));
                        break;
                    case "decision" when Trial() is { } t:
                        decisions.Add((t.Number, new PolicyDecision(
                            t.Id(id), Text(e, "policy") ?? string.Empty, e.GetProperty("interval").GetInt32(), JsonReading.Double(e.GetProperty("value")),
                            JsonReading.Double(e.GetProperty("best")), JsonReading.Double(e.GetProperty("threshold")), e.GetProperty("terminate").GetBoolean())
                        { Timestamp = Time(e, "time") ?? default }));
                        break;
                    case "finished" when Trial() is { } t:
                        t.Status = Enum.TryParse<TrialStatus>(Text(e, "status"), ignoreCase: true, out var ts) ? ts : TrialStatus.Failed;
                        t.EndedAt = Time(e, "time");
                        t.StartedAt ??= Time(e, "startedAt");
                        t.ExitCode = e.TryGetProperty("exitCode", out var code) && code.TryGetInt32(out var c) ? c : null;
                        t.Error = Text(e, "error");
                        break;
                    case "resume":
                        status = SweepRunStatus.Running;
                        break;
                    case "end":
                        status = Enum.TryParse<SweepRunStatus>(Text(e, "status"), ignoreCase: true, out var rs) ? rs : SweepRunStatus.Completed;
                        break;
                }
            }
        }

        var results = trials.Values.Select(t => t.Build(id)).ToList();
        TrialResult? best = null;
        if (objective is not null)
        {
            foreach (var trial in results)
            {
                if (trial.BestValue(objective) is { } v && double.IsFinite(v)
                    && (best is null || (objective.Goal == ObjectiveGoal.Maximize ? v > best.BestValue(objective)!.Value : v < best.BestValue(objective)!.Value)))
                {
                    best = trial;
                }
            }
        }

        var result = new SweepResult
        {
            RunId = id,
            Status = status,
            Objective = objective,
            Trials = results,
            BestTrial = best,
            Decisions = decisions.Select(d => d.Decision).ToList(),
            OutputDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
        };
        return (result, space, maxTotal);
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t) ? t : null;

    private sealed class TrialBuilder(int number, IReadOnlyDictionary<string, object> parameters)
    {
        public int Number { get; } = number;

        public TrialStatus Status { get; set; } = TrialStatus.Queued;

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? EndedAt { get; set; }

        public int? ExitCode { get; set; }

        public string? Error { get; set; }

        public Dictionary<string, List<MetricValue>> Metrics { get; } = new(StringComparer.Ordinal);

        public string Id(string runId) => runId + "_" + Number.ToString(CultureInfo.InvariantCulture);

        public TrialResult Build(string runId) => new()
        {
            Id = Id(runId),
            Number = Number,
            Status = Status,
            Parameters = parameters,
            Metrics = Metrics.ToDictionary(m => m.Key, m => (IReadOnlyList<MetricValue>)m.Value.ToArray(), StringComparer.Ordinal),
            StartedAt = StartedAt,
            EndedAt = EndedAt,
            ExitCode = ExitCode,
            Error = Error,
        };
    }
}
