namespace HyperDrive.Fluent.Azure;

/// <summary>Options of an <see cref="AzureMLSweepEngine"/>.</summary>
public sealed record AzureMLSweepEngineOptions
{
    private readonly TimeSpan _pollInterval = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _maxPollInterval = TimeSpan.FromMinutes(1);
    private readonly TimeSpan _defaultWatchBound = TimeSpan.FromDays(1);

    /// <summary>Gets how long a watched run waits between polls while something changes.</summary>
    /// <value>The default value is 10 seconds. Must be positive.</value>
    public TimeSpan PollInterval
    {
        get => _pollInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _pollInterval = value;
        }
    }

    /// <summary>Gets the longest wait between polls: while nothing changes the wait doubles up to this (a longer
    /// <c>Retry-After</c> from the service is always honoured).</summary>
    /// <value>The default value is 1 minute. Must be positive.</value>
    public TimeSpan MaxPollInterval
    {
        get => _maxPollInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _maxPollInterval = value;
        }
    }

    /// <summary>Gets the clock the watch loop waits on (tests pass a fake one).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets where the engine says what it did on its own while submitting (a submission that went on with the
    /// job it found by name after the PUT's reply was lost or unreadable; a code folder's symbolic link that was left
    /// out). The CLI prints it to standard error. A watched run says what it rides out (an unknown status, a storm of
    /// throttling or server errors) as <see cref="HyperDrive.Fluent.Engines.TrialUpdateKind.Notice"/> updates
    /// instead.</summary>
    /// <value>The default value is <see langword="null"/> (notices are dropped).</value>
    public Action<string>? OnNotice { get; init; }

    /// <summary>Gets how long a watched job may report a status this client does not know (it is counted as running
    /// meanwhile) when its definition has no timeout of its own (a sweep's <c>limits.timeout</c> bounds it otherwise),
    /// and how long a watch rides out a storm of 429/5xx replies or dropped connections before it gives up.</summary>
    /// <value>The default value is 1 day. Must be positive.</value>
    public TimeSpan DefaultWatchBound
    {
        get => _defaultWatchBound;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _defaultWatchBound = value;
        }
    }

    /// <summary>Gets whether a completed sweep's <see cref="SweepDefinition.RegisterBestModel"/> is registered by
    /// <see cref="AzureMLSweepRun.WaitForCompletionAsync"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RegisterBestModel { get; init; } = true;
}
