using System.Diagnostics;
using System.Reflection;

namespace HyperDrive.Fluent.Telemetry;

/// <summary>
/// The names HyperDrive.Fluent reports telemetry under, for OpenTelemetry and log filters:
/// <c>tracing.AddSource(HyperDriveTelemetry.ActivitySourceName)</c>,
/// <c>metrics.AddMeter(HyperDriveTelemetry.MeterName)</c>, and the <see cref="LoggerCategory"/> log category.
/// </summary>
public static class HyperDriveTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: one span per sweep
    /// (<see cref="SweepActivityName"/>) and one child span per trial (<see cref="TrialActivityName"/>).</summary>
    public const string ActivitySourceName = "HyperDrive.Fluent";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> holding the trial counters and the trial
    /// duration histogram.</summary>
    public const string MeterName = "HyperDrive.Fluent";

    /// <summary>The log category of every HyperDrive.Fluent log event (see <see cref="HyperDriveEventIds"/>).</summary>
    public const string LoggerCategory = "HyperDrive.Fluent";

    /// <summary>The operation name of a sweep's span (its display name is <c>sweep {name}</c>).</summary>
    public const string SweepActivityName = "hyperdrive.sweep";

    /// <summary>The operation name of a trial's span (its display name is <c>trial {id}</c>).</summary>
    public const string TrialActivityName = "hyperdrive.trial";

    /// <summary>Counter of trials that started (unit <c>{trial}</c>).</summary>
    public const string TrialsStartedInstrument = "hyperdrive.trials.started";

    /// <summary>Counter of trials that completed successfully (unit <c>{trial}</c>).</summary>
    public const string TrialsCompletedInstrument = "hyperdrive.trials.completed";

    /// <summary>Counter of trials that failed (unit <c>{trial}</c>).</summary>
    public const string TrialsFailedInstrument = "hyperdrive.trials.failed";

    /// <summary>Counter of trials the early termination policy stopped (unit <c>{trial}</c>).</summary>
    public const string TrialsTerminatedInstrument = "hyperdrive.trials.terminated";

    /// <summary>Counter of trials canceled by the user, the sweep's end or a timeout (unit <c>{trial}</c>).</summary>
    public const string TrialsCanceledInstrument = "hyperdrive.trials.canceled";

    /// <summary>Histogram of trial durations in seconds (unit <c>s</c>), tagged with the trial's final
    /// status.</summary>
    public const string TrialDurationInstrument = "hyperdrive.trial.duration";

    /// <summary>Tag: the engine's name (<c>local</c>, <c>azureml</c>, ...).</summary>
    public const string EngineTag = "hyperdrive.engine";

    /// <summary>Tag: the sweep's name (the definition's name, else its display name, else the run id).</summary>
    public const string SweepNameTag = "hyperdrive.sweep.name";

    /// <summary>Tag: the run id (the job name). On spans only; metrics leave it out to keep cardinality low.</summary>
    public const string RunIdTag = "hyperdrive.run.id";

    /// <summary>Tag: the run's final status.</summary>
    public const string SweepStatusTag = "hyperdrive.sweep.status";

    /// <summary>Tag: the pipeline step, for pipeline runs.</summary>
    public const string StepNameTag = "hyperdrive.step.name";

    /// <summary>Tag: the objective's primary metric.</summary>
    public const string PrimaryMetricTag = "hyperdrive.primary_metric";

    /// <summary>Tag: the trial's id.</summary>
    public const string TrialIdTag = "hyperdrive.trial.id";

    /// <summary>Tag: the trial's final status (<c>completed</c>, <c>failed</c>, <c>terminated</c>,
    /// <c>canceled</c>).</summary>
    public const string TrialStatusTag = "hyperdrive.trial.status";

    /// <summary>Tag: the best value of the primary metric (a trial's own best on its span; the sweep's best on the
    /// sweep span).</summary>
    public const string BestValueTag = "hyperdrive.best_value";

    /// <summary>Tag: the best trial's id, on the sweep span.</summary>
    public const string BestTrialTag = "hyperdrive.best_trial.id";

    /// <summary>Prefix of the tags holding a trial's sampled parameters (<c>hyperdrive.param.alpha</c>).</summary>
    public const string ParameterTagPrefix = "hyperdrive.param.";

    internal static readonly string Version =
        typeof(HyperDriveTelemetry).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);
}
