using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Runtime;

namespace HyperDrive.Fluent.Local;

/// <summary>A sweep or pipeline running on this machine (started by <see cref="LocalSweepEngine"/>).</summary>
public sealed class LocalSweepRun : SweepRun
{
    private readonly UpdateHub _hub;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<SweepResult> _completion;
    private volatile bool _cancelRequested;

    internal LocalSweepRun(string id, JobDefinition definition, string outputDirectory, UpdateHub hub,
        Func<CancellationToken, Task<SweepResult>> body)
    {
        Id = id;
        Definition = definition;
        OutputDirectory = outputDirectory;
        _hub = hub;
        _completion = RunAsync(body);
    }

    /// <inheritdoc />
    public override string Id { get; }

    /// <inheritdoc />
    public override JobDefinition Definition { get; }

    /// <summary>Gets the run folder (<c>sweep.json</c>, <c>metrics_output.json</c>, <c>journal.jsonl</c>,
    /// <c>trials/</c>, <c>best/</c>).</summary>
    public string OutputDirectory { get; }

    /// <inheritdoc />
    public override SweepRunStatus Status => _completion.IsCompleted
        ? _completion.Result.Status
        : _cancelRequested ? SweepRunStatus.CancelRequested : SweepRunStatus.Running;

    /// <inheritdoc />
    public override IAsyncEnumerable<TrialUpdate> WatchAsync(CancellationToken cancellationToken = default) =>
        _hub.WatchAsync(cancellationToken);

    /// <inheritdoc />
    public override async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        _cancelRequested = true;
        if (!_completion.IsCompleted)
        {
            await _cancel.CancelAsync().ConfigureAwait(false);
        }

        await _completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task<SweepResult> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        _completion.WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        if (!_completion.IsCompleted)
        {
            await CancelAsync().ConfigureAwait(false);
        }

        _cancel.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private async Task<SweepResult> RunAsync(Func<CancellationToken, Task<SweepResult>> body)
    {
        await Task.Yield();
        try
        {
            return await body(_cancel.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the run's failure is its result
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SweepResult
                { RunId = Id, Status = SweepRunStatus.Failed, Error = ex.Message, OutputDirectory = OutputDirectory };
        }
        finally
        {
            _hub.Complete();
        }
    }
}
