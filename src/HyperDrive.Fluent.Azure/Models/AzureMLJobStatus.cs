using System.ComponentModel;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure.Models;

/// <summary>The status of an Azure ML job (REST <c>JobStatus</c>, an extensible enum: unknown values are kept as they
/// are).</summary>
public readonly struct AzureMLJobStatus : IEquatable<AzureMLJobStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a status from its wire value.</summary>
    /// <param name="value">The value, e.g. <c>Running</c>.</param>
    public AzureMLJobStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>Gets <c>NotStarted</c>.</summary>
    public static AzureMLJobStatus NotStarted { get; } = new("NotStarted");

    /// <summary>Gets <c>Starting</c>.</summary>
    public static AzureMLJobStatus Starting { get; } = new("Starting");

    /// <summary>Gets <c>Provisioning</c>.</summary>
    public static AzureMLJobStatus Provisioning { get; } = new("Provisioning");

    /// <summary>Gets <c>Preparing</c>.</summary>
    public static AzureMLJobStatus Preparing { get; } = new("Preparing");

    /// <summary>Gets <c>Queued</c>.</summary>
    public static AzureMLJobStatus Queued { get; } = new("Queued");

    /// <summary>Gets <c>Running</c>.</summary>
    public static AzureMLJobStatus Running { get; } = new("Running");

    /// <summary>Gets <c>Finalizing</c>.</summary>
    public static AzureMLJobStatus Finalizing { get; } = new("Finalizing");

    /// <summary>Gets <c>CancelRequested</c>.</summary>
    public static AzureMLJobStatus CancelRequested { get; } = new("CancelRequested");

    /// <summary>Gets <c>Completed</c>.</summary>
    public static AzureMLJobStatus Completed { get; } = new("Completed");

    /// <summary>Gets <c>Failed</c>.</summary>
    public static AzureMLJobStatus Failed { get; } = new("Failed");

    /// <summary>Gets <c>Canceled</c>.</summary>
    public static AzureMLJobStatus Canceled { get; } = new("Canceled");

    /// <summary>Gets <c>NotResponding</c>.</summary>
    public static AzureMLJobStatus NotResponding { get; } = new("NotResponding");

    /// <summary>Gets <c>Paused</c>.</summary>
    public static AzureMLJobStatus Paused { get; } = new("Paused");

    /// <summary>Gets <c>Unknown</c>.</summary>
    public static AzureMLJobStatus Unknown { get; } = new("Unknown");

    /// <summary>Gets whether the job has ended (<c>Completed</c>, <c>Failed</c> or <c>Canceled</c>);
    /// <c>NotResponding</c> and <c>Paused</c> are not terminal.</summary>
    public bool IsTerminal => this == Completed || this == Failed || this == Canceled;

    /// <summary>Gets whether this client knows the status (one of the statuses above other than
    /// <c>Unknown</c>).</summary>
    public bool IsKnown =>
        this == NotStarted || this == Starting || this == Provisioning || this == Preparing || this == Queued
        || this == Running || this == Finalizing || this == CancelRequested || this == Completed || this == Failed
        || this == Canceled || this == NotResponding || this == Paused;

    /// <summary>Gets the engine-neutral status of a sweep run in this state: the one mapping the Azure engine's runs
    /// and the dashboard use. A status this client does not know counts as running (the job has not ended as far as
    /// anyone can tell; <see cref="AzureMLSweepRun"/> says so once).</summary>
    /// <returns>The run status.</returns>
    public SweepRunStatus ToSweepRunStatus() =>
        this == Completed ? SweepRunStatus.Completed
        : this == Failed ? SweepRunStatus.Failed
        : this == Canceled ? SweepRunStatus.Canceled
        : this == CancelRequested ? SweepRunStatus.CancelRequested
        : this == Queued ? SweepRunStatus.Queued
        : this == Running || this == Finalizing || this == NotResponding || this == Paused || !IsKnown
            ? SweepRunStatus.Running
            : SweepRunStatus.NotStarted;

    /// <summary>Compares two statuses (case-insensitively, as the service does).</summary>
    /// <param name="left">The left status.</param>
    /// <param name="right">The right status.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(AzureMLJobStatus left, AzureMLJobStatus right) => left.Equals(right);

    /// <summary>Compares two statuses.</summary>
    /// <param name="left">The left status.</param>
    /// <param name="right">The right status.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(AzureMLJobStatus left, AzureMLJobStatus right) => !left.Equals(right);

    /// <summary>Converts a wire value to a status.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator AzureMLJobStatus(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(AzureMLJobStatus other) =>
        string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is AzureMLJobStatus other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;
}
