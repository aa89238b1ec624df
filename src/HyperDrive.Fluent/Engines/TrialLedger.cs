using System.Globalization;
using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines.Policies;

namespace HyperDrive.Fluent.Engines;

/// <summary>
/// The rules of a sweep, written once for every engine: which reported values count, the early-termination policy's
/// decisions, why a trial stopped, which trials failed and why, the best trial and value, when failures stop the sweep,
/// and the sweep's final status and warnings. Engines feed it trial events (started, metric value, timed out, ended);
/// it does no I/O and reads time only from its <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>Values that count: finite values of the primary metric. A NaN or infinite report is kept in the trial's
/// history but never becomes an interval, a policy input or a best.</para>
/// <para>Best trial (Azure ML's rule): the trial whose best counted value is best for the goal; ties go to the lower
/// trial number. A terminated trial's reports count.</para>
/// <para>A failed trial: one that failed (its process exited with an error, its delegate threw), or that ended without
/// a counted value of the primary metric (timed out, never reported it, reported only NaN); never a trial canceled
/// because the run stopped. A sweep in which no trial produced the primary metric ends
/// <see cref="SweepRunStatus.Failed"/> with the reason. Failures stop the sweep early after <c>maxFailedTrials</c> of
/// them, or, when that is not set, as soon as the first <c>maxConcurrentTrials</c> trials all failed the same
/// way.</para>
/// <para>Not thread-safe: an engine calls it under its own lock.</para>
/// </remarks>
public sealed class TrialLedger
{
    private readonly ITerminationPolicy? _policy;
    private readonly PolicyState? _policyState;
    private readonly TimeProvider _time;
    private readonly int _maxConcurrent;
    private readonly int? _maxTotal;
    private readonly Dictionary<string, Entry> _trials = new(StringComparer.Ordinal);
    private readonly List<PolicyDecision> _decisions = [];
    private readonly List<string> _warnings = [];

    // Kept as trials end, so the failure rules cost O(1) per trial end rather than a scan of every trial (a sweep of
    // 50,000 in-process trials spent half its time in those scans).
    private readonly List<Entry> _failures = [];
    private readonly List<Entry> _firstWindowFailures = []; // failed trials numbered below max_concurrent_trials
    private int _ended;
    private Entry? _best;
    private double _bestValue;

