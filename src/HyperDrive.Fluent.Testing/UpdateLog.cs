using System.Runtime.CompilerServices;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Testing;

/// <summary>Every update of a fake run, replayed from the start to each watcher and then streamed until the run ends.</summary>
internal sealed class UpdateLog
{
    private readonly List<TrialUpdate> _updates = [];
    private readonly object _gate = new();
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _completed;

    public IReadOnlyList<TrialUpdate> Snapshot()
    {
        lock (_gate)
        {
            return [.. _updates];
        }
    }

    public void Add(TrialUpdate update)
    {
        TaskCompletionSource pulse;
        lock (_gate)
        {
            _updates.Add(update);
            pulse = _pulse;
            _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        pulse.TrySetResult();
    }

    public void Complete()
    {
        TaskCompletionSource pulse;
        lock (_gate)
        {
            _completed = true;
            pulse = _pulse;
        }

        pulse.TrySetResult();
    }

    public async IAsyncEnumerable<TrialUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = 0;
        while (true)
        {
            TrialUpdate? update = null;
            Task wait;
            lock (_gate)
            {
                if (next < _updates.Count)
                {
                    update = _updates[next++];
                    wait = Task.CompletedTask;
                }
                else if (_completed)
                {
                    yield break;
                }
                else
                {
                    wait = _pulse.Task;
                }
            }

            if (update is not null)
            {
                yield return update;
                continue;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
