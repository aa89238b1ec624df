using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Telemetry;

/// <summary>A run that behaves exactly like the engine's run, while a background loop feeds its updates to a
/// <see cref="SweepObserver"/>. <see cref="WaitForCompletionAsync"/> returns once the telemetry of the run is complete
/// too.</summary>
internal sealed class InstrumentedSweepRun : SweepRun
{
    private readonly SweepRun _inner;
    private readonly SweepObserver _observer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _observation;

    public InstrumentedSweepRun(SweepRun inner, SweepObserver observer)
    {
        _inner = inner;
        _observer = observer;
        _observation = Task.Run(() => ObserveAsync(_stop.Token));
    }

    public override string Id => _inner.Id;

    public override JobDefinition Definition => _inner.Definition;

    public override SweepRunStatus Status => _inner.Status;

    public override Uri? StudioUri => _inner.StudioUri;

    public override IAsyncEnumerable<TrialUpdate> WatchAsync(CancellationToken cancellationToken = default) =>
        _inner.WatchAsync(cancellationToken);

    public override Task CancelAsync(CancellationToken cancellationToken = default) =>
        _inner.CancelAsync(cancellationToken);

    public override async Task<SweepResult> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        var result = await _inner.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        await _observation.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _observation.ConfigureAwait(false);
        _stop.Dispose();
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private async Task ObserveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in _inner.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                _observer.OnUpdate(update);
            }

            var result = await _inner.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            _observer.OnCompleted(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _observer.OnAbandoned(_inner.Status);
        }
#pragma warning disable CA1031 // Telemetry must never break the user's run: the failure is logged and the run goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _observer.OnWatchFailed(exception, _inner.Status);
        }
    }
}
