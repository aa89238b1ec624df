using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Cli;

/// <summary>
/// The live view of a running sweep as plain text lines (it works the same on a terminal, in a CI log and in a test): a
/// line per trial started and finished with the counts of trials running, completed, terminated and failed, a line when
/// the best trial changes (a trial stopped by early termination says why in its finished line), and the engine's
/// notices. Trials a resumed run took over finished (<see cref="TrialUpdate.Restored"/>) are counted without a line
/// each: one line says how many were already done, so the counts start from there.
/// </summary>
internal sealed class ProgressView(TextWriter output)
{
    private readonly Dictionary<(string? Step, string Trial), TrialStatus> _trials = [];
    private readonly HashSet<string> _notices = new(StringComparer.Ordinal);
    // step ("" for a sweep) -> trials
    private readonly Dictionary<string, int> _restoredUnshown = new(StringComparer.Ordinal);

    /// <summary>Gets the notices shown so far (so a result's warnings are not repeated).</summary>
    public IReadOnlySet<string> Notices => _notices;

    /// <summary>Gets the number of trials seen per status.</summary>
    public IReadOnlyDictionary<TrialStatus, int> Counts =>
        _trials.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Writes what <paramref name="update"/> changed.</summary>
    /// <param name="update">The update.</param>
    /// <returns>A task that completes when the line is written.</returns>
    public async Task ApplyAsync(TrialUpdate update)
    {
        var prefix = update.StepName is null ? string.Empty : $"[{update.StepName}] ";
        var key = (update.StepName, update.TrialId ?? string.Empty);
        if (update.Restored)
        {
            if (update.TrialId is not null && update.Kind is TrialUpdateKind.Started or TrialUpdateKind.Finished)
            {
                _trials[key] = update.Status ?? TrialStatus.Completed;
                if (update.Kind == TrialUpdateKind.Finished)
                {
                    var step = update.StepName ?? string.Empty;
                    _restoredUnshown[step] = _restoredUnshown.GetValueOrDefault(step) + 1;
                }
            }

            return;
        }

        await FlushRestoredAsync().ConfigureAwait(false);
        switch (update.Kind)
        {
            case TrialUpdateKind.Started when update.TrialId is not null:
                // A trial first seen already finished is counted as running until its Finished update, which follows.
                _trials[key] = update.Status is TrialStatus.Queued ? TrialStatus.Queued : TrialStatus.Running;
                await output.WriteLineAsync(
                    $"{prefix}trial {update.TrialId} started: {Formatting.Parameters(update.Parameters)}  {Summary()}")
                    .ConfigureAwait(false);
                break;
            case TrialUpdateKind.Finished when update.TrialId is not null:
                var status = update.Status ?? TrialStatus.Completed;
                _trials[key] = status;
                var reason = string.IsNullOrWhiteSpace(update.Message) ? string.Empty : $" ({update.Message})";
                await output.WriteLineAsync(
                    $"{prefix}trial {update.TrialId} {Formatting.Status(status)}{reason}  {Summary()}").ConfigureAwait(
                    false);
                break;
            case TrialUpdateKind.BestChanged when update.TrialId is not null:
                // The engine's ledger decides the best trial and says with which value; the view never re-derives it.
                await output.WriteLineAsync(update.Metric is { } best
                    ? $"{prefix}best so far: trial {update.TrialId} {best.Name} = {Formatting.Number(best.Value)}"
                    : $"{prefix}best so far: trial {update.TrialId}").ConfigureAwait(false);
                break;
            case TrialUpdateKind.Notice when !string.IsNullOrWhiteSpace(update.Message):
                _notices.Add(update.Message);
                await output.WriteLineAsync($"{prefix}note: {CliAdvice.Text(update.Message)}").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Writes what is still to be said once the updates have ended (how many trials a resume found done, when
    /// nothing else followed them).</summary>
    /// <returns>A task that completes when the lines are written.</returns>
    public Task CompleteAsync() => FlushRestoredAsync();

    private async Task FlushRestoredAsync()
    {
        if (_restoredUnshown.Count == 0)
        {
            return;
        }

        foreach (var (step, count) in _restoredUnshown)
        {
            var prefix = step.Length == 0 ? string.Empty : $"[{step}] ";
            await output.WriteLineAsync(
                $"{prefix}resumed: {count} trial(s) already done before the interruption  {Summary()}").ConfigureAwait(
                false);
        }

        _restoredUnshown.Clear();
    }

    /// <summary>Gets the counts as <c>[running 2 | completed 1 | terminated 0 | failed 0]</c> (canceled only when there
    /// are any).</summary>
    /// <returns>The summary.</returns>
    public string Summary()
    {
        var counts = Counts;
        int Count(TrialStatus status) => counts.GetValueOrDefault(status);
        var canceled = Count(TrialStatus.Canceled) > 0 ? $" | canceled {Count(TrialStatus.Canceled)}" : string.Empty;
        return $"[running {Count(TrialStatus.Running) + Count(TrialStatus.Queued)} | completed " +
            $"{Count(TrialStatus.Completed)} | terminated {Count(TrialStatus.Terminated)} | failed " +
            $"{Count(TrialStatus.Failed)}{canceled}]";
    }
}
