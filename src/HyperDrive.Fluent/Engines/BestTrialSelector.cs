namespace HyperDrive.Fluent.Engines;

/// <summary>Azure ML's best-trial rule, shared by every engine: the trial whose best reported value of the primary
/// metric is best for the goal; ties go to the earlier trial.</summary>
public static class BestTrialSelector
{
    /// <summary>Selects the best trial.</summary>
    /// <param name="trials">The trials (any status: a terminated trial's reports count, as on Azure).</param>
    /// <param name="objective">The objective.</param>
    /// <returns>The best trial, or <see langword="null"/> when no trial reported the primary metric.</returns>
    public static TrialResult? SelectBest(IEnumerable<TrialResult> trials, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        TrialResult? best = null;
        double bestValue = 0;
        foreach (var trial in trials.OrderBy(t => t.Number))
        {
            if (trial.BestValue(objective) is not { } value)
            {
                continue;
            }

            if (best is null || objective.IsBetter(value, bestValue))
            {
                best = trial;
                bestValue = value;
            }
        }

        return best;
    }
}
