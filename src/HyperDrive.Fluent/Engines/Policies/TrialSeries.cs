namespace HyperDrive.Fluent.Engines.Policies;

/// <summary>
/// One trial's primary-metric reports, with prefix bests and prefix sums kept as they arrive, so a policy reads
/// "best up to interval n" and "mean of 1..n" in O(1).
/// </summary>
internal sealed class TrialSeries
{
    private readonly List<double> _values = [];
    private readonly List<double> _prefixBest = [];
    private readonly List<double> _prefixSum = [];
    private readonly Objective _objective;

    internal TrialSeries(string trialId, int ordinal, Objective objective)
    {
        TrialId = trialId;
        Ordinal = ordinal;
        _objective = objective;
    }

    /// <summary>Gets the trial's id.</summary>
    public string TrialId { get; }

    /// <summary>Gets the trial's position in the state (0-based, order of first report).</summary>
    public int Ordinal { get; }

    /// <summary>Gets the number of reports (the trial's current interval).</summary>
    public int Count => _values.Count;

    /// <summary>Gets whether the trial has finished (completed, failed, canceled or terminated).</summary>
    public bool IsFinished { get; internal set; }

    /// <summary>Gets the reported values, in order.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Gets the value reported at interval <paramref name="interval"/> (1-based).</summary>
    /// <param name="interval">The interval, 1 to <see cref="Count"/>.</param>
    /// <returns>The value.</returns>
    public double ValueAt(int interval) => _values[interval - 1];

    /// <summary>Gets the best value (for the goal) of intervals 1..<paramref name="interval"/>.</summary>
    /// <param name="interval">The interval, 1 to <see cref="Count"/>.</param>
    /// <returns>The best value.</returns>
    public double BestUpTo(int interval) => _prefixBest[interval - 1];

    /// <summary>Gets the mean of intervals 1..<paramref name="interval"/> (the running average).</summary>
    /// <param name="interval">The interval, 1 to <see cref="Count"/>.</param>
    /// <returns>The mean.</returns>
    public double MeanUpTo(int interval) => _prefixSum[interval - 1] / interval;

    internal void Add(double value)
    {
        var n = _values.Count;
        _values.Add(value);
        _prefixBest.Add(n == 0 || _objective.IsBetter(value, _prefixBest[n - 1]) ? value : _prefixBest[n - 1]);
        _prefixSum.Add(n == 0 ? value : _prefixSum[n - 1] + value);
    }
}
