using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Runtime;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.Sampling;

namespace HyperDrive.Fluent.Testing;

/// <summary>A run of the <see cref="FakeSweepEngine"/>: each sweep runs on the local engine's scheduler
/// (<see cref="SweepExecution"/>) with the <see cref="ScriptedTrialLauncher"/>, without a folder (its journal keeps
/// no file); updates are replayed to every watcher; cancel stops every running trial and records it as
/// canceled.</summary>
internal sealed class FakeSweepRun : SweepRun
{
    private readonly FakeRunSettings _settings;
    private readonly UpdateHub _hub = new();
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

    public override IAsyncEnumerable<TrialUpdate> WatchAsync(CancellationToken cancellationToken = default) =>
        _hub.WatchAsync(cancellationToken);

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
        var options = new LocalSweepEngineOptions { TimeProvider = _settings.TimeProvider, StreamTrialOutput = false };
        var env = new SweepEnvironment(options, Directory.GetCurrentDirectory(), _hub, _settings.MaxFailedTrials);
        try
        {
            var result = Definition switch
            {
                SweepDefinition sweep =>
                    await RunSweepAsync(env, Id, stepName: null, sweep, cancellationToken).ConfigureAwait(false),
                PipelineDefinition pipeline => await RunPipelineAsync(env, pipeline, cancellationToken).ConfigureAwait(
                    false),
                CommandJobDefinition command =>
                    await RunCommandAsync(env, Id, stepName: null, command, cancellationToken).ConfigureAwait(false),
                _ => throw new NotSupportedException($"The fake engine cannot run a {Definition.JobType} job."),
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
            _hub.Complete();
        }
    }

    /// <summary>Runs a sweep with the real sampler (seeded) and the local scheduler; limits the definition leaves open
    /// are the engine's defaults (<see cref="FakeSweepEngine.DefaultMaxTotalTrials"/>, and every trial at once), so a
    /// run never depends on this machine's processor count.</summary>
    private Task<SweepResult> RunSweepAsync(SweepEnvironment env, string runId, string? stepName, SweepDefinition sweep,
        CancellationToken cancellationToken)
    {
        var maxTotal = sweep.Limits.MaxTotalTrials ?? _settings.DefaultMaxTotalTrials;
        sweep = sweep with
        {
            Limits = sweep.Limits with
                { MaxTotalTrials = maxTotal, MaxConcurrentTrials = sweep.Limits.MaxConcurrentTrials ?? maxTotal },
        };
        var seed = (sweep.SamplingAlgorithm as RandomSampling)?.Seed ?? _settings.Seed;
        return RunAsync(env, runId, stepName, sweep, SamplerFactory.Create(sweep, seed), seed, cancellationToken);
    }

    /// <summary>Runs a command job (or a pipeline's command step) as the local engine does: a one-trial
    /// sweep.</summary>
    private Task<SweepResult> RunCommandAsync(
        SweepEnvironment env, string runId, string? stepName, CommandJobDefinition command,
        CancellationToken cancellationToken) =>
        RunAsync(env, runId, stepName ?? command.Name, SweepPlanner.AsSweep(command, command.Inputs),
            new SingleTrialSampler(), seed: null, cancellationToken);

    private Task<SweepResult> RunAsync(
        SweepEnvironment env, string runId, string? stepName, SweepDefinition sweep, ISampler sampler, int? seed,
            CancellationToken cancellationToken)
    {
        var launcher =
            new ScriptedTrialLauncher(_settings.ScriptFor(stepName), stepName, _settings.ReportInterval,
            _settings.TimeProvider);
        var setup = new SweepExecutionSetup(
            sweep, Folder: null, runId, env, sampler, Plan: null, Replay: null, seed,
                Fingerprint: string.Empty, stepName)
        {
            Launcher = launcher,
        };
        return new SweepExecution(setup).RunAsync(cancellationToken);
    }

    /// <summary>Runs a pipeline's steps with the local engine's pipeline rules
    /// (<see cref="PipelineSchedule"/>).</summary>
    private async Task<SweepResult> RunPipelineAsync(
        SweepEnvironment env, PipelineDefinition pipeline, CancellationToken cancellationToken)
    {
        Task<SweepResult> RunStepAsync(string name, JobDefinition job) => job switch
        {
            SweepDefinition sweep => RunSweepAsync(env, $"{Id}_{name}", name, sweep, cancellationToken),
            CommandJobDefinition command => RunCommandAsync(env, $"{Id}_{name}", name, command, cancellationToken),
            _ => throw new NotSupportedException($"A {job.JobType} job cannot be a pipeline step."),
        };

        var (steps, status, warnings, error) = await PipelineSchedule
            .RunAsync(pipeline, RunStepAsync, succeeded: null, cancellationToken)
            .ConfigureAwait(false);
        return new SweepResult
        {
            RunId = Id,
            Status = status,
            Steps = steps,
            Warnings = [.. warnings, .. steps.SelectMany(s => s.Value.Warnings.Select(w => $"{s.Key}: {w}"))],
            Error = error,
        };
    }
}
