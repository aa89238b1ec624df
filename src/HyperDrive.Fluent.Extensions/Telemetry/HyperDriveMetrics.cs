using System.Diagnostics.Metrics;

namespace HyperDrive.Fluent.Telemetry;

/// <summary>The instruments of the <see cref="HyperDriveTelemetry.MeterName"/> meter.</summary>
internal sealed class HyperDriveMetrics
{
    private static readonly Lazy<HyperDriveMetrics> SharedInstance =
        new(() => new HyperDriveMetrics(new Meter(HyperDriveTelemetry.MeterName, HyperDriveTelemetry.Version)));

    private HyperDriveMetrics(Meter meter)
    {
        TrialsStarted =
            meter.CreateCounter<long>(HyperDriveTelemetry.TrialsStartedInstrument, "{trial}", "Trials that started.");
        TrialsCompleted =
            meter.CreateCounter<long>(HyperDriveTelemetry.TrialsCompletedInstrument, "{trial}",
            "Trials that completed successfully.");
        TrialsFailed =
            meter.CreateCounter<long>(HyperDriveTelemetry.TrialsFailedInstrument, "{trial}", "Trials that failed.");
        TrialsTerminated =
            meter.CreateCounter<long>(HyperDriveTelemetry.TrialsTerminatedInstrument, "{trial}",
            "Trials stopped by the early termination policy.");
        TrialsCanceled =
            meter.CreateCounter<long>(HyperDriveTelemetry.TrialsCanceledInstrument, "{trial}",
            "Trials canceled by the user, the sweep's end or a timeout.");
        TrialDuration =
            meter.CreateHistogram<double>(HyperDriveTelemetry.TrialDurationInstrument, "s", "How long trials ran.");
    }

    public Counter<long> TrialsStarted { get; }

    public Counter<long> TrialsCompleted { get; }

    public Counter<long> TrialsFailed { get; }

    public Counter<long> TrialsTerminated { get; }

    public Counter<long> TrialsCanceled { get; }

    public Histogram<double> TrialDuration { get; }

    /// <summary>Gets the instruments of <paramref name="meterFactory"/>'s meter (hosts register one), else of a
    /// process-wide meter.</summary>
    /// <param name="meterFactory">The host's meter factory, if any.</param>
    /// <returns>The instruments.</returns>
    public static HyperDriveMetrics Create(IMeterFactory? meterFactory) =>
        meterFactory is null
            ? SharedInstance.Value
            : new HyperDriveMetrics(
                meterFactory.Create(new MeterOptions(HyperDriveTelemetry.MeterName)
                { Version = HyperDriveTelemetry.Version }));
}
