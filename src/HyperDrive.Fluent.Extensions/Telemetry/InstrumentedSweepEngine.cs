using System.Diagnostics;
using System.Diagnostics.Metrics;
using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperDrive.Fluent.Telemetry;

/// <summary>
/// Wraps any <see cref="ISweepEngine"/> and reports what its runs do: log events (<see cref="HyperDriveEventIds"/>), a
/// span per sweep and per trial (<see cref="HyperDriveTelemetry.ActivitySourceName"/>) and trial counters and durations
/// (<see cref="HyperDriveTelemetry.MeterName"/>). It observes each run through <see cref="SweepRun.WatchAsync"/>, so it
/// works the same for every engine. <c>services.AddHyperDrive()</c> registers the engine wrapped in it; use it directly
/// when you build an engine without dependency injection.
/// </summary>
public sealed class InstrumentedSweepEngine : ISweepEngine
{
    private readonly ILogger _logger;
    private readonly HyperDriveMetrics _metrics;

    /// <summary>Initializes a new instrumented engine.</summary>
    /// <param name="innerEngine">The engine that runs the sweeps.</param>
    /// <param name="loggerFactory">Creates the <see cref="HyperDriveTelemetry.LoggerCategory"/> logger;
    /// <see langword="null"/> logs nothing.</param>
    /// <param name="meterFactory">Creates the meter (hosts register one); <see langword="null"/> uses a process-wide
    /// meter.</param>
    public InstrumentedSweepEngine(ISweepEngine innerEngine, ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(innerEngine);
        InnerEngine = innerEngine;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(HyperDriveTelemetry.LoggerCategory);
        _metrics = HyperDriveMetrics.Create(meterFactory);
    }

    /// <summary>Gets the engine that runs the sweeps.</summary>
    public ISweepEngine InnerEngine { get; }

    /// <inheritdoc />
    public string Name => InnerEngine.Name;

    /// <inheritdoc />
    public async Task<SweepRun> StartAsync(JobDefinition definition, SweepRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var declaredName = options?.RunName ?? definition.Name ?? definition.DisplayName;
        var activity =
            HyperDriveTelemetry.ActivitySource.StartActivity(
            HyperDriveTelemetry.SweepActivityName, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = $"{definition.JobType} {declaredName ?? "(unnamed)"}";
            activity.SetTag(HyperDriveTelemetry.EngineTag, Name);
            if (declaredName is not null)
            {
                activity.SetTag(HyperDriveTelemetry.SweepNameTag, declaredName);
            }

            if (definition is SweepDefinition sweep)
            {
                activity.SetTag(HyperDriveTelemetry.PrimaryMetricTag, sweep.Objective.PrimaryMetric);
            }
        }

        SweepRun run;
        try
        {
            run = await InnerEngine.StartAsync(definition, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.SweepStartFailed(_logger, exception, declaredName ?? "(unnamed)", Name);
            if (activity is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception.Message);
                activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
                {
                    { "exception.type", exception.GetType().FullName },
                    { "exception.message", exception.Message },
                }));
                activity.Stop();
            }

            throw;
        }

        var sweepName = declaredName ?? run.Id;
        if (activity is not null)
        {
            activity.DisplayName = $"{definition.JobType} {sweepName}";
            activity.SetTag(HyperDriveTelemetry.SweepNameTag, sweepName);
            activity.SetTag(HyperDriveTelemetry.RunIdTag, run.Id);
        }

        Log.SweepStarted(_logger, sweepName, Name, run.Id);
        var observer = new SweepObserver(definition, sweepName, run.Id, Name, _logger, _metrics, activity);
        return new InstrumentedSweepRun(run, observer);
    }
}
