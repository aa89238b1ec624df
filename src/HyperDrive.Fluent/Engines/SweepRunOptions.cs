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
}
