namespace HyperDrive.Fluent.Extensions;

/// <summary>What the <c>AddHyperDrive</c> calls recorded: where the options come from (for error messages) and the
/// named definitions. Filled lazily through the options system, so nothing is read at registration time.</summary>
internal sealed class HyperDriveRegistration
{
    /// <summary>Gets or sets the configuration path the options are bound from (named in validation
    /// messages).</summary>
    public string SectionPath { get; set; } = HyperDriveOptions.SectionName;

    /// <summary>Gets the named definitions, in registration order.</summary>
    public List<SweepRegistration> Sweeps { get; } = [];
}
