namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>
/// What the early-termination policies know: every trial's primary-metric reports in order, whether it has finished,
/// and the objective. The engine feeds it one report at a time (<see cref="Report"/>) and evaluates the policy right
/// after; updates are O(1) amortized and keep per-interval indexes so no policy rescans every trial's history.
/// </summary>
/// <remarks>Not thread-safe: the engine serializes reports (one policy evaluator).</remarks>
internal sealed class PolicyState
{
    private readonly Dictionary<string, TrialSeries> _trials = new(StringComparer.Ordinal);
    private readonly List<TrialSeries> _ordered = [];

    // Per interval n (index n - 1): the best value any trial reported exactly at n, every trial's (ordinal, value at
    // n), appended as the n-th reports arrive, and the running median of the trials' running averages at n.
    private readonly List<double> _bestAt = [];
    private readonly List<List<(int Ordinal, double Value)>> _valuesAt = [];
    private readonly List<RunningMedian> _meansAt = [];

    // Per interval n, once a policy first asks for ranks (truncation selection): the values at n of every trial, and of
    // the trials not finished, each ranked for O(log n) order statistics. Built from _valuesAt on the first question
    // and kept up to date from then on, so sweeps whose policy never ranks pay nothing.
    private List<RankedValues>? _rankedAt;
    private List<RankedValues>? _rankedUnfinishedAt;

    /// <summary>Initializes an empty state.</summary>
    /// <param name="objective">The sweep's objective (goal and primary metric).</param>
    public PolicyState(Objective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Objective = objective;
    }

    /// <summary>Gets the objective.</summary>
    public Objective Objective { get; }

    /// <summary>Gets the trials that reported at least once, in order of first report.</summary>
    public IReadOnlyList<TrialSeries> Trials => _ordered;

    /// <summary>Records one primary-metric report.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="value">The value (finite).</param>
    /// <returns>The trial's interval: its number of reports, this one included.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public int Report(string trialId, double value)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                $"Trial '{trialId}' reported {value} for the primary metric '{Objective.PrimaryMetric}'; only finite " +
                    "values count as an interval.");
        }

        var series = GetOrAdd(trialId);
        series.Add(value);
        var n = series.Count;
        if (_bestAt.Count < n)
        {
            _bestAt.Add(value);
            _valuesAt.Add([]);
            _meansAt.Add(new RunningMedian());
        }
        else if (Objective.IsBetter(value, _bestAt[n - 1]))
        {
            _bestAt[n - 1] = value;
        }

        _valuesAt[n - 1].Add((series.Ordinal, value));
        _meansAt[n - 1].Add(series.MeanUpTo(n));
        if (_rankedAt is not null)
        {
            if (_rankedAt.Count < n)
            {
                _rankedAt.Add(new RankedValues());
                _rankedUnfinishedAt!.Add(new RankedValues());
            }

            _rankedAt[n - 1].Add(value);
            if (!series.IsFinished)
            {
                _rankedUnfinishedAt![n - 1].Add(value);
            }
        }

        return n;
    }

    /// <summary>Marks a trial as finished (completed, failed, canceled or terminated).</summary>
    /// <param name="trialId">The trial.</param>
    public void MarkFinished(string trialId)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        var series = GetOrAdd(trialId);
        if (series.IsFinished)
        {
            return;
        }

        series.IsFinished = true;
        if (_rankedUnfinishedAt is not null)
        {
            // O(reports · log n) once per trial: O(log n) amortized per report.
            for (var i = 1; i <= series.Count; i++)
            {
                _rankedUnfinishedAt[i - 1].Remove(series.ValueAt(i));
            }
        }
    }

    /// <summary>Gets a trial's reports.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="series">Its reports, when it reported at least once or was marked finished.</param>
    /// <returns>Whether the trial is known.</returns>
    public bool TryGetTrial(
        string trialId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TrialSeries series) =>
        _trials.TryGetValue(trialId, out series);

    /// <summary>Gets the best value any trial reported at intervals 1..<paramref name="interval"/> (for each trial:
    /// its best so far up to that interval; then the best of those).</summary>
    /// <param name="interval">The interval (1-based).</param>
    /// <returns>The best value, or <see langword="null"/> when nothing was reported.</returns>
    public double? BestUpTo(int interval)
    {
        double? best = null;
        for (var i = 0; i < Math.Min(interval, _bestAt.Count); i++)
        {
            if (best is not { } b || Objective.IsBetter(_bestAt[i], b))
            {
                best = _bestAt[i];
            }
        }

        return best;
    }

    /// <summary>Gets (trial, value at <paramref name="interval"/>) for every trial with at least that many
    /// reports.</summary>
    /// <param name="interval">The interval (1-based).</param>
    /// <returns>The values, in report order.</returns>
    public IEnumerable<(TrialSeries Trial, double Value)> ValuesAt(int interval) =>
        interval < 1 || interval > _valuesAt.Count ? [] : _valuesAt[interval - 1].Select(e =>
            (_ordered[e.Ordinal], e.Value));

    /// <summary>Gets the values at <paramref name="interval"/> of every trial with at least that many reports (or only
    /// of those not finished), ranked: count and k-th smallest in O(log n).</summary>
    /// <param name="interval">The interval (1-based, at most the most reports any trial made).</param>
    /// <param name="unfinishedOnly">Whether finished trials are left out.</param>
    /// <returns>The ranked values; do not change them.</returns>
    public RankedValues RankedAt(int interval, bool unfinishedOnly)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, _valuesAt.Count);
        if (_rankedAt is null)
        {
            _rankedAt = [];
            _rankedUnfinishedAt = [];
            foreach (var entries in _valuesAt)
            {
                var all = new RankedValues();
                var unfinished = new RankedValues();
                foreach (var (ordinal, value) in entries)
                {
                    all.Add(value);
                    if (!_ordered[ordinal].IsFinished)
                    {
                        unfinished.Add(value);
                    }
                }

                _rankedAt.Add(all);
                _rankedUnfinishedAt.Add(unfinished);
            }
        }

        return unfinishedOnly ? _rankedUnfinishedAt![interval - 1] : _rankedAt[interval - 1];
    }

    /// <summary>Gets the median of the running averages at <paramref name="interval"/> (mean of 1..n) of every trial
    /// but
    /// <paramref name="trial"/> with at least that many reports, in O(1).</summary>
    /// <param name="interval">The interval (1-based).</param>
    /// <param name="trial">The trial left out, which has reported at that interval.</param>
    /// <returns>The median, or <see langword="null"/> when no other trial reported that often.</returns>
    public double? MedianOfOtherRunningAveragesAt(int interval, TrialSeries trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return interval < 1 || interval > _meansAt.Count || trial.Count < interval ? null
            : _meansAt[interval - 1].MedianExcluding(trial.MeanUpTo(interval));
    }

    private TrialSeries GetOrAdd(string trialId)
    {
        if (!_trials.TryGetValue(trialId, out var series))
        {
            series = new TrialSeries(trialId, _ordered.Count, Objective);
            _trials.Add(trialId, series);
            _ordered.Add(series);
        }

        return series;
    }
}
