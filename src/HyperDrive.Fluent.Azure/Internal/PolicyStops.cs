using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>
/// Azure ML shows a trial its early-termination policy stopped as canceled (MLflow <c>KILLED</c>); in a sweep with a
/// policy that was not canceled, a canceled trial that reported the primary metric was stopped by the policy, and every
/// engine calls that <see cref="TrialStatus.Terminated"/>. The one place of that rule: the Azure engine's results and
/// the dashboard's Azure pages.
/// </summary>
internal static class PolicyStops
{
    /// <summary>Gets the trial with the status every engine gives it.</summary>
    /// <param name="trial">The trial as the service lists it.</param>
    /// <param name="sweepHasPolicy">Whether the sweep has an early-termination policy.</param>
    /// <param name="sweepStatus">The sweep job's status.</param>
    /// <param name="objective">The sweep's objective.</param>
    /// <returns>The trial, <see cref="TrialStatus.Terminated"/> when its policy stopped it.</returns>
    public static TrialResult Classify(
        TrialResult trial, bool sweepHasPolicy, AzureMLJobStatus sweepStatus, Objective? objective) =>
        trial.Status == TrialStatus.Canceled
        && sweepHasPolicy
        && sweepStatus != AzureMLJobStatus.Canceled && sweepStatus != AzureMLJobStatus.CancelRequested
        && objective is not null && trial.BestValue(objective) is not null
            ? trial with { Status = TrialStatus.Terminated }
            : trial;
}
