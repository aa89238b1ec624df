using System.Text.Json;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Reporting;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// A run as it is now: a finished run from its results (<see cref="LocalRunResults"/>), a running one from its
/// journal (<see cref="JournalReader"/>); with what the renderer needs beyond the result (log axes, the step graph).
/// </summary>
/// <param name="Result">The result so far.</param>
/// <param name="Context">The renderer's context (without the dashboard's links).</param>
/// <param name="Finished">Whether the run wrote its results (nothing will change).</param>
/// <param name="MaxTotalTrials">The trial budget, when known.</param>
internal sealed record RunSnapshot(SweepResult Result, ReportContext Context, bool Finished, int? MaxTotalTrials)
{
    /// <summary>Gets the run's Azure ML Studio page (Azure sweeps only).</summary>
    public Uri? StudioUri { get; init; }

    /// <summary>Reads the run in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">A results file is damaged.</exception>
    public static RunSnapshot Read(string folder)
    {
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var pipelineFile = Path.Combine(folder, "pipeline.json");
        var sweepFile = Path.Combine(folder, "sweep.json");
        if (File.Exists(pipelineFile) || File.Exists(sweepFile))
        {
            var result = LocalRunResults.Read(folder);
            var space = new Dictionary<string, string>(StringComparer.Ordinal);
            var graph = new List<ReportStep>();
            int? max = null;
            ReadDefinitionHints(File.Exists(pipelineFile) ? pipelineFile : sweepFile, space, graph, ref max);
            foreach (var step in result.Steps.Keys)
            {
                var stepFile = Path.Combine(folder, "steps", step, "sweep.json");
                if (File.Exists(stepFile))
                {
                    int? ignored = null;
                    ReadDefinitionHints(stepFile, space, [], ref ignored);
                }
            }

            return new RunSnapshot(result, ReportContext.ForSearchSpace(space) with { StepGraph = graph },
                Finished: true, max);
        }

        var journal = Path.Combine(folder, "journal.jsonl");
        if (File.Exists(journal))
        {
            var (result, space, max) = JournalReader.Read(journal, id);
            return new RunSnapshot(result, ReportContext.ForSearchSpace(space), Finished: false, max);
        }

        // A pipeline that is still running: each step so far, from its own folder.
        var steps = new Dictionary<string, SweepResult>(StringComparer.Ordinal);
        var logs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stepsFolder = Path.Combine(folder, "steps");
        if (Directory.Exists(stepsFolder))
        {
            foreach (var step in new DirectoryInfo(stepsFolder).EnumerateDirectories().OrderBy(d => d.CreationTimeUtc))
            {
                var snapshot = Read(step.FullName);
                steps[step.Name] = snapshot.Result;
                foreach (var p in snapshot.Context.LogParameters)
                {
                    logs[p] = "loguniform";
                }
            }
        }

        return new RunSnapshot(
            new SweepResult { RunId = id, Status = SweepRunStatus.Running, Steps = steps, OutputDirectory = folder },
            ReportContext.ForSearchSpace(logs), Finished: false, null);
    }

    /// <summary>Summarizes the run for the run list.</summary>
    public RunSummary Summary(string id, DateTimeOffset now)
    {
        var trials = Result.Trials.Concat(Result.Steps.Values.SelectMany(s => s.Trials)).ToList();
        var done = trials.Count(t => t.Status is not (TrialStatus.Queued or TrialStatus.Running));
        var started = trials.Select(t => t.StartedAt).Where(t => t is not null).Min();
        var ended = Finished ? trials.Select(t => t.EndedAt).Where(t => t is not null).Max() : now;
        var objective = Result.Objective ?? Result.Steps.Values.Select(s => s.Objective).FirstOrDefault(o =>
            o is not null);
        var best = Result.BestTrial ?? Result.Steps.Values.Select(s => s.BestTrial).LastOrDefault(b => b is not null);
        var bestText = objective is not null && best?.BestValue(objective) is { } v
            ? objective.PrimaryMetric + " " + v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)
            : "\u2014";
        return new RunSummary(id, Result.Steps.Count > 0 ? "pipeline" : "sweep", Result.Status, done,
            Math.Max(MaxTotalTrials ?? 0, trials.Count), bestText, started, started is { } s && ended is { } e ? e - s
            : null);
    }

    private static void ReadDefinitionHints(string file, Dictionary<string, string> space, List<ReportStep> graph,
        ref int? maxTotal)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            if (root.TryGetProperty("definition", out var definition) && definition.ValueKind == JsonValueKind.Object)
            {
                if (definition.TryGetProperty("searchSpace", out var s) && s.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in s.EnumerateObject())
                    {
                        space[p.Name] = JsonReading.DistributionName(p.Value);
                    }
                }

                if (definition.TryGetProperty("limits", out var limits) && limits.ValueKind == JsonValueKind.Object
                    && limits.TryGetProperty("maxTotalTrials", out var max) && max.TryGetInt32(out var m))
                {
                    maxTotal = m;
                }
            }

            if (root.TryGetProperty("graph", out var steps) && steps.ValueKind == JsonValueKind.Array)
            {
                foreach (var step in steps.EnumerateArray())
                {
                    graph.Add(new ReportStep(
                        step.GetProperty("name").GetString() ?? string.Empty,
                        step.TryGetProperty("type", out var type) ? type.GetString() ?? string.Empty : string.Empty,
                        step.TryGetProperty("dependsOn", out var on)
                            ? on.EnumerateArray().Select(d => d.GetString() ?? string.Empty).ToList() : []));
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Hints only: a file LocalRunResults accepted but whose extras are odd still renders, with linear axes.
        }
    }
}
