namespace HyperDrive.Fluent.Cli;

/// <summary>Where a command writes: the payload to <see cref="Out"/>, diagnostics to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>Gets what the commands take from the outside world (environment, credentials, Azure client
    /// settings).</summary>
    public CliServices Services { get; init; } = CliServices.Default;
}
