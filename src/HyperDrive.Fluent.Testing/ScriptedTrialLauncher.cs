using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Launchers;
using HyperDrive.Fluent.Local.Runtime;

namespace HyperDrive.Fluent.Testing;

/// <summary>
/// Runs a <see cref="FakeSweepEngine"/>'s trials from their scripts on the local engine's scheduler, in rounds: once
/// every running trial has started, each reports its next scheduled values in trial order (the scheduler's ledger
/// evaluates the policy after each), and a trial whose script is exhausted ends. Between rounds the clock advances by
/// <see cref="FakeSweepEngine.ReportInterval"/>. So a run is the same every time for a given seed and script.
/// </summary>
internal sealed class ScriptedTrialLauncher(
    Action<FakeTrial>? script, string? stepName, TimeSpan reportInterval, TimeProvider time) : ITrialLauncher
{
    private readonly object _gate = new();
    private readonly Dictionary<int, ScriptedTrial> _trials = [];
    private readonly Dictionary<int, TaskCompletionSource> _arrivals = [];

    public Task<TrialExit> RunAsync(TrialState trial, ITrialSink sink, CancellationToken stop)
    {
        var fake = new FakeTrial(trial.Id, trial.Number, stepName, trial.Parameters);
        string? scriptError = null;
        try
        {
            script?.Invoke(fake);
        }
#pragma warning disable CA1031 // A script that throws is a failing trial, as a crashing process would be.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            scriptError = $"The trial's script threw {exception.GetType().Name}: {exception.Message}";
        }

        var scripted = new ScriptedTrial(fake, sink, scriptError, stop);
        lock (_gate)
        {
            _trials[trial.Number] = scripted;
        }

        ArrivalOf(trial.Number).TrySetResult();
        return scripted.Exit;
    }

    public async Task<Task> WhenAnyEndsAsync(IReadOnlyDictionary<Task, TrialState> running, CancellationToken sweepStop)
    {
        while (true)
        {
            // Trials that ended (in the last round, or stopped since) end for the scheduler in trial order, each one
            // once all of them have: which ends first never depends on thread timing.
            var ending = running.Where(r => r.Key.IsCompleted || Find(r.Value.Number)?.IsEnding == true).ToList();
            if (ending.Count > 0)
            {
                foreach (var (_, trial) in ending.OrderBy(r => r.Value.Number))
                {
                    Find(trial.Number)?.EndIfStopped();
                }

                await Task.WhenAll(ending.Select(r => r.Key.ContinueWith(static _ => { }, TaskScheduler.Default)))
                    .ConfigureAwait(false);
                return ending.MinBy(r => r.Value.Number).Key;
            }

            // Every running trial reaches its script before a round (or ends before it does).
            await Task.WhenAll(running.Select(r => Task.WhenAny(r.Key, ArrivalOf(r.Value.Number).Task))).ConfigureAwait(
                false);
            if (running.Keys.Any(t => t.IsCompleted))
            {
                continue;
            }

            foreach (var number in running.Values.Select(t => t.Number).Order())
            {
                Find(number)?.Step();
            }

            await PauseAsync(sweepStop).ConfigureAwait(false);
        }
    }

    private async Task PauseAsync(CancellationToken sweepStop)
    {
        if (reportInterval <= TimeSpan.Zero)
        {
            await Task.Yield();
            return;
        }

        try
        {
            await Task.Delay(reportInterval, time, sweepStop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the sweep stopped: its trials end now
        }
    }

    private ScriptedTrial? Find(int number)
    {
        lock (_gate)
        {
            return _trials.GetValueOrDefault(number);
        }
    }

    private TaskCompletionSource ArrivalOf(int number)
    {
        lock (_gate)
        {
            if (!_arrivals.TryGetValue(number, out var arrival))
            {
                _arrivals[number] = arrival =
                    new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return arrival;
        }
    }

    /// <summary>One trial's script as it plays: the next tick to report, and how it ended. The trial ends on the
    /// round's thread (its exit's continuations run inline), so the scheduler records trials that end in one round in
    /// trial order.
    /// </summary>
    /// <remarks>A stop (the policy, a timeout, the sweep stopping) takes effect on the round's thread, never inside the
    /// cancel that requested it.</remarks>
    private sealed class ScriptedTrial(FakeTrial script, ITrialSink sink, string? scriptError, CancellationToken stop)
    {
        private readonly TaskCompletionSource<TrialExit> _exit = new();
        private int _nextTick;
        private int _ended;

        public Task<TrialExit> Exit => _exit.Task;

        public bool IsEnded => Volatile.Read(ref _ended) == 1;

        /// <summary>Gets whether the trial ended or was told to stop (it ends when the launcher next looks).</summary>
        public bool IsEnding => IsEnded || stop.IsCancellationRequested;

        public void EndIfStopped()
        {
            if (stop.IsCancellationRequested && Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _exit.TrySetCanceled(stop);
            }
        }

        /// <summary>Reports the next tick's values; ends the trial when its script is exhausted.</summary>
        public void Step()
        {
            EndIfStopped();
            if (IsEnded)
            {
                return;
            }

            if (scriptError is not null)
            {
                End(new TrialExit(Failure: scriptError));
                return;
            }

            var ticks = script.Ticks;
            if (_nextTick < ticks.Count)
            {
                foreach (var (metric, value) in ticks[_nextTick])
                {
                    sink.Metric(new MetricValue(metric, value, 0, sink.Time.GetUtcNow()), "script",
                        explicitStep: false);
                    EndIfStopped();
                    if (IsEnded)
                    {
                        return; // the policy stopped it: the rest of its tick is never reported
                    }
                }

                _nextTick++;
            }

            if (_nextTick >= ticks.Count)
            {
                End(script.FailureReason is { } reason ? new TrialExit(Failure: reason) : TrialExit.Succeeded);
            }
        }

        private void End(TrialExit exit)
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _exit.TrySetResult(exit);
            }
        }
    }
}
