using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Testing;

/// <summary>A run of the <see cref="FakeSweepEngine"/>: the simulation runs in the background from the start; updates are
/// replayed to every watcher; cancel stops every running trial and records it as canceled.</summary>
internal sealed class FakeSweepRun : SweepRun
{
    private readonly FakeRunSettings _settings;
    private readonly UpdateLog _log = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<SweepResult> _completion;
    private volatile SweepRunStatus _status = SweepRunStatus.Running;

    public FakeSweepRun(string id, JobDefinition definition, FakeRunSettings settings)
    {
        Id = id;
        Definition = definition;
        _settings = settings;
        _completion = Task.Run(() => RunAsync(_cancel.Token));
    }

    public override string Id { get; }

    public override JobDefinition Definition { get; }

    public override SweepRunStatus Status => _status;

    public override IAsyncEnumerable<TrialUpdate> WatchAsync(CancellationToken cancellationToken = default) => _log.WatchAsync(cancellationToken);

    public override async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        if (!_completion.IsCompleted)
        {
            _status = SweepRunStatus.CancelRequested;
            await _cancel.CancelAsync().ConfigureAwait(false);
        }

        await _completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task<SweepResult> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        _completion.WaitAsync(cancellationToken);

    protected override async ValueTask DisposeAsyncCore()
    {
        await CancelAsync().ConfigureAwait(false);
        _cancel.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = Definition switch
            {
                SweepDefinition sweep => await FakeSweepSimulation.RunSweepAsync(_settings, _log, Id, null, sweep, cancellationToken).ConfigureAwait(false),
                PipelineDefinition pipeline => await RunPipelineAsync(pipeline, cancellationToken).ConfigureAwait(false),
                _ => await FakeSweepSimulation.RunCommandAsync(_settings, _log, Id, Definition.Name ?? "command", cancellationToken).ConfigureAwait(false),
            };
            _status = result.Status;
            return result;
        }
        catch
        {
            _status = SweepRunStatus.Failed;
            throw;
        }
        finally
        {
            _log.Complete();
        }
    }

    private async Task<SweepResult> RunPipelineAsync(PipelineDefinition pipeline, CancellationToken cancellationToken)
    {
        var steps = new Dictionary<string, SweepResult>(StringComparer.Ordinal);
        var status = SweepRunStatus.Completed;
        foreach (var name in pipeline.GetExecutionOrder())
        {
            if (status == SweepRunStatus.Canceled || (status == SweepRunStatus.Failed && pipeline.Settings.ContinueOnStepFailure != true))
            {
                break;
            }

            var step = pipeline.Jobs[name] is SweepDefinition sweep
                ? await FakeSweepSimulation.RunSweepAsync(_settings, _log, Id, name, sweep, cancellationToken).ConfigureAwait(false)
                : await FakeSweepSimulation.RunCommandAsync(_settings, _log, Id, name, cancellationToken).ConfigureAwait(false);
            steps[name] = step;
            if (step.Status is SweepRunStatus.Canceled or SweepRunStatus.Failed)
            {
                status = step.Status;
            }
        }

        return new SweepResult
        {
            RunId = Id,
            Status = status,
            Steps = steps,
            Warnings = steps.SelectMany(s => s.Value.Warnings.Select(w => $"{s.Key}: {w}")).ToList(),
        };
    }
}
