using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Testing;

/// <summary>
/// An <see cref="ISweepEngine"/> for tests of host-app logic, with no processes and no Azure: trial parameters come
/// from the sweep's real sampler (seeded), every trial reports the metric values its script gives, and the sweep rules
/// every engine shares (<see cref="TrialLedger"/>: values that count, the early-termination policy, the best trial,
/// failures and the sweep's status) decide which trials are stopped, which one is best and how the sweep ends.
/// </summary>
/// <example>
/// <code>
/// var engine = new FakeSweepEngine()
///     .Script(trial =&gt; trial.Report("r2", 0.41, 0.44, 0.47));
/// var run = await engine.StartAsync(sweep);
/// var result = await run.WaitForCompletionAsync();
/// </code>
/// </example>
public sealed class FakeSweepEngine : ISweepEngine
{
    private readonly Dictionary<string, Action<FakeTrial>> _stepScripts = new(StringComparer.Ordinal);
    private readonly List<SweepRun> _runs = [];
    private Action<FakeTrial>? _script;
    private int _runCount;

    /// <summary>Initializes a fake engine.</summary>
    /// <param name="timeProvider">The clock for timestamps, <see cref="ReportInterval"/> and timeouts (a
    /// <c>FakeTimeProvider</c> lets a test step through a run); <see langword="null"/> for the system clock.</param>
    public FakeSweepEngine(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name { get; init; } = "fake";

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets or sets the time between two rounds of reports (on <see cref="TimeProvider"/>).</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>: the run goes as fast as it can.</value>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the sampler seed used when the definition sets none, so runs are reproducible.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; }

    /// <summary>Gets or sets how many trials a sweep without <c>max_total_trials</c> runs (grids stop when
    /// exhausted).</summary>
    /// <value>The default value is 20.</value>
    public int DefaultMaxTotalTrials { get; set; } = 20;

    /// <summary>Gets the runs started so far, in order (to assert what host code started).</summary>
    public IReadOnlyList<SweepRun> Runs
    {
        get
        {
            lock (_runs)
            {
                return [.. _runs];
            }
        }
    }

    /// <summary>Sets the script of every trial (of every sweep step without its own script): called when the trial
    /// starts, with its parameters, to schedule its reports, e.g. <c>t =&gt; t.Report("r2", 1 -
    /// Math.Abs(t.Parameter&lt;double&gt;("alpha") - 0.3))</c>. A trial without a script reports nothing and
    /// completes.</summary>
    /// <param name="script">The script.</param>
    /// <returns>The same engine.</returns>
    public FakeSweepEngine Script(Action<FakeTrial> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        _script = script;
        return this;
    }

    /// <summary>Sets the script of the trials of one pipeline step (a sweep step's trials, or a command step's single
    /// trial).</summary>
    /// <param name="stepName">The step.</param>
    /// <param name="script">The script.</param>
    /// <returns>The same engine.</returns>
    public FakeSweepEngine Script(string stepName, Action<FakeTrial> script)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        ArgumentNullException.ThrowIfNull(script);
        _stepScripts[stepName] = script;
        return this;
    }

    /// <inheritdoc />
    public Task<SweepRun> StartAsync(JobDefinition definition, SweepRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        cancellationToken.ThrowIfCancellationRequested();
        var problems = definition switch
        {
            SweepDefinition sweep => sweep.Validate(),
            PipelineDefinition pipeline => pipeline.Validate(),
            CommandJobDefinition command => command.Validate(),
            _ => [],
        };
        HyperDriveValidationException.ThrowIfErrors(problems, $"The {definition.JobType} definition is not valid.");

        var number = Interlocked.Increment(ref _runCount);
        var runId = options?.RunName ?? definition.Name ?? $"fake_run_{number}";
        var settings =
            new FakeRunSettings(TimeProvider, ReportInterval, Seed, DefaultMaxTotalTrials, _script,
            new Dictionary<string, Action<FakeTrial>>(_stepScripts, StringComparer.Ordinal), options?.MaxFailedTrials);
        var run = new FakeSweepRun(runId, definition, settings);
        lock (_runs)
        {
            _runs.Add(run);
        }

        return Task.FromResult<SweepRun>(run);
    }
}
