using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>The scheduler's seam for early termination: evaluates one trial at one interval against every trial's
/// primary-metric history and returns the decision (or <see langword="null"/> when the policy does not apply then).</summary>
internal interface ITrialPolicy
{
    PolicyDecision? Evaluate(string trialId, int interval, IReadOnlyList<PolicyTrialView> trials);
}

/// <summary>What a policy sees of a trial: its primary-metric values in report order and whether it has finished.</summary>
internal sealed record PolicyTrialView(string TrialId, IReadOnlyList<double> Values, bool IsFinished);
