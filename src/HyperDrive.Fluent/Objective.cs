namespace HyperDrive.Fluent;

/// <summary>What a sweep optimizes: a goal for a named primary metric.</summary>
/// <param name="Goal">Maximize or minimize.</param>
/// <param name="PrimaryMetric">The metric name the trials report (Azure pattern <c>[a-zA-Z0-9_]+</c>).</param>
public sealed record Objective(ObjectiveGoal Goal, string PrimaryMetric)
{
    /// <summary>Gets whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> for this
    /// goal.</summary>
    /// <param name="candidate">The new value.</param>
    /// <param name="incumbent">The value to beat.</param>
    /// <returns><see langword="true"/> when <paramref name="candidate"/> is better.</returns>
    public bool IsBetter(double candidate, double incumbent) =>
        Goal == ObjectiveGoal.Maximize ? candidate > incumbent : candidate < incumbent;
}
