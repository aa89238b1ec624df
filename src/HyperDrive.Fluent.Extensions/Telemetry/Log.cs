using Microsoft.Extensions.Logging;

namespace HyperDrive.Fluent.Telemetry;

/// <summary>The source-generated log events (ids in <see cref="HyperDriveEventIds"/>). Nothing here logs credentials,
/// tokens or trial output; parameters and metric values are the user's own numbers.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = HyperDriveEventIds.SweepStarted, EventName = nameof(SweepStarted),
        Level = LogLevel.Information,
        Message = "Sweep {SweepName} started on the {Engine} engine as run {RunId}")]
    public static partial void SweepStarted(ILogger logger, string sweepName, string engine, string runId);

    [LoggerMessage(EventId = HyperDriveEventIds.SweepStartFailed, EventName = nameof(SweepStartFailed),
        Level = LogLevel.Error,
        Message = "Sweep {SweepName} could not be started on the {Engine} engine")]
    public static partial void SweepStartFailed(ILogger logger, Exception exception, string sweepName, string engine);

    [LoggerMessage(EventId = HyperDriveEventIds.TrialStarted, EventName = nameof(TrialStarted),
        Level = LogLevel.Information,
        Message = "Trial {TrialId} started with {Parameters}")]
    public static partial void TrialStarted(ILogger logger, string trialId, string parameters);

    [LoggerMessage(EventId = HyperDriveEventIds.TrialFinished, EventName = nameof(TrialFinished),
        Level = LogLevel.Information,
        Message = "Trial {TrialId} {Status} after {DurationSeconds} s; best {PrimaryMetric} {BestValue}")]
    public static partial void TrialFinished(ILogger logger, string trialId, string status, double durationSeconds,
        string primaryMetric, string bestValue);

    [LoggerMessage(EventId = HyperDriveEventIds.TrialFailed, EventName = nameof(TrialFailed), Level = LogLevel.Warning,
        Message = "Trial {TrialId} failed: {Reason}")]
    public static partial void TrialFailed(ILogger logger, string trialId, string reason);

    [LoggerMessage(EventId = HyperDriveEventIds.TrialTerminated, EventName = nameof(TrialTerminated),
        Level = LogLevel.Information,
        Message =
            "Trial {TrialId} terminated by the {Policy} policy at interval {Interval}: value {Value}, threshold " +
            "{Threshold}, best {Best}")]
    public static partial void TrialTerminated(ILogger logger, string trialId, string policy, int interval,
        double value, double threshold, double best);

    [LoggerMessage(EventId = HyperDriveEventIds.BestTrialChanged, EventName = nameof(BestTrialChanged),
        Level = LogLevel.Information,
        Message = "Trial {TrialId} is the best so far: {PrimaryMetric} = {Value}")]
    public static partial void BestTrialChanged(ILogger logger, string trialId, string primaryMetric, double value);

    [LoggerMessage(EventId = HyperDriveEventIds.SweepFinished, EventName = nameof(SweepFinished),
        Message =
            "Sweep {SweepName} (run {RunId}) {Status}: {TrialCount} trials, {Completed} completed, {Terminated} " +
            "terminated, {Failed} failed, {Canceled} canceled; best trial {BestTrialId} with {PrimaryMetric} " +
            "{BestValue}")]
    public static partial void SweepFinished(
        ILogger logger, LogLevel level, string sweepName, string runId, string status, int trialCount, int completed,
            int terminated, int failed, int canceled,
        string bestTrialId, string primaryMetric, string bestValue);

    [LoggerMessage(EventId = HyperDriveEventIds.SweepNotice, EventName = nameof(SweepNotice),
        Level = LogLevel.Information,
        Message = "Sweep {SweepName}: {Notice}")]
    public static partial void SweepNotice(ILogger logger, string sweepName, string notice);

    [LoggerMessage(EventId = HyperDriveEventIds.PolicyEvaluated, EventName = nameof(PolicyEvaluated),
        Level = LogLevel.Debug,
        Message =
            "Trial {TrialId} goes on after the {Policy} policy at interval {Interval}: value {Value}, threshold " +
            "{Threshold}, best {Best}")]
    public static partial void PolicyEvaluated(ILogger logger, string trialId, string policy, int interval,
        double value, double threshold, double best);

    [LoggerMessage(EventId = HyperDriveEventIds.WatchFailed, EventName = nameof(WatchFailed), Level = LogLevel.Warning,
        Message = "Watching sweep {SweepName} (run {RunId}) for telemetry failed; the run itself is not affected")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string sweepName, string runId);
}
