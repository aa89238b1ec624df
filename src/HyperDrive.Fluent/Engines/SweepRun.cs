namespace HyperDrive.Fluent.Engines;

/// <summary>A started run of a sweep or pipeline, on any engine.</summary>
public abstract class SweepRun : IAsyncDisposable
{
    /// <summary>Gets the run's id (the job name).</summary>
    public abstract string Id { get; }

    /// <summary>Gets the definition being run.</summary>
    public abstract JobDefinition Definition { get; }

    /// <summary>Gets the current status.</summary>
    public abstract SweepRunStatus Status { get; }

    /// <summary>Gets where a person can watch the run (the Azure ML Studio page), if anywhere.</summary>
    public virtual Uri? StudioUri => null;

    /// <summary>Streams what happens in the run, from its start, until it ends or <paramref name="cancellationToken"/>
    /// fires.</summary>
    /// <param name="cancellationToken">Stops watching (not the run).</param>
    /// <returns>The updates in order.</returns>
    public abstract IAsyncEnumerable<TrialUpdate> WatchAsync(CancellationToken cancellationToken = default);

    /// <summary>Cancels the run: stops every trial and records them as canceled.</summary>
    /// <param name="cancellationToken">Stops waiting for the cancellation to complete.</param>
    /// <returns>A task that completes when the run has stopped.</returns>
    public abstract Task CancelAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits for the run to end.</summary>
    /// <param name="cancellationToken">Stops waiting (not the run).</param>
    /// <returns>The result.</returns>
    public abstract Task<SweepResult> WaitForCompletionAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the run's resources; a still-running local run is canceled.</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
