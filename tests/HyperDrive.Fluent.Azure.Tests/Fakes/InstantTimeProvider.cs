using System.Collections.Concurrent;

namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>A clock whose timers fire at once: every requested wait is recorded and added to the clock, so polling code
/// runs without sleeping and tests can assert how long it meant to wait.</summary>
public sealed class InstantTimeProvider : TimeProvider
{
    private long _ticks = new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new InstantTimer(this, callback, state, dueTime);

    private void Fire(TimerCallback callback, object? state, TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        Delays.Enqueue(dueTime);
        Interlocked.Add(ref _ticks, dueTime.Ticks);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
    }

    private sealed class InstantTimer : ITimer
    {
        private readonly InstantTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;

        public InstantTimer(InstantTimeProvider owner, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
            owner.Fire(callback, state, dueTime);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _owner.Fire(_callback, _state, dueTime);
            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
