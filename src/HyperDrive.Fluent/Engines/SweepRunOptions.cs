namespace HyperDrive.Fluent.Engines;

/// <summary>Options of one run, common to every engine.</summary>
public sealed record SweepRunOptions
{
    /// <summary>Gets the run's name (the Azure ML job name, the local run folder's name).</summary>
    /// <value>The default value is <see langword="null"/>: the definition's name, else a generated one.</value>
    public string? RunName { get; init; }

    /// <summary>Gets the folder results are written to (local engine; Azure results are downloaded there).</summary>
    /// <value>The default value is <see langword="null"/>: the engine's default.</value>
    public string? OutputDirectory { get; init; }

    /// <summary>Gets the folder relative paths in the definition (code, local inputs) are resolved against.</summary>
    /// <value>The default value is <see langword="null"/>: the current directory.</value>
    public string? BaseDirectory { get; init; }

    /// <summary>Gets how many failed trials stop the sweep early (it ends <see cref="SweepRunStatus.Failed"/>), so a
    /// broken script does not use the whole budget. A failed trial is one that failed, or that ended without a counted
    /// value of the primary metric (see <see cref="TrialLedger"/>). Engines that run trials themselves (local, fake)
    /// apply it.</summary>
    /// <value>The default value is <see langword="null"/>: the sweep stops when its first <c>max_concurrent_trials</c>
    /// trials all failed the same way. Must be 1 or more.</value>
    public int? MaxFailedTrials
    {
        get => _maxFailedTrials;
        init
        {
            if (value is { } max)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxFailedTrials));
            }

            _maxFailedTrials = value;
        }
    }

    /// <summary>Gets whether resuming a run accepts changes to its definition that keep every finished trial valid: the
    /// limits (e.g. a larger <c>max_total_trials</c>) and the early-termination policy. Other changes (command, search
    /// space, sampling, objective, inputs, outputs, environment variables) are refused either way, since the finished
    /// trials would not belong to the changed sweep.</summary>
    /// <value>The default value is <see langword="false"/>: a resume refuses any change and lists it.</value>
    public bool AcceptCompatibleChanges { get; init; }

    private readonly int? _maxFailedTrials;
}