    /// <summary>Initializes a ledger for one sweep.</summary>
    /// <param name="objective">The sweep's objective; <see langword="null"/> (or an empty primary metric) for a command
    /// job run as a one-trial sweep.</param>
    /// <param name="policy">The early-termination policy the ledger evaluates; <see langword="null"/> for none (also
    /// when the service evaluates it, as on Azure ML).</param>
    /// <param name="maxConcurrentTrials">How many trials run at once (the engine's effective value): the default
    /// failure rule looks at the first this many trials.</param>
    /// <param name="maxTotalTrials">The trial budget, or <see langword="null"/> when unknown (the default failure rule
    /// then never stops the sweep early).</param>
    /// <param name="maxFailedTrials">Stop the sweep (failed) after this many failed trials; <see langword="null"/> for
    /// the default rule.</param>
    /// <param name="timeProvider">The clock for decision timestamps; <see langword="null"/> for the system
    /// clock.</param>
    public TrialLedger(
        Objective? objective,
        EarlyTerminationPolicy? policy = null,
        int maxConcurrentTrials = 1,
        int? maxTotalTrials = null,
        int? maxFailedTrials = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentTrials, 1);
        if (maxFailedTrials is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxFailedTrials));
        }

        Objective = objective is { PrimaryMetric.Length: > 0 } ? objective : null;
        _policy = Objective is null ? null : TerminationPolicyFactory.Create(policy);
        _policyState = _policy is null ? null : new PolicyState(Objective!);
        _maxConcurrent = maxConcurrentTrials;
        _maxTotal = maxTotalTrials;
        MaxFailedTrials = maxFailedTrials;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the objective, or <see langword="null"/> when the sweep has none.</summary>
    public Objective? Objective { get; }

    /// <summary>Gets the failure limit, or <see langword="null"/> for the default rule.</summary>
    public int? MaxFailedTrials { get; }

    /// <summary>Gets the id of the best trial so far, or <see langword="null"/>.</summary>
    public string? BestTrialId => _best?.Id;

    /// <summary>Gets the best counted value so far, or <see langword="null"/>.</summary>
    public double? BestValue => _best is null ? null : _bestValue;

    /// <summary>Gets the policy's decisions, in order.</summary>
    public IReadOnlyList<PolicyDecision> Decisions => _decisions;

    /// <summary>Gets the warnings the rules produced so far (trials that never reported the primary metric,
    /// ...).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Gets how many trials failed so far.</summary>
    public int FailedTrials => _failures.Count;

    /// <summary>Gets why failures stopped the sweep, or <see langword="null"/> while they have not.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Gets the best trial of finished results (Azure ML's rule, the one the ledger applies as values arrive):
    /// the trial whose best counted value of the primary metric is best for the goal; ties go to the lower trial
    /// number.</summary>
    /// <param name="trials">The trials (any status).</param>
    /// <param name="objective">The objective.</param>
    /// <returns>The best trial, or <see langword="null"/> when no trial has a counted value.</returns>
    public static TrialResult? SelectBest(IEnumerable<TrialResult> trials, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        TrialResult? best = null;
        double bestValue = 0;
        foreach (var trial in trials.OrderBy(t => t.Number))
        {
            if (BestOf(trial.GetMetric(objective.PrimaryMetric), objective) is { } value
                && (best is null || objective.IsBetter(value, bestValue)))
            {
                best = trial;
                bestValue = value;
            }
        }

        return best;
    }

    /// <summary>Gets the best value so far after one more report: the one rule of "best so far" every engine, the
    /// report and the telemetry use. NaN and infinity never count; a value replaces the best only when strictly better
    /// for the goal (so ties keep the earlier value).</summary>
    /// <param name="best">The best counted value so far, or <see langword="null"/> when none counted yet.</param>
    /// <param name="value">The reported value.</param>
    /// <param name="objective">The objective (its goal).</param>
    /// <returns>The best counted value after <paramref name="value"/>.</returns>
    public static double? BestAfter(double? best, double value, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return double.IsFinite(value) && (best is not { } incumbent || objective.IsBetter(value, incumbent)) ? value
            : best;
    }

    /// <summary>Gets the best counted value (finite, best for the goal) of a metric history.</summary>
    /// <param name="values">The values.</param>
    /// <param name="objective">The objective (its goal).</param>
    /// <returns>The best value, or <see langword="null"/> when none counts.</returns>
    public static double? BestOf(IEnumerable<MetricValue> values, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(objective);
        double? best = null;
        foreach (var value in values)
        {
            best = BestAfter(best, value.Value, objective);
        }

        return best;
    }

    /// <summary>Records that a trial started (again, after a resume: its earlier attempt is forgotten).</summary>
    /// <param name="trialId">The trial's id.</param>
    /// <param name="number">The trial's number (0-based).</param>
    public void Started(string trialId, int number)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        _trials[trialId] = new Entry(trialId, number);
    }

    /// <summary>Records one reported value and applies the rules to it.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="value">The value as reported.</param>
    /// <returns>What the value did: whether it counts, the trial's interval, whether the best changed, the policy's
    /// decision and, when the policy stops the trial, why.</returns>
    public MetricReport Report(string trialId, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trial = Get(trialId);
        trial.MetricsSeen.Add(value.Name);
        if (Objective is null || value.Name != Objective.PrimaryMetric)
        {
            return new MetricReport(Counted: false, Interval: 0, BestChanged: false, Decision: null, StopReason: null);
        }

        if (!double.IsFinite(value.Value))
        {
            trial.NonFinite++;
            return new MetricReport(Counted: false, Interval: trial.Counted, BestChanged: false, Decision: null,
                StopReason: null);
        }

        trial.Counted++;
        trial.Best = BestAfter(trial.Best, value.Value, Objective);

        var bestChanged = UpdateBest(trial, value.Value);
        PolicyDecision? decision = null;
        string? stop = null;
        if (_policy is not null && trial.StopReason is null)
        {
            var interval = _policyState!.Report(trial.Id, value.Value);
            if (_policy.Evaluate(trial.Id, interval, _policyState) is { } evaluated)
            {
                decision = evaluated with { Timestamp = _time.GetUtcNow() };
                _decisions.Add(decision);
                if (decision.Terminate)
                {
                    stop = trial.StopReason = string.Create(
                        CultureInfo.InvariantCulture,
                        $"Stopped by the {decision.Policy} policy at interval {decision.Interval}: value " +
                            $"{decision.Value:G6} did not reach the threshold {decision.Threshold:G6}.");
                }
            }
        }

        return new MetricReport(Counted: true, Interval: trial.Counted, BestChanged: bestChanged, Decision: decision,
            StopReason: stop);
    }

    /// <summary>Records that a trial reached its trial timeout (the engine stops it and ends it as
    /// <see cref="TrialStatus.Canceled"/>).</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="limit">The trial timeout.</param>
    /// <returns>Why the trial stopped.</returns>
    public string TimedOut(string trialId, TimeSpan limit)
    {
        var trial = Get(trialId);
        trial.TimedOut = true;
        return trial.StopReason ??= string.Create(
            CultureInfo.InvariantCulture, $"Stopped after the trial timeout of {limit}.");
    }

    /// <summary>Records that a trial ended, and applies the failure rules.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="status">How it ended (the engine's view: completed, failed, terminated or canceled).</param>
    /// <param name="exitCode">The process exit code, when a process ran.</param>
    /// <param name="error">The error, when it failed.</param>
    /// <returns>How the trial counts: whether it failed and why, a warning to show, and whether the sweep must now
    /// stop.</returns>
    public TrialVerdict Ended(string trialId, TrialStatus status, int? exitCode = null, string? error = null)
    {
        var trial = Get(trialId);
        Finish(trial, status, exitCode, error);
        string? warning = null;
        if (Objective is not null && trial.Counted == 0 && status is TrialStatus.Completed or TrialStatus.Failed)
        {
            warning = trial.NonFinite > 0
                ? $"Trial {trial.Id} reported the primary metric '{Objective.PrimaryMetric}' only as NaN or " +
                    "infinity; those values never count."
                : $"Trial {trial.Id} never reported the primary metric '{Objective.PrimaryMetric}'.";
            _warnings.Add(warning);
        }

        var stopNow = StopReason is null && (StopReason = FailureStop()) is not null;
        return new TrialVerdict(trial.Failure, warning, stopNow ? StopReason : null);
    }

    /// <summary>Restores a trial that finished in an earlier attempt of the run (a resume): its values count and feed
    /// the policy's state, without evaluating the policy again.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="number">Its number.</param>
    /// <param name="values">Every value it reported.</param>
    /// <param name="status">How it ended.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <param name="error">Its error.</param>
    /// <param name="decisions">The policy's decisions about it.</param>
    public void Restore(
        string trialId,
        int number,
        IEnumerable<MetricValue> values,
        TrialStatus status,
        int? exitCode,
        string? error,
        IEnumerable<PolicyDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(decisions);
        Started(trialId, number);
        var trial = _trials[trialId];
        foreach (var value in values)
        {
            trial.MetricsSeen.Add(value.Name);
            if (Objective is null || value.Name != Objective.PrimaryMetric)
            {
                continue;
            }

            if (!double.IsFinite(value.Value))
            {
                trial.NonFinite++;
                continue;
            }

            trial.Counted++;
            trial.Best = BestAfter(trial.Best, value.Value, Objective);
            UpdateBest(trial, value.Value);
            _policyState?.Report(trial.Id, value.Value);
        }

        _decisions.AddRange(decisions);
        Finish(trial, status, exitCode, error);
    }

    /// <summary>Concludes the sweep: its status, the error when it failed, and the warnings.</summary>
    /// <param name="canceled">Whether the run was canceled.</param>
    /// <param name="timedOutAfter">The sweep timeout, when the run stopped because it was reached.</param>
    /// <returns>The outcome.</returns>
    public SweepOutcome Conclude(bool canceled = false, TimeSpan? timedOutAfter = null)
    {
        var warnings = new List<string>(_warnings);
        var ended = _trials.Values.Where(t => t.Status is not null).OrderBy(t => t.Number).ToList();
        var failures = ended.Where(t => t.Failure is not null).ToList();
        if (StopReason is not null)
        {
            return new SweepOutcome(SweepRunStatus.Failed, StopReason, warnings);
        }

        if (canceled)
        {
            return new SweepOutcome(SweepRunStatus.Canceled, null, warnings);
        }

        if (timedOutAfter is { } timeout)
        {
            warnings.Add(
                string.Create(
                CultureInfo.InvariantCulture,
                $"The sweep reached its timeout ({timeout}); the trials still running were canceled."));
            return new SweepOutcome(SweepRunStatus.Canceled, null, warnings);
        }

        if (Objective is not null && ended.Count > 0 && _best is null)
        {
            var seen = ended.SelectMany(t => t.MetricsSeen).Distinct(StringComparer.Ordinal).Order(
                StringComparer.Ordinal).ToList();
            warnings.Add(
                $"No trial reported the primary metric '{Objective.PrimaryMetric}'; metrics seen: " +
                $"{(seen.Count == 0 ? "none" : string.Join(", ", seen))}.");
        }

        var produced = Objective is not null ? _best is not null
            : ended.Any(t => t.Failure is null && t.Status != TrialStatus.Canceled);
        if (failures.Count > 0 && !produced)
        {
            var reason = failures.Count == 1 && ended.Count == 1
                ? $"the trial {failures[0].Failure}"
                : $"all {failures.Count} trials failed: {Summary(failures)}";
            return new SweepOutcome(SweepRunStatus.Failed, reason, warnings);
        }

        if (failures.Count > 0)
        {
            warnings.Add($"{failures.Count} of {ended.Count} trials failed: {Summary(failures)}.");
        }

        return new SweepOutcome(SweepRunStatus.Completed, null, warnings);
    }

    private Entry Get(string trialId)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        return _trials.TryGetValue(trialId, out var trial)
            ? trial
            : throw new InvalidOperationException($"Trial '{trialId}' was not started in this ledger.");
    }

    private bool UpdateBest(Entry trial, double value)
    {
        if (_best is not null && !Objective!.IsBetter(value, _bestValue)
            && !(value.Equals(_bestValue) && trial.Number < _best.Number))
        {
            return false;
        }

        var changed = !ReferenceEquals(_best, trial) || !value.Equals(_bestValue);
        _best = trial;
        _bestValue = value;
        return changed;
    }

    /// <summary>Records how a trial ended (once; a second end of the same trial replaces the first).</summary>
    private void Finish(Entry trial, TrialStatus status, int? exitCode, string? error)
    {
        if (trial.Status is null)
        {
            _ended++;
        }

        if (trial.Failure is not null)
        {
            _failures.Remove(trial);
            _firstWindowFailures.Remove(trial);
        }

        trial.Status = status;
        _policyState?.MarkFinished(trial.Id);
        trial.Failure = FailureOf(trial, status, exitCode, error);
        if (trial.Failure is not null)
        {
            _failures.Add(trial);
            if (trial.Number < _maxConcurrent)
            {
                _firstWindowFailures.Add(trial);
            }
        }
    }

    private string? FailureOf(Entry trial, TrialStatus status, int? exitCode, string? error)
    {
        if (status == TrialStatus.Canceled && !trial.TimedOut)
        {
            return null; // the run stopped it: not the trial's fault (a resume runs it again)
        }

        if (status == TrialStatus.Failed)
        {
            if (exitCode is { } code)
            {
                return string.Create(CultureInfo.InvariantCulture, $"exited with code {code}");
            }

            var first = error?.Split('\n', 2)[0].Trim();
            return string.IsNullOrEmpty(first) ? "failed" : $"failed ({first})";
        }

        if (Objective is null ? status != TrialStatus.Canceled : trial.Counted > 0)
        {
            return null; // it completed, or reported what counts (a trial stopped at its timeout keeps its values)
        }

        if (trial.TimedOut)
        {
            return "timed out";
        }

        return trial.NonFinite > 0 ? $"reported {Objective!.PrimaryMetric} only as NaN"
            : $"did not report {Objective!.PrimaryMetric}";
    }

    private string? FailureStop()
    {
        if (_maxTotal is { } budget && _trials.Count >= budget && _ended == _trials.Count)
        {
            return null; // every trial ran: the sweep ends now anyway, with the usual verdict
        }

        if (MaxFailedTrials is { } max)
        {
            return _failures.Count >= max
                ? $"stopped after {_failures.Count} failed trials (the limit is {max}): " +
                    $"{Summary([.. _failures.OrderBy(t => t.Number)])}"
                : null;
        }

        // The default rule: the first max_concurrent_trials trials all ended, all failed, the same way.
        if (_maxTotal is not { } total || total <= _maxConcurrent)
        {
            return null; // nothing left to save (the sweep ends anyway), or a budget the ledger was not told
        }

        var first = _firstWindowFailures;
        if (first.Count < _maxConcurrent)
        {
            return null;
        }

        var reasons = first.Select(t => t.Failure).Distinct(StringComparer.Ordinal).ToList();
        return reasons.Count == 1
            ? $"the first {_maxConcurrent} trials all failed the same way ({reasons[0]}); the sweep stopped so a " +
                "broken script does not use the whole budget (set MaxFailedTrials, or --max-failures, to allow more " +
                "failures)"
            : null;
    }

    private static string Summary(IEnumerable<Entry> failures) =>
        string.Join(", ", failures
            .GroupBy(t => t.Failure!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(t => t.Number))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));

    private sealed class Entry(string id, int number)
    {
        public string Id { get; } = id;

        public int Number { get; } = number;

        public int Counted { get; set; }

        public int NonFinite { get; set; }

        public double? Best { get; set; }

        public bool TimedOut { get; set; }

        public string? StopReason { get; set; }

        public TrialStatus? Status { get; set; }

        public string? Failure { get; set; }

        public HashSet<string> MetricsSeen { get; } = new(StringComparer.Ordinal);
    }
}
