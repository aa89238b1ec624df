using System.Globalization;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Runtime;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// Shows a sweep that is still running (or never finished) from its append-only <c>journal.jsonl</c>, read by the local
/// engine's own reader (<see cref="JournalReplay"/>, tolerantly: a line still being written is read next time, a line
/// that is not a journal entry is skipped): the trials so far with their parameters, metric values, status and policy
/// decisions, the best trial by the ledger's rule, and what the run's first entry says of the objective and the space.
/// </summary>
internal static class JournalReader
{
    /// <summary>Reads the journal at <paramref name="path"/>.</summary>
    public static (SweepResult Result, IReadOnlyDictionary<string, string> SearchSpace, int? MaxTotalTrials) Read(
        string path, string runId)
    {
        var replay = JournalReplay.Read(path, tolerant: true);
        var id = replay.RunId ?? runId;
        var trials = replay.Trials.Values.Select(t => new TrialResult
        {
            Id = TrialId(id, t.Number),
            Number = t.Number,
            Status = t.Status,
            Parameters = t.Parameters,
            Metrics =
                t.Metrics.ToDictionary(m => m.Key, m =>
                (IReadOnlyList<MetricValue>)[.. m.Value], StringComparer.Ordinal),
            StartedAt = t.StartedAt,
            EndedAt = t.EndedAt,
            ExitCode = t.ExitCode,
            Error = t.Error,
        }).ToList();
        var decisions = replay.Trials.Values
            .SelectMany(t => t.Decisions.Select(d => d with { TrialId = TrialId(id, t.Number) }))
            .OrderBy(d => d.Timestamp)
            .ToList();
        var result = new SweepResult
        {
            RunId = id,
            Status = replay.EndedWith ?? SweepRunStatus.Running,
            Objective = replay.Objective,
            Trials = trials,
            BestTrial = replay.Objective is { } objective ? TrialLedger.SelectBest(trials, objective) : null,
            Decisions = decisions,
            OutputDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
        };
        return (result, replay.SearchSpace, replay.MaxTotalTrials);
    }

    private static string TrialId(string runId, int number) =>
        runId + "_" + number.ToString(CultureInfo.InvariantCulture);
}
