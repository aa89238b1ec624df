using System.Runtime.CompilerServices;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>Keeps every update of a run and replays them, from the start, to any number of watchers.</summary>
internal sealed class UpdateHub
{
    private readonly List<TrialUpdate> _updates = [];
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _completed;

    public void Publish(TrialUpdate update)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _updates.Add(update);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _completed = true;
            changed = _changed;
        }

        changed.TrySetResult();
    }

    public async IAsyncEnumerable<TrialUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = 0;
        var batch = new List<TrialUpdate>();
        while (true)
        {
            Task wait;
            bool done;
            lock (_gate)
            {
                for (; next < _updates.Count; next++)
                {
                    batch.Add(_updates[next]);
                }

                done = _completed;
                wait = _changed.Task;
            }

            foreach (var update in batch)
            {
                yield return update;
            }

            batch.Clear();
            if (done)
            {
                yield break;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
