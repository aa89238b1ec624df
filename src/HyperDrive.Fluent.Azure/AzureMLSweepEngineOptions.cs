namespace HyperDrive.Fluent.Azure;

/// <summary>Options of an <see cref="AzureMLSweepEngine"/>.</summary>
public sealed record AzureMLSweepEngineOptions
{
    private readonly TimeSpan _pollInterval = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _maxPollInterval = TimeSpan.FromMinutes(1);

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

    /// <summary>Gets whether a completed sweep's <see cref="SweepDefinition.RegisterBestModel"/> is registered by
    /// <see cref="AzureMLSweepRun.WaitForCompletionAsync"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RegisterBestModel { get; init; } = true;
}
