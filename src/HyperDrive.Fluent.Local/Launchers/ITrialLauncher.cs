using HyperDrive.Fluent.Local.Runtime;

namespace HyperDrive.Fluent.Local.Launchers;

/// <summary>
/// Runs one trial for the scheduler (<see cref="SweepExecution"/>): a process per trial, an in-process delegate, or, in
/// the testing kit, a script. The launcher reports what the trial measured through its <see cref="ITrialSink"/>; the
/// scheduler decides everything else (which values count, policy stops, timeouts, the best trial) with the sweep's
/// ledger.
/// </summary>
internal interface ITrialLauncher
{
    /// <summary>Runs the trial until it exits or <paramref name="stop"/> is canceled (the policy, a trial timeout or
    /// the sweep stopped it; the launcher then ends the trial and throws
    /// <see cref="OperationCanceledException"/>).</summary>
    /// <param name="trial">The trial, with its number, id, parameters and folder.</param>
    /// <param name="sink">Where the trial's metric values, notes and output lines go.</param>
    /// <param name="stop">Stops the trial.</param>
    /// <returns>How the trial exited.</returns>
    Task<TrialExit> RunAsync(TrialState trial, ITrialSink sink, CancellationToken stop);

    /// <summary>Waits until one of the running trials ends and returns its task. A launcher that paces its trials (the
    /// testing kit's scripted launcher, which reports in rounds) advances them here; the others just wait.</summary>
    /// <param name="running">The running trials, by the scheduler's task of each.</param>
    /// <param name="sweepStop">Canceled when the sweep stops.</param>
    /// <returns>A task of <paramref name="running"/> that has ended.</returns>
    Task<Task> WhenAnyEndsAsync(IReadOnlyDictionary<Task, TrialState> running, CancellationToken sweepStop) =>
        Task.WhenAny(running.Keys);
}
