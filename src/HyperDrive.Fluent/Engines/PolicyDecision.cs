namespace HyperDrive.Fluent.Engines;

/// <summary>One evaluation of the early termination policy for one trial.</summary>
/// <param name="TrialId">The trial evaluated.</param>
/// <param name="Policy">The policy's name (<c>bandit</c>, <c>median_stopping</c>, <c>truncation_selection</c>).</param>
/// <param name="Interval">The 1-based count of the trial's primary-metric reports.</param>
/// <param name="Value">The trial's value the policy compared (best so far, or the value at the interval).</param>
/// <param name="Best">The reference: the best trial's value, the median, or the cut-off trial's value.</param>
/// <param name="Threshold">The value the trial had to reach to go on.</param>
/// <param name="Terminate">Whether the policy stopped the trial.</param>
public sealed record PolicyDecision(string TrialId, string Policy, int Interval, double Value, double Best,
    double Threshold, bool Terminate)
{
    /// <summary>Gets when the decision was taken.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
